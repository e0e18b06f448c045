using System.Text;

namespace PvoFinance.Banking;

/// <summary>
/// Reads a statement file — camt.053 or MT940, named or sniffed from its first characters — into one
/// <see cref="Statement"/>, refusing it whole when any field is wrong.
/// </summary>
public static class StatementReader
{
    /// <summary>Reads <paramref name="file"/>; <paramref name="format"/> is the format claimed, or null to sniff it.</summary>
    /// <exception cref="StatementException">The file is too large, not the format it claims, or a field is wrong.</exception>
    public static Statement Read(ReadOnlySpan<byte> file, StatementFormat? format = null)
    {
        if (file.Length > Statement.MaxBytes)
        {
            throw new StatementException(null, "file", $"A statement file has at most {Statement.MaxBytes / (1024 * 1024)} MB; this one has {file.Length} bytes.");
        }
        var sniffed = Sniff(file) ?? throw new StatementException(null, "file", "The file is neither a camt.053 statement (XML) nor an MT940 statement (:20: tags).");
        if (format is { } claimed && claimed != sniffed)
        {
            throw new StatementException(null, "format", $"The file was sent as {Name(claimed)} but is {Name(sniffed)}.");
        }
        var statement = sniffed == StatementFormat.Camt053 ? CamtReader.Read(file) : Mt940Reader.Read(Decode(file));
        StatementValidation.Check(statement);
        return statement;
    }

    /// <summary>Reads a file; on refusal <paramref name="error"/> names the entry or line and the field.</summary>
    public static bool TryRead(ReadOnlySpan<byte> file, StatementFormat? format, out Statement? statement, out StatementException? error)
    {
        try
        {
            statement = Read(file, format);
            error = null;
            return true;
        }
        catch (StatementException refused)
        {
            statement = null;
            error = refused;
            return false;
        }
    }

    /// <summary>The format a file's first characters show, or null when neither.</summary>
    public static StatementFormat? Sniff(ReadOnlySpan<byte> file)
    {
        var start = file.StartsWith("\uFEFF"u8) ? file[3..] : file;
        start = start.TrimStart(" \t\r\n"u8);
        if (start.StartsWith("<"u8))
        {
            return StatementFormat.Camt053;
        }
        if (start.StartsWith(":20:"u8) || start.StartsWith("{1:"u8) || start.StartsWith(":940:"u8))
        {
            return StatementFormat.Mt940;
        }
        return null;
    }

    /// <summary>The format's name as a treasurer reads it.</summary>
    public static string Name(StatementFormat format) => format == StatementFormat.Camt053 ? "camt.053" : "MT940";

    private static string Decode(ReadOnlySpan<byte> file)
    {
        // MT940 is the SWIFT character set (a subset of ASCII); banks send Latin-1 or UTF-8 in names. A strict UTF-8
        // decode that fails falls back to Latin-1, which maps every byte.
        try
        {
            return new UTF8Encoding(false, true).GetString(file);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(file);
        }
    }
}
