using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace PvoFinance.Ledger;

/// <summary>
/// The stored form of entries and snapshots: short, stable JSON field names, amounts as integer cents,
/// dates as ISO text, instants as Unix ticks. The entry hash does not depend on this form (see <see cref="EntryHasher"/>).
/// </summary>
public static partial class LedgerJson
{
    // Source-generated serializers: no reflection on the hot path of every journal append.
    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
    [JsonSerializable(typeof(EntryDoc))]
    [JsonSerializable(typeof(StateDoc))]
    private sealed partial class Context : JsonSerializerContext;

    private sealed record PostingDoc([property: JsonPropertyName("a")] string Account, [property: JsonPropertyName("c")] long Cents, [property: JsonPropertyName("r")] bool? Release = null);

    private sealed record EntryDoc(
        [property: JsonPropertyName("s")] long Sequence,
        [property: JsonPropertyName("k")] string Key,
        [property: JsonPropertyName("t")] EntryKind Kind,
        [property: JsonPropertyName("d")] string ValueDate,
        [property: JsonPropertyName("at")] long RecordedAtTicks,
        [property: JsonPropertyName("ref")] string? Reference,
        [property: JsonPropertyName("p")] PostingDoc[] Postings,
        [property: JsonPropertyName("pe")] PostingDoc[] Pending,
        [property: JsonPropertyName("m")] string? Memo,
        [property: JsonPropertyName("ch")] string ContentHash,
        [property: JsonPropertyName("ph")] string PreviousHash,
        [property: JsonPropertyName("h")] string Hash);

    private sealed record BalanceDoc(
        [property: JsonPropertyName("a")] string Account,
        [property: JsonPropertyName("dp")] long DebitsPosted,
        [property: JsonPropertyName("cp")] long CreditsPosted,
        [property: JsonPropertyName("dr")] long DebitsPending,
        [property: JsonPropertyName("cr")] long CreditsPending);

    private sealed record ReservationDoc(
        [property: JsonPropertyName("k")] string Key,
        [property: JsonPropertyName("s")] long Sequence,
        [property: JsonPropertyName("d")] string ValueDate,
        [property: JsonPropertyName("p")] PostingDoc[] Remaining);

    private sealed record TotalDoc(
        [property: JsonPropertyName("d")] string Debit,
        [property: JsonPropertyName("c")] string? Credit,
        [property: JsonPropertyName("y")] int ValueYear,
        [property: JsonPropertyName("n")] long Cents);

    // "mt" is absent in snapshots written before the running totals existed; it reads as null.
    private sealed record StateDoc(
        [property: JsonPropertyName("v")] long Version,
        [property: JsonPropertyName("h")] string HeadHash,
        [property: JsonPropertyName("b")] BalanceDoc[] Balances,
        [property: JsonPropertyName("o")] ReservationDoc[] Open,
        [property: JsonPropertyName("x")] string[] Reversed,
        [property: JsonPropertyName("mt")] TotalDoc[]? Totals = null,
        [property: JsonPropertyName("kf")] string? KeyFilter = null,
        [property: JsonPropertyName("kw")] long? KeysWithoutRowsThrough = null);

    /// <summary>Serializes an entry.</summary>
    public static string Serialize(JournalEntry e) => JsonSerializer.Serialize(new EntryDoc(
        e.Sequence, e.Key, e.Kind, IsoDate.Format(e.ValueDate), e.RecordedAt.ToUnixTimeTicks(), e.Reference,
        [.. e.Postings.Select(p => new PostingDoc(p.Account.Value, p.Amount.Cents))],
        [.. e.Pending.Select(p => new PostingDoc(p.Account.Value, p.Amount.Cents, p.Release))],
        e.Memo, e.ContentHash, e.PreviousHash, e.Hash), Context.Default.EntryDoc);

    /// <summary>Reads an entry written by <see cref="Serialize(JournalEntry)"/>.</summary>
    public static JournalEntry DeserializeEntry(string json)
    {
        var d = JsonSerializer.Deserialize(json, Context.Default.EntryDoc) ?? throw new FormatException("Empty entry payload.");
        return new JournalEntry(
            d.Sequence, d.Key, d.Kind, LocalDatePattern.Iso.Parse(d.ValueDate).GetValueOrThrow(),
            Instant.FromUnixTimeTicks(d.RecordedAtTicks), d.Reference,
            [.. d.Postings.Select(p => new Posting(AccountId.Parse(p.Account), new Money(p.Cents)))],
            [.. d.Pending.Select(p => new PendingPosting(AccountId.Parse(p.Account), new Money(p.Cents), p.Release ?? false))],
            d.Memo, d.ContentHash, d.PreviousHash, d.Hash);
    }

    /// <summary>Serializes a snapshot state.</summary>
    public static string Serialize(JournalState s) => JsonSerializer.Serialize(new StateDoc(
        s.Version, s.HeadHash,
        [.. s.Balances.Select(b => new BalanceDoc(b.Account.Value, b.DebitsPosted, b.CreditsPosted, b.DebitsPending, b.CreditsPending))],
        [.. s.OpenReservations.Select(r => new ReservationDoc(r.Key, r.Sequence, IsoDate.Format(r.ValueDate), [.. r.Remaining.Select(p => new PostingDoc(p.Account.Value, p.Amount.Cents))]))],
        [.. s.ReversedKeys],
        s.MovementTotals is null ? null : [.. s.MovementTotals.Select(t => new TotalDoc(t.Debit, t.Credit, t.ValueYear, t.Cents))],
        s.KeyFilter, s.KeysWithoutRowsThrough > 0 ? s.KeysWithoutRowsThrough : null), Context.Default.StateDoc);

    /// <summary>Reads a snapshot state written by <see cref="Serialize(JournalState)"/>.</summary>
    public static JournalState DeserializeState(string json)
    {
        var d = JsonSerializer.Deserialize(json, Context.Default.StateDoc) ?? throw new FormatException("Empty snapshot payload.");
        return new JournalState(
            d.Version, d.HeadHash,
            [.. d.Balances.Select(b => new AccountBalance(AccountId.Parse(b.Account), b.DebitsPosted, b.CreditsPosted, b.DebitsPending, b.CreditsPending))],
            [.. d.Open.Select(r => new Reservation(r.Key, r.Sequence, LocalDatePattern.Iso.Parse(r.ValueDate).GetValueOrThrow(), [.. r.Remaining.Select(p => new Posting(AccountId.Parse(p.Account), new Money(p.Cents)))]))],
            d.Reversed,
            d.Totals is null ? null : [.. d.Totals.Select(t => new MovementTotal(t.Debit, t.Credit, t.ValueYear, t.Cents))],
            d.KeyFilter, d.KeysWithoutRowsThrough ?? 0);
    }
}
