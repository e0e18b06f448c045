using System.Text.Json;

namespace PvoFinance.Storage;

/// <summary>
/// How many bytes a string occupies inside a JSON request body, for checking request-size limits before
/// sending. Azure's SDK writes JSON with the default escaping encoder, which turns every non-ASCII char
/// (and a few HTML-sensitive ASCII chars) into a six-byte <c>\uXXXX</c> escape, so Cyrillic text takes
/// six bytes a char on the wire. Azurite measures these bytes; measuring them the same way keeps our
/// checks in step with what is actually sent.
/// </summary>
public static class JsonWireSize
{
    /// <summary>Bytes <paramref name="value"/> takes in a JSON string literal, quotes excluded.</summary>
    public static long Of(string value)
    {
        try
        {
            return JsonEncodedText.Encode(value).EncodedUtf8Bytes.Length;
        }
        catch (ArgumentException)
        {
            // Invalid UTF-16 (a lone surrogate) cannot be encoded exactly; six bytes a char is an upper bound.
            return 6L * value.Length;
        }
    }
}
