namespace PvoFinance.Storage;

/// <summary>
/// How many bytes a string occupies inside a JSON request body, for checking request-size limits before
/// sending. Azure's SDK writes JSON with the default escaping encoder, which passes printable ASCII through
/// except a backslash (two bytes) and a few HTML-sensitive characters, and turns everything else (every
/// non-ASCII char, and <c>" &amp; ' + &lt; &gt; `</c>) into a six-byte <c>\uXXXX</c> escape, so Cyrillic text takes six bytes a char on the wire.
/// </summary>
/// <remarks>
/// Implementation note: counted char by char instead of encoding the string, because every journal append
/// measures every entry (twice: when the grain cuts a batch and when the store checks it). The count is exact
/// for printable text and an upper bound for control characters (some of which the encoder writes in two
/// bytes, like <c>\n</c>), which is the safe side for a limit.
/// </remarks>
public static class JsonWireSize
{
    /// <summary>Bytes <paramref name="value"/> takes in a JSON string literal, quotes excluded.</summary>
    public static long Of(string value)
    {
        long bytes = 0;
        foreach (var c in value)
        {
            bytes += c switch
            {
                '\\' => 2, // written as \\
                >= ' ' and <= '~' and not ('"' or '&' or '\'' or '+' or '<' or '>' or '`') => 1,
                _ => 6,
            };
        }
        return bytes;
    }
}
