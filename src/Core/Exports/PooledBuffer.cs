using System.Buffers;
using System.Security.Cryptography;

namespace PvoFinance.Exports;

/// <summary>A write-only stream into pooled arrays, drained once into another stream (then its arrays go back to the pool).</summary>
internal sealed class PooledBuffer : Stream
{
    /// <summary>The size of the arrays rented for writing.</summary>
    public const int ChunkSize = 256 * 1024;
    private readonly List<(byte[] Array, int Length)> _chunks = [];

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _chunks.Sum(c => (long)c.Length);
    public override long Position { get => Length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            if (_chunks.Count == 0 || _chunks[^1].Length == _chunks[^1].Array.Length)
            {
                _chunks.Add((ArrayPool<byte>.Shared.Rent(ChunkSize), 0));
            }
            var (array, length) = _chunks[^1];
            var n = Math.Min(buffer.Length, array.Length - length);
            buffer[..n].CopyTo(array.AsSpan(length));
            _chunks[^1] = (array, length + n);
            buffer = buffer[n..];
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    /// <summary>At least <paramref name="size"/> bytes to write into at the end; <see cref="Advance"/> says how many were written.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_chunks.Count == 0 || _chunks[^1].Array.Length - _chunks[^1].Length < size)
        {
            _chunks.Add((ArrayPool<byte>.Shared.Rent(Math.Max(size, ChunkSize)), 0));
        }
        var (array, length) = _chunks[^1];
        return array.AsSpan(length);
    }

    /// <summary>Counts <paramref name="count"/> bytes written into the span <see cref="GetSpan"/> gave.</summary>
    public void Advance(int count)
    {
        var (array, length) = _chunks[^1];
        _chunks[^1] = (array, length + count);
    }

    /// <summary>
    /// Takes over a pooled array another writer filled (its first <paramref name="length"/> bytes), appended after what
    /// is here; it goes back to the pool when drained. Lets a writer fill an array of its own without a call per field.
    /// </summary>
    public void Append(byte[] array, int length)
    {
        if (length == 0)
        {
            ArrayPool<byte>.Shared.Return(array);
            return;
        }
        _chunks.Add((array, length));
    }

    /// <summary>
    /// Writes everything to <paramref name="destination"/> and appends it to <paramref name="hash"/>, then returns the
    /// arrays to the pool. The hashing runs on another thread while the bytes are written (SHA-256 of an export costs
    /// about as much as writing it), so the two overlap instead of adding up on the thread that writes in order; both
    /// are done when this completes, so the next buffer is hashed after this one.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    public async Task<long> DrainToAsync(Stream destination, IncrementalHash hash, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var (_, length) in _chunks)
        {
            total += length;
        }
        var hashing = Task.Run(() =>
        {
            foreach (var (array, length) in _chunks)
            {
                hash.AppendData(array, 0, length);
            }
        }, CancellationToken.None);
        try
        {
            foreach (var (array, length) in _chunks)
            {
                await destination.WriteAsync(array.AsMemory(0, length), cancellationToken);
            }
        }
        finally
        {
            // The hashing reads the arrays: they go back to the pool only after it is done (also when a write failed).
            await hashing;
            foreach (var (array, _) in _chunks)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
            _chunks.Clear();
        }
        return total;
    }
}
