using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PvoFinance.Ledger;

/// <summary>
/// Canonical text and SHA-256 hashes of commands and entries. The canonical form is written by hand, field by
/// field, so a hash never depends on a serializer's settings or version.
/// </summary>
public static class EntryHasher
{
    /// <summary>The "previous hash" of a journal's first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Hash of what a command asks for, without its key: equal content gives an equal hash.</summary>
    public static string ContentHash(LedgerCommand command)
    {
        var sb = new StringBuilder(256);
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
                sb.Append("post-reservation|").Append(Escape(pr.ReservationKey)).Append('|')
                  .Append(pr.Amount is { } a ? a.Cents.ToString(CultureInfo.InvariantCulture) : "all");
                break;
            case VoidReservation v:
                sb.Append("void|").Append(Escape(v.ReservationKey));
                break;
            case ReverseEntry rv:
                sb.Append("reverse|").Append(Escape(rv.EntryKey));
                break;
            default:
                throw new ArgumentException($"Unknown command type {command.GetType().Name}.", nameof(command));
        }
        sb.Append('|').Append(IsoDate.Format(command.ValueDate));
        sb.Append('|').Append(Escape(command.Memo));
        return Sha256Hex(sb.ToString());
    }

    /// <summary>Hash of an entry over every field but <see cref="JournalEntry.Hash"/>, chained to its predecessor.</summary>
    public static string EntryHash(JournalEntry e)
    {
        var sb = new StringBuilder(512);
        sb.Append("v1|").Append(e.Sequence.ToString(CultureInfo.InvariantCulture))
          .Append('|').Append(Escape(e.Key))
          .Append('|').Append(e.Kind.ToString())
          .Append('|').Append(IsoDate.Format(e.ValueDate))
          .Append('|').Append(e.RecordedAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture))
          .Append('|').Append(Escape(e.Reference))
          .Append('|').Append(Escape(e.Memo))
          .Append('|').Append(e.ContentHash)
          .Append('|').Append(e.PreviousHash);
        AppendPostings(sb, e.Postings);
        foreach (var p in e.Pending)
        {
            sb.Append("|~").Append(p.Account.Value).Append('=').Append(p.Amount.Cents.ToString(CultureInfo.InvariantCulture))
              .Append(p.Release ? "r" : "");
        }
        return Sha256Hex(sb.ToString());
    }

    private static void AppendPostings(StringBuilder sb, IEnumerable<Posting> postings)
    {
        foreach (var p in postings)
        {
            sb.Append('|').Append(p.Account.Value).Append('=').Append(p.Amount.Cents.ToString(CultureInfo.InvariantCulture));
        }
    }

    // Length-prefixing free text makes the canonical form unambiguous whatever characters a memo holds.
    private static string Escape(string? text) => text is null ? "-" : text.Length.ToString(CultureInfo.InvariantCulture) + ":" + text;

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
