using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PvoFinance.Storage;

/// <summary>
/// How many bytes a string occupies inside a JSON request body, for checking request-size limits before
/// sending. Azure's SDK writes JSON with the default escaping encoder, which passes printable ASCII through
/// except a backslash (two bytes) and a few HTML-sensitive characters, and turns everything else (every
/// non-ASCII char, and <c>" &amp; ' + &lt; &gt; `</c>) into a six-byte <c>\uXXXX</c> escape, so Cyrillic text takes six bytes a char on the wire.
/// </summary>
/// <remarks>
/// Implementation note: counted instead of encoding the string, because every journal append measures every
/// entry. The count is exact for printable text and an upper bound for control characters (some of which the
/// encoder writes in two bytes, like <c>\n</c>), which is the safe side for a limit. Every char is one byte plus
/// five for each char written as an escape plus one for each backslash, so only those two kinds are counted, 16
/// (or 8) chars at a time with vector compares: a stored entry row is mostly printable ASCII but has a quote every
/// few chars, so searching from one escaped char to the next would stop too often to pay.
/// </remarks>
public static class JsonWireSize
{
    /// <summary>Bytes <paramref name="value"/> takes in a JSON string literal, quotes excluded.</summary>
    public static long Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var chars = MemoryMarshal.Cast<char, ushort>(value.AsSpan());
        ref var first = ref MemoryMarshal.GetReference(chars);
        long escaped = 0;
        long backslashes = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= chars.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var (e, b) = Count(Vector256.LoadUnsafe(ref first, (nuint)i));
                escaped += e;
                backslashes += b;
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= chars.Length - Vector128<ushort>.Count; i += Vector128<ushort>.Count)
            {
                var (e, b) = Count(Vector128.LoadUnsafe(ref first, (nuint)i));
                escaped += e;
                backslashes += b;
            }
        }
        for (; i < chars.Length; i++)
        {
            var c = (char)chars[i];
            if (c == '\\')
            {
                backslashes++;
            }
            else if (!OneByte(c))
            {
                escaped++;
            }
        }
        return chars.Length + 5 * escaped + backslashes;
    }

    // Printable ASCII that the default encoder writes as it is (a backslash is printable too, and written as \\).
    private static bool OneByte(char c) => c is >= ' ' and <= '~' and not ('"' or '&' or '\'' or '+' or '<' or '>' or '`');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int Escaped, int Backslashes) Count(Vector256<ushort> v)
    {
        // Unsigned: chars below ' ' wrap around to large values and fail the compare, as does everything above '~'.
        var printable = Vector256.LessThan(v - Vector256.Create((ushort)' '), Vector256.Create((ushort)('~' - ' ' + 1)));
        var special = Vector256.Equals(v, Vector256.Create((ushort)'"'))
            | Vector256.Equals(v, Vector256.Create((ushort)'&'))
            | Vector256.Equals(v, Vector256.Create((ushort)'\''))
            | Vector256.Equals(v, Vector256.Create((ushort)'+'))
            | Vector256.Equals(v, Vector256.Create((ushort)'<'))
            | Vector256.Equals(v, Vector256.Create((ushort)'>'))
            | Vector256.Equals(v, Vector256.Create((ushort)'`'));
        var escaped = ~printable | special;
        var backslash = Vector256.Equals(v, Vector256.Create((ushort)'\\'));
        return (BitOperations.PopCount(escaped.ExtractMostSignificantBits()), BitOperations.PopCount(backslash.ExtractMostSignificantBits()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int Escaped, int Backslashes) Count(Vector128<ushort> v)
    {
        var printable = Vector128.LessThan(v - Vector128.Create((ushort)' '), Vector128.Create((ushort)('~' - ' ' + 1)));
        var special = Vector128.Equals(v, Vector128.Create((ushort)'"'))
            | Vector128.Equals(v, Vector128.Create((ushort)'&'))
            | Vector128.Equals(v, Vector128.Create((ushort)'\''))
            | Vector128.Equals(v, Vector128.Create((ushort)'+'))
            | Vector128.Equals(v, Vector128.Create((ushort)'<'))
            | Vector128.Equals(v, Vector128.Create((ushort)'>'))
            | Vector128.Equals(v, Vector128.Create((ushort)'`'));
        var escaped = ~printable | special;
        var backslash = Vector128.Equals(v, Vector128.Create((ushort)'\\'));
        return (BitOperations.PopCount(escaped.ExtractMostSignificantBits()), BitOperations.PopCount(backslash.ExtractMostSignificantBits()));
    }
}
