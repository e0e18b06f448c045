using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Storage;

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

    // The self-contained form (Serialize) carries key and hashes as hex ("k", "ch", "ph", "h"). The stored form of a
    // row (ToRecord) leaves out what the row's own columns hold (key, content hash) and carries the two chain hashes as
    // base64 of their 32 bytes ("pb", "hb"): 44 characters instead of 64. Rows of either form are read.
    private sealed record EntryDoc(
        [property: JsonPropertyName("s")] long Sequence,
        [property: JsonPropertyName("k")] string? Key,
        [property: JsonPropertyName("t")] EntryKind Kind,
        [property: JsonPropertyName("d")] string ValueDate,
        [property: JsonPropertyName("at")] long RecordedAtTicks,
        [property: JsonPropertyName("ref")] string? Reference,
        [property: JsonPropertyName("p")] PostingDoc[] Postings,
        [property: JsonPropertyName("pe")] PostingDoc[] Pending,
        [property: JsonPropertyName("m")] string? Memo,
        [property: JsonPropertyName("ch")] string? ContentHash,
        [property: JsonPropertyName("ph")] string? PreviousHash,
        [property: JsonPropertyName("h")] string? Hash,
        [property: JsonPropertyName("pb")] byte[]? PreviousHashBytes = null,
        [property: JsonPropertyName("hb")] byte[]? HashBytes = null);

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

    /// <summary>Reads an entry written by <see cref="Serialize(JournalEntry)"/> (and every stored row written before <see cref="ToRecord"/>).</summary>
    /// <exception cref="FormatException">The payload is a stored row's of the current form, which needs its record (<see cref="DeserializeEntry(JournalRecord)"/>).</exception>
    public static JournalEntry DeserializeEntry(string json) => ToEntry(Read(json), null);

    /// <summary>
    /// The stored row of an entry: the key and the content hash in the record's own fields (the store keeps them as
    /// columns, the hash as bytes), and a payload with everything else, the chain hashes as bytes. Why: each fact is
    /// stored once; the older rows carried key and content hash in the payload as well, and every hash as hex.
    /// </summary>
    public static JournalRecord ToRecord(JournalEntry e)
    {
        // A hash that is not 32 bytes of lower-case hex (none the hasher makes) keeps its text, so every entry reads back exactly.
        var previous = HashBytes(e.PreviousHash);
        var hash = HashBytes(e.Hash);
        var payload = JsonSerializer.Serialize(new EntryDoc(
            e.Sequence, null, e.Kind, IsoDate.Format(e.ValueDate), e.RecordedAt.ToUnixTimeTicks(), e.Reference,
            [.. e.Postings.Select(p => new PostingDoc(p.Account.Value, p.Amount.Cents))],
            [.. e.Pending.Select(p => new PostingDoc(p.Account.Value, p.Amount.Cents, p.Release))],
            e.Memo, null, previous is null ? e.PreviousHash : null, hash is null ? e.Hash : null, previous, hash), Context.Default.EntryDoc);
        return new JournalRecord(e.Sequence, e.Key, e.ContentHash, payload);
    }

    /// <summary>Reads a stored row: one written by <see cref="ToRecord"/>, or one of the older form (a self-contained payload).</summary>
    public static JournalEntry DeserializeEntry(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ToEntry(Read(record.Payload), record);
    }

    /// <summary>The 32 bytes of a lower-case hex SHA-256, or null for any other text.</summary>
    public static byte[]? HashBytes(string? hex)
    {
        if (hex is not { Length: 64 } || !hex.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            return null;
        }
        return Convert.FromHexString(hex);
    }

    private static EntryDoc Read(string json) =>
        JsonSerializer.Deserialize(json, Context.Default.EntryDoc) ?? throw new FormatException("Empty entry payload.");

    private static JournalEntry ToEntry(EntryDoc d, JournalRecord? record)
    {
        var key = d.Key ?? record?.IdempotencyKey ?? throw new FormatException($"Entry {d.Sequence}: the payload has no key; a stored row is read with its record.");
        var contentHash = d.ContentHash ?? record?.ContentHash ?? throw new FormatException($"Entry {d.Sequence}: the payload has no content hash; a stored row is read with its record.");
        return new JournalEntry(
            d.Sequence, key, d.Kind, LocalDatePattern.Iso.Parse(d.ValueDate).GetValueOrThrow(),
            Instant.FromUnixTimeTicks(d.RecordedAtTicks), d.Reference,
            [.. d.Postings.Select(p => new Posting(AccountId.Parse(p.Account), new Money(p.Cents)))],
            [.. d.Pending.Select(p => new PendingPosting(AccountId.Parse(p.Account), new Money(p.Cents), p.Release ?? false))],
            d.Memo, contentHash, Hex(d.PreviousHash, d.PreviousHashBytes, d.Sequence), Hex(d.Hash, d.HashBytes, d.Sequence));
    }

    private static string Hex(string? text, byte[]? bytes, long sequence) =>
        text ?? (bytes is { Length: 32 } ? Convert.ToHexStringLower(bytes) : throw new FormatException($"Entry {sequence}: a chain hash is missing or not 32 bytes."));

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
