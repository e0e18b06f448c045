namespace PvoFinance.Silo.Storage;

/// <summary>
/// Splits values that are larger than one table property into several properties of one entity, and
/// joins them back. Both callers count the chunks against a fixed set of property names and refuse
/// anything that would not fit, rather than silently dropping the tail.
/// </summary>
internal static class TableChunks
{
    /// <summary>Slices <paramref name="data"/> into pieces of at most <paramref name="maxBytes"/> bytes.</summary>
    public static List<byte[]> SplitBytes(ReadOnlyMemory<byte> data, int maxBytes)
    {
        var chunks = new List<byte[]>((data.Length + maxBytes - 1) / maxBytes);
        for (var offset = 0; offset < data.Length; offset += maxBytes)
        {
            chunks.Add(data.Slice(offset, Math.Min(maxBytes, data.Length - offset)).ToArray());
        }
        return chunks;
    }

    /// <summary>
    /// Slices <paramref name="text"/> into pieces of <paramref name="chars"/> chars, except that a piece
    /// that would end between the two halves of a surrogate pair takes the low half too (so a piece may
    /// have <paramref name="chars"/> + 1 chars): a lone surrogate is not valid text on the wire.
    /// </summary>
    public static List<string> SplitString(string text, int chars)
    {
        var chunks = new List<string>();
        var offset = 0;
        while (offset < text.Length)
        {
            var length = Math.Min(chars, text.Length - offset);
            if (offset + length < text.Length && char.IsHighSurrogate(text[offset + length - 1]) && char.IsLowSurrogate(text[offset + length]))
            {
                length++;
            }
            chunks.Add(text.Substring(offset, length));
            offset += length;
        }
        return chunks;
    }

    /// <summary>Reads a binary property whatever shape the SDK hands back (bytes, BinaryData, or base64 text without type metadata).</summary>
    public static byte[]? AsBytes(object? value) => value switch
    {
        null => null,
        byte[] b => b,
        BinaryData d => d.ToArray(),
        string s => Convert.FromBase64String(s),
        _ => throw new InvalidOperationException($"Expected a binary property, found {value.GetType().Name}."),
    };
}
