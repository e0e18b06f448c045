namespace PvoFinance.Ledger;

/// <summary>
/// A Bloom filter of a journal's idempotency keys with a fixed number of bits, so that it never grows with the
/// journal: "no" is certain (the key was never used), "maybe" needs a look-up in storage. It travels in the
/// snapshot, which lets a journal activate without reading every key it ever stored.
/// </summary>
/// <remarks>
/// 2^19 bits (64 KiB, 87,384 characters of base64 in the snapshot) and 5 probes: about 1 in 150,000 false
/// "maybe" at 10,000 keys, 1 in 11 at 100,000; beyond that a "maybe" costs one point read more, never a wrong
/// answer. The hash is FNV-1a over the key's characters, mixed twice (SplitMix64) for the two probe seeds: the
/// bits are stored, so the hash must be the same in every process and version (never <see cref="HashCode"/>).
/// </remarks>
public sealed class KeyFilter
{
    /// <summary>Bits in every filter.</summary>
    public const int Bits = 1 << 19;

    /// <summary>Bits set per key.</summary>
    public const int Probes = 5;

    private const int Bytes = Bits / 8;
    private readonly byte[] _bits;

    /// <summary>An empty filter: every key is "no".</summary>
    public KeyFilter() => _bits = new byte[Bytes];

    private KeyFilter(byte[] bits) => _bits = bits;

    /// <summary>Adds a key.</summary>
    public void Add(string key)
    {
        var (a, b) = Seeds(key);
        for (var i = 0; i < Probes; i++)
        {
            var bit = (int)((a + (ulong)i * b) % Bits);
            _bits[bit >> 3] |= (byte)(1 << (bit & 7));
        }
    }

    /// <summary>False when <paramref name="key"/> was certainly never added; true when it may have been.</summary>
    public bool MayContain(string key)
    {
        var (a, b) = Seeds(key);
        for (var i = 0; i < Probes; i++)
        {
            var bit = (int)((a + (ulong)i * b) % Bits);
            if ((_bits[bit >> 3] & (1 << (bit & 7))) == 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The bits as base64, for the snapshot.</summary>
    public string ToBase64() => Convert.ToBase64String(_bits);

    /// <summary>Reads <see cref="ToBase64"/>; throws <see cref="FormatException"/> on text of another size.</summary>
    public static KeyFilter FromBase64(string text)
    {
        var bits = Convert.FromBase64String(text);
        return bits.Length == Bytes ? new KeyFilter(bits) : throw new FormatException($"A key filter has {Bytes} bytes; this one has {bits.Length}.");
    }

    private static (ulong A, ulong B) Seeds(string key)
    {
        var h = 14695981039346656037UL;
        foreach (var c in key)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        var a = Mix(h);
        // An odd step visits distinct bits for every probe.
        return (a, Mix(a) | 1);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
