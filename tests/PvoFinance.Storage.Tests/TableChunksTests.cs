using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

public sealed class TableChunksTests
{
    [Fact]
    public void Bytes_split_into_full_slices_and_a_remainder()
    {
        var data = Enumerable.Range(0, 10).Select(i => (byte)i).ToArray();
        var chunks = TableChunks.SplitBytes(data, 4);
        Assert.Equal([4, 4, 2], chunks.Select(c => c.Length));
        Assert.Equal(data, chunks.SelectMany(c => c));
        Assert.Empty(TableChunks.SplitBytes(ReadOnlyMemory<byte>.Empty, 4));
    }

    [Fact]
    public void String_chunks_never_split_a_surrogate_pair()
    {
        // "a" then emoji: every chunk boundary at an even offset falls inside a pair.
        var text = "a" + string.Concat(Enumerable.Repeat("😀", 20));
        var chunks = TableChunks.SplitString(text, 4);
        Assert.Equal(text, string.Concat(chunks));
        Assert.All(chunks, c => Assert.False(char.IsHighSurrogate(c[^1])));
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, 5));
    }
}
