using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using PvoFinance.Ledger;

namespace PvoFinance.Core.Tests;

/// <summary>
/// <see cref="EntryHasher"/> writes its canonical text into a reused buffer (issue 15); every stored hash and the chain
/// verifier depend on that text being exactly what it was. The hasher as it was before, a string per piece, is kept here
/// as the reference, and both must agree for every command and entry: all kinds, negative and extreme amounts, free
/// text with any characters (non-ASCII, surrogate pairs, lone surrogate halves, separators), and long texts.
/// </summary>
public sealed class EntryHasherEquivalenceTests
{
    private static class Reference
    {
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
                    throw new ArgumentException(command.GetType().Name);
            }
            sb.Append('|').Append(IsoDate.Format(command.ValueDate));
            sb.Append('|').Append(Escape(command.Memo));
            return Sha256Hex(sb.ToString());
        }

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

        private static string Escape(string? text) => text is null ? "-" : text.Length.ToString(CultureInfo.InvariantCulture) + ":" + text;

        private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static readonly AccountId[] Accounts =
        [AccountId.Parse("expense:bench:x"), AccountId.Parse("region:bench:funds"), AccountId.Parse("budget:zuid-holland.x_1:2026")];

    private static readonly Gen<char> AnyChar = Gen.OneOf(
        Gen.Elements('|', ':', '=', '-', '~', 'r', '0', '9', 'é', 'ж', '中', '\ud83d', '\ude00', '\udfff', '\0', '\n', '"', '\\'),
        Gen.Choose(' ', '~').Select(c => (char)c),
        Gen.Choose(0, char.MaxValue).Select(c => (char)c));

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(AnyChar, n)).Select(cs => new string(cs)),
        Gen.Choose(0, 600).SelectMany(n => Gen.ArrayOf(AnyChar, n)).Select(cs => new string(cs)),
        Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32));

    private static readonly Gen<string?> MaybeText = Gen.OneOf(Gen.Constant<string?>(null), Text.Select(t => (string?)t));

    private static readonly Gen<long> Cents = Gen.OneOf(
        Gen.Elements(0L, 1L, -1L, long.MinValue, long.MaxValue, -1234L, 1234L),
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => (long)i * 7919));

    private static readonly Gen<Posting> PostingGen =
        from a in Gen.Elements(Accounts)
        from c in Cents
        select new Posting(a, new Money(c));

    private static readonly Gen<LocalDate> Date = Gen.Choose(1, 9999 * 365).Select(d => new LocalDate(1, 1, 1).PlusDays(d % (9999 * 365 - 366)));

    private static readonly Gen<LedgerCommand> Commands =
        from kind in Gen.Choose(0, 4)
        from key in Text
        from other in Text
        from date in Date
        from memo in MaybeText
        from postings in Gen.Choose(0, 65).SelectMany(n => Gen.ArrayOf(PostingGen, n))
        from amount in Gen.OneOf(Gen.Constant<Money?>(null), Cents.Select(c => (Money?)new Money(c)))
        select kind switch
        {
            0 => (LedgerCommand)new PostEntry(key, date, postings, memo),
            1 => new ReserveEntry(key, date, postings, memo),
            2 => new PostReservation(key, date, other, amount, memo),
            3 => new VoidReservation(key, date, other, memo),
            _ => new ReverseEntry(key, date, other, memo),
        };

    private static readonly Gen<JournalEntry> Entries =
        from sequence in Gen.OneOf(Gen.Choose(1, int.MaxValue).Select(i => (long)i), Gen.Constant(long.MaxValue))
        from key in Text
        from kind in Gen.Elements(Enum.GetValues<EntryKind>())
        from date in Date
        from ticks in Gen.Choose(int.MinValue, int.MaxValue).Select(i => (long)i * 1_000_003)
        from reference in MaybeText
        from memo in MaybeText
        from postings in Gen.Choose(0, 65).SelectMany(n => Gen.ArrayOf(PostingGen, n))
        from pending in Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(PostingGen.SelectMany(p => Gen.Elements(true, false).Select(r => new PendingPosting(p.Account, p.Amount, r))), n))
        from contentHash in Gen.OneOf(Gen.Constant(new string('a', 64)), Text)
        from previous in Gen.OneOf(Gen.Constant(EntryHasher.GenesisHash), Text)
        select new JournalEntry(sequence, key, kind, date, Instant.FromUnixTimeTicks(ticks), reference,
            [.. postings], [.. pending], memo, contentHash, previous, "");

    [Property(MaxTest = 1_000)]
    public Property A_command_hashes_as_it_did_before() =>
        Prop.ForAll(Arb.From(Commands), c => EntryHasher.ContentHash(c) == Reference.ContentHash(c));

    [Property(MaxTest = 1_000)]
    public Property An_entry_hashes_as_it_did_before() =>
        Prop.ForAll(Arb.From(Entries), e => EntryHasher.EntryHash(e) == Reference.EntryHash(e));

    [Fact]
    public void A_long_memo_after_a_short_one_hashes_as_before()
    {
        // The buffer is reused: a long text, then a short one, then one whose surrogate pair may straddle a chunk.
        var date = new LocalDate(2026, 12, 3);
        foreach (var memo in new[] { new string('m', 20_000), "x", string.Concat(Enumerable.Repeat("a😀", 9_000)), "\ud83d", null })
        {
            var command = new PostEntry("k", date, [new Posting(Accounts[0], new Money(-5))], memo);
            Assert.Equal(Reference.ContentHash(command), EntryHasher.ContentHash(command));
        }
    }

    [Fact]
    public void A_known_entry_keeps_its_known_hash()
    {
        // Pinned values: SHA-256 of the canonical texts written out by hand ("post|expense:bench:x=1234|…|6:memo é" and
        // "v1|1|3:w-1|Posted|2026-11-23|<ticks>|-|6:memo é|<content hash>|<genesis>|…"), hashed outside .NET.
        var command = new PostEntry("w-1", new LocalDate(2026, 11, 23), [new Posting(Accounts[0], new Money(1234)), new Posting(Accounts[1], new Money(-1234))], "memo é");
        var entry = new JournalEntry(1, "w-1", EntryKind.Posted, new LocalDate(2026, 11, 23), Instant.FromUtc(2026, 12, 3, 7, 0), null,
            [.. command.Postings], [], "memo é", EntryHasher.ContentHash(command), EntryHasher.GenesisHash, "");
        Assert.Equal(Reference.ContentHash(command), EntryHasher.ContentHash(command));
        Assert.Equal(KnownContentHash, EntryHasher.ContentHash(command));
        Assert.Equal(KnownEntryHash, EntryHasher.EntryHash(entry));
    }

    private const string KnownContentHash = "2b0e0615a22ef4e1a62dcdf4b510c022f9396c29a45d5ffa016133cd45963f91";
    private const string KnownEntryHash = "6ea4538cba60385bbabca1bab41d0ef0b87ad9c2b852ab84d9fe70b6f40a73a6";
}
