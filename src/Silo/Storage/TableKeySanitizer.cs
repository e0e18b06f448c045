using System.Text;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// Turns arbitrary text (grain ids, state names) into Azure Table keys.
/// </summary>
/// <remarks>
/// Azure forbids '/', '\', '#' and '?' in keys. Replacing them with '_' (as Orleans' own provider does) makes
/// "a/b" and "a_b" the same key, so two grains would share a row. We escape instead: each forbidden
/// character and the escape character '~' itself become '~' plus two hex digits, which is reversible and
/// therefore collision-free. Control characters have no sensible escape in a key we also log, so they are
/// refused, as are results longer than <see cref="AzureTableLimits.MaxKeyChars"/>.
/// </remarks>
public static class TableKeySanitizer
{
    private const char Escape = '~';

    /// <summary>Returns <paramref name="value"/> as a valid, collision-free PartitionKey or RowKey.</summary>
    /// <exception cref="AzureTableLimitException">The value is empty, has a control character, or is too long once escaped.</exception>
    public static string Sanitize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            throw new AzureTableLimitException("An Azure Table key may not be empty here.");
        }
        StringBuilder? escaped = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                throw new AzureTableLimitException($"Key '{value.Replace(c, '�')}' contains control character U+{(int)c:X4}; Azure Table keys forbid control characters.");
            }
            if (c is '/' or '\\' or '#' or '?' or Escape)
            {
                escaped ??= new StringBuilder(value.Length + 8).Append(value, 0, i);
                escaped.Append(Escape).Append(((int)c).ToString("X2"));
            }
            else
            {
                escaped?.Append(c);
            }
        }
        var key = escaped?.ToString() ?? value;
        if (key.Length > AzureTableLimits.MaxKeyChars)
        {
            throw new AzureTableLimitException($"Key for '{value[..Math.Min(value.Length, 80)]}…' has {key.Length} chars once escaped; Azure Table allows at most {AzureTableLimits.MaxKeyChars}.");
        }
        return key;
    }
}
