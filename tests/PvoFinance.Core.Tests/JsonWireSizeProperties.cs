using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PvoFinance.Storage;

namespace PvoFinance.Core.Tests;

/// <summary>
/// <see cref="JsonWireSize.Of"/> counts 16 or 8 chars at a time; it must give exactly what the plain char-by-char count
/// gives (kept here as the reference: the implementation before it was vectorised) for every string, whatever its
/// length and wherever its escaped chars fall relative to the vector boundaries.
/// </summary>
public sealed class JsonWireSizeProperties
{
    // The count as it was made before: one char at a time.
    private static long Reference(string value)
    {
        long bytes = 0;
        foreach (var c in value)
        {
            bytes += c switch
            {
                '\\' => 2,
                >= ' ' and <= '~' and not ('"' or '&' or '\'' or '+' or '<' or '>' or '`') => 1,
                _ => 6,
            };
        }
        return bytes;
    }

    // Every kind of char the count tells apart, and the edges of each range: controls (and DEL), the seven escaped
    // printable chars, the backslash, the printable edges, non-ASCII of one to three UTF-8 bytes, both surrogate halves
    // (paired by chance, and alone), and the last chars of the BMP.
    private static readonly char[] Interesting =
    [
        '\0', '\u0001', '\t', '\n', '\r', '\u001f', '\u007f', ' ', '!', '"', '&', '\'', '+', '<', '>', '`', '\\', '/', '~',
        'a', 'Z', '0', '\u0080', '\u00e9', '\u07ff', '\u0800', '\u0436', '\u4e2d', '\ud800', '\ud83d', '\udbff', '\udc00',
        '\ude00', '\udfff', '\ue000', '\ufffe', '\uffff',
    ];

    private static readonly Gen<char> AnyChar = Gen.OneOf(
        Gen.Elements(Interesting),
        Gen.Choose(' ', '~').Select(c => (char)c),
        Gen.Choose(' ', '~').Select(c => (char)c),
        Gen.Choose(0, char.MaxValue).Select(c => (char)c));

    // A surrogate pair inserted whole, so that well-formed astral chars (an emoji) occur too, not only halves.
    private static readonly Gen<string> Piece = Gen.Frequency(
        (9, AnyChar.Select(c => c.ToString())),
        (1, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)));

    private static Arbitrary<string> Strings() =>
        Arb.From(
            from length in Gen.OneOf(Gen.Choose(0, 70), Gen.Elements(7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 63, 64, 65), Gen.Choose(0, 2_000))
            from pieces in Gen.ArrayOf(Piece, length)
            select string.Concat(pieces));

    [Property(MaxTest = 2_000)]
    public Property Equals_the_char_by_char_count_for_any_string() =>
        Prop.ForAll(Strings(), s => JsonWireSize.Of(s) == Reference(s));

    [Fact]
    public void Every_kind_of_char_counts_alike_at_every_place_around_the_vector_boundaries()
    {
        // Exhaustive over the places: one interesting char in a run of plain ASCII, for every length up to 70 (past
        // two 32-byte vectors, and tails of every length after both the 16- and the 8-char loop).
        foreach (var c in Interesting)
        {
            for (var length = 1; length <= 70; length++)
            {
                for (var at = 0; at < length; at++)
                {
                    var chars = new char[length];
                    Array.Fill(chars, 'x');
                    chars[at] = c;
                    var s = new string(chars);
                    Assert.True(Reference(s) == JsonWireSize.Of(s), $"U+{(int)c:X4} at {at} of {length}: {JsonWireSize.Of(s)}, expected {Reference(s)}");
                }
            }
        }
    }

    [Fact]
    public void Strings_made_only_of_one_kind_of_char_count_alike_at_every_length()
    {
        foreach (var c in Interesting)
        {
            for (var length = 0; length <= 70; length++)
            {
                var s = new string(c, length);
                Assert.True(Reference(s) == JsonWireSize.Of(s), $"{length} × U+{(int)c:X4}: {JsonWireSize.Of(s)}, expected {Reference(s)}");
            }
        }
    }

    [Fact]
    public void A_long_string_of_mixed_text_counts_alike()
    {
        var random = new Random(15);
        var chars = new char[100_003];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(4) == 0 ? Interesting[random.Next(Interesting.Length)] : (char)random.Next(' ', '~' + 1);
        }
        var s = new string(chars);
        Assert.Equal(Reference(s), JsonWireSize.Of(s));
    }
}
