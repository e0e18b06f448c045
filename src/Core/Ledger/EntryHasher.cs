using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PvoFinance.Ledger;

/// <summary>
/// Canonical text and SHA-256 hashes of commands and entries. The canonical form is written by hand, field by
/// field, so a hash never depends on a serializer's settings or version.
/// </summary>
/// <remarks>
/// Every entry is hashed twice when it is decided (its content, then the entry), so the canonical text is written into
/// one reusable buffer per thread, numbers and length prefixes straight into it, and hashed from pooled bytes: the text
/// and its bytes are exactly what they were when each piece was a string of its own (the stored hashes and the verifier
/// depend on it), only the intermediate strings and arrays are gone.
/// </remarks>
public static class EntryHasher
{
    /// <summary>The "previous hash" of a journal's first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Hash of what a command asks for, without its key: equal content gives an equal hash.</summary>
    public static string ContentHash(LedgerCommand command)
    {
        var sb = Text();
        switch (command)
        {
            case PostEntry p:
                sb.Append("post");
                AppendPostings(sb, p.Postings);
                break;
            case ReserveEntry r:
                sb.Append("reserve");
                AppendPostings(sb, r.Postings);
                break;
            case PostReservation pr:
                Escape(sb.Append("post-reservation|"), pr.ReservationKey).Append('|');
                if (pr.Amount is { } a)
                {
                    Invariant(sb, a.Cents);
                }
                else
                {
                    sb.Append("all");
                }
                break;
            case VoidReservation v:
                Escape(sb.Append("void|"), v.ReservationKey);
                break;
            case ReverseEntry rv:
                Escape(sb.Append("reverse|"), rv.EntryKey);
                break;
            default:
                throw new ArgumentException($"Unknown command type {command.GetType().Name}.", nameof(command));
        }
        sb.Append('|').Append(IsoDate.Format(command.ValueDate));
        Escape(sb.Append('|'), command.Memo);
        return Sha256Hex(sb);
    }

    /// <summary>Hash of an entry over every field but <see cref="JournalEntry.Hash"/>, chained to its predecessor.</summary>
    public static string EntryHash(JournalEntry e)
    {
        var sb = Text();
        Invariant(sb.Append("v1|"), e.Sequence);
        Escape(sb.Append('|'), e.Key);
        sb.Append('|').Append(e.Kind.ToString())
          .Append('|').Append(IsoDate.Format(e.ValueDate))
          .Append('|');
        Invariant(sb, e.RecordedAt.ToUnixTimeTicks());
        Escape(sb.Append('|'), e.Reference);
        Escape(sb.Append('|'), e.Memo);
        sb.Append('|').Append(e.ContentHash)
          .Append('|').Append(e.PreviousHash);
        foreach (var p in e.Postings)
        {
            AppendPosting(sb, p);
        }
        foreach (var p in e.Pending)
        {
            Invariant(sb.Append("|~").Append(p.Account.Value).Append('='), p.Amount.Cents);
            if (p.Release)
            {
                sb.Append('r');
            }
        }
        return Sha256Hex(sb);
    }

    private static void AppendPostings(StringBuilder sb, IReadOnlyList<Posting> postings)
    {
        for (var i = 0; i < postings.Count; i++)
        {
            AppendPosting(sb, postings[i]);
        }
    }

    private static void AppendPosting(StringBuilder sb, Posting p) => Invariant(sb.Append('|').Append(p.Account.Value).Append('='), p.Amount.Cents);

    // Length-prefixing free text makes the canonical form unambiguous whatever characters a memo holds.
    private static StringBuilder Escape(StringBuilder sb, string? text) =>
        text is null ? sb.Append('-') : Invariant(sb, text.Length).Append(':').Append(text);

    // A number as long.ToString(CultureInfo.InvariantCulture) writes it (the minus sign of a culture never enters a hash).
    private static StringBuilder Invariant(StringBuilder sb, long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        return sb.Append(digits[..written]);
    }

    // The canonical text of this thread's current hash; no method here calls another while it writes one.
    [ThreadStatic]
    private static StringBuilder? t_text;

    private static StringBuilder Text() => (t_text ??= new StringBuilder(512)).Clear();

    // SHA-256 of the text's UTF-8 bytes (as Encoding.UTF8.GetBytes of the whole string: a lone surrogate becomes U+FFFD),
    // as lower-case hex. The text is copied out whole before it is encoded, so a surrogate pair split between two chunks
    // of the builder is still encoded as one character.
    private static string Sha256Hex(StringBuilder sb)
    {
        var length = sb.Length;
        var chars = ArrayPool<char>.Shared.Rent(length);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
        try
        {
            sb.CopyTo(0, chars, 0, length);
            var count = Encoding.UTF8.GetBytes(chars, 0, length, bytes, 0);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, count), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
