using System.Text;

namespace PvoFinance.Documents;

/// <summary>
/// The file types accepted, recognised by their content (magic bytes), not by the name or the declared header alone:
/// PDF, PNG, JPEG, OpenDocument text (ODT) and plain UTF-8 text. Word (DOCX) is not accepted: a ZIP that claims to be
/// one cannot be told from any other ZIP without unpacking it; send it as PDF.
/// </summary>
public static class DocumentType
{
    /// <summary>The media types accepted, each as it is stored and served.</summary>
    public static IReadOnlyList<string> Allowed { get; } =
        ["application/pdf", "image/png", "image/jpeg", "application/vnd.oasis.opendocument.text", "text/plain"];

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    // An ODF package starts with its uncompressed "mimetype" entry (ODF 1.2 part 3, 3.3): the local header is 30 bytes,
    // the name 8, and the content follows at offset 38.
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OdtMime = "mimetypeapplication/vnd.oasis.opendocument.text"u8.ToArray();

    /// <summary>The media type <paramref name="content"/> is, or null when it is none of <see cref="Allowed"/>.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Pdf))
        {
            return "application/pdf";
        }
        if (content.StartsWith(Png))
        {
            return "image/png";
        }
        if (content.StartsWith(Jpeg))
        {
            return "image/jpeg";
        }
        if (content.StartsWith(Zip) && content.Length > 30 + OdtMime.Length && content[30..].StartsWith(OdtMime))
        {
            return "application/vnd.oasis.opendocument.text";
        }
        return IsPlainText(content) ? "text/plain" : null;
    }

    /// <summary>The media type without parameters, lower case (<c>text/plain; charset=utf-8</c> → <c>text/plain</c>).</summary>
    public static string Essence(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();

    // Valid UTF-8 without control characters other than tab, line feed, carriage return and form feed, and not empty.
    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return false;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
            {
                return false;
            }
        }
        return true;
    }
}
