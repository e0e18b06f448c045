using System.Text;

namespace PvoFinance.Banking;

/// <summary>
/// The SEPA character set (EPC guidance, "Latin character set"): a–z A–Z 0–9 / - ? : ( ) . , ' + and space. Dutch banks
/// refuse or mangle anything else, so names and remittance text are transliterated before they go into a file.
/// </summary>
public static class SepaText
{
    private const string Accented = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿŠšŽžČčŁłŃńŚśŹźŻżŘřĚěŮůĞğŞşİı";
    private const string Plain = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYyySsZzCcLlNnSsZzZzRrEeUuGgSsIi";

    /// <summary>True for a character a SEPA file may carry.</summary>
    public static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || "/-?:().,'+ ".Contains(c, StringComparison.Ordinal);

    /// <summary>True when every character of <paramref name="text"/> is allowed.</summary>
    public static bool IsSepa(string text) => text.All(IsAllowed);

    /// <summary>
    /// <paramref name="text"/> in the SEPA set: accents dropped (é → e), ß/æ/ø/&amp; spelled out, anything else a space; runs of
    /// spaces collapsed, trimmed, cut to <paramref name="maxLength"/>. Never empty: an empty result becomes "-".
    /// </summary>
    public static string Transliterate(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var builder = new StringBuilder();
        foreach (var c in text ?? "")
        {
            // A table, not Unicode decomposition: the service runs with invariant globalization, where NFD is not available.
            var plain = Accented.IndexOf(c, StringComparison.Ordinal);
            if (plain >= 0)
            {
                builder.Append(Plain[plain]);
                continue;
            }
            builder.Append(c switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'Æ' => "AE",
                'ø' => "o",
                'Ø' => "O",
                'ĳ' => "ij",
                'Ĳ' => "IJ",
                '&' => "+",
                '’' or '‘' or '`' => "'",
                '–' or '—' => "-",
                _ when IsAllowed(c) => c.ToString(),
                _ => " ",
            });
        }
        var collapsed = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var cut = collapsed.Length <= maxLength ? collapsed : collapsed[..maxLength].TrimEnd();
        return cut.Length == 0 ? "-" : cut;
    }
}
