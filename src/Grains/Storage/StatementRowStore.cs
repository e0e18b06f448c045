namespace PvoFinance.Storage;

/// <summary>
/// An imported bank statement as stored: one header row per statement. Its lines are rows of their own
/// (<see cref="StatementLineRow"/>), so a statement of 5,000 lines never grows one value.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StatementHeaderRow
{
    /// <summary>The statement's id (<c>&lt;IBAN&gt;-&lt;closing date yyyyMMdd&gt;-&lt;8 hex&gt;</c>), derived from its content.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The account's IBAN (electronic form).</summary>
    [Id(1)] public required string Account { get; init; }

    /// <summary>The scope that owns the account (<c>national</c>, <c>province:…</c>, <c>region:…</c>): who may read and book it.</summary>
    [Id(2)] public required string Scope { get; init; }

    /// <summary>The bank's statement id.</summary>
    [Id(3)] public required string Reference { get; init; }

    /// <summary><c>camt.053</c> or <c>MT940</c>.</summary>
    [Id(4)] public required string Format { get; init; }

    /// <summary>The opening balance's date, ISO.</summary>
    [Id(5)] public required string OpeningDate { get; init; }

    /// <summary>The opening balance in cents.</summary>
    [Id(6)] public required long OpeningCents { get; init; }

    /// <summary>The closing balance's date, ISO.</summary>
    [Id(7)] public required string ClosingDate { get; init; }

    /// <summary>The closing balance in cents.</summary>
    [Id(8)] public required long ClosingCents { get; init; }

    /// <summary>How many lines the statement has.</summary>
    [Id(9)] public required int Lines { get; init; }

    /// <summary>True once every certain match is booked; false while an import is under way or stopped half-way.</summary>
    [Id(10)] public required bool Complete { get; init; }

    /// <summary>When it was first imported (Unix ms).</summary>
    [Id(11)] public required long ImportedUnixMs { get; init; }

    /// <summary>Who imported it.</summary>
    [Id(12)] public required string ImportedBy { get; init; }
}

/// <summary>One line of an imported statement with the matcher's verdict and what was booked for it.</summary>
[GenerateSerializer, Immutable]
public sealed record StatementLineRow
{
    /// <summary>The line's number in its statement, from 1.</summary>
    [Id(0)] public required int Number { get; init; }

    /// <summary><c>credit</c> or <c>debit</c>.</summary>
    [Id(1)] public required string Direction { get; init; }

    /// <summary>The amount in cents, positive.</summary>
    [Id(2)] public required long Cents { get; init; }

    /// <summary>The booking date, ISO.</summary>
    [Id(3)] public required string BookingDate { get; init; }

    /// <summary>The key a booking of this line is made under (the bank's entry reference, or a hash when it gives none).</summary>
    [Id(4)] public required string EntryKey { get; init; }

    /// <summary>The bank's own entry reference, or null.</summary>
    [Id(5)] public string? BankReference { get; init; }

    /// <summary>The end-to-end reference, or null.</summary>
    [Id(6)] public string? EndToEndId { get; init; }

    /// <summary>The payer's or payee's name, or null.</summary>
    [Id(7)] public string? CounterpartyName { get; init; }

    /// <summary>The payer's or payee's IBAN, or null.</summary>
    [Id(8)] public string? CounterpartyIban { get; init; }

    /// <summary>The structured creditor reference, or null.</summary>
    [Id(9)] public string? CreditorReference { get; init; }

    /// <summary>The free remittance text (cut to 500 characters), or null.</summary>
    [Id(10)] public string? Remittance { get; init; }

    /// <summary><c>matched</c>, <c>proposed</c> or <c>unmatched</c>.</summary>
    [Id(11)] public required string State { get; init; }

    /// <summary>The receivable (<c>source/year/GMxxxx</c>) or batch payment (EndToEndId) it pays, or null.</summary>
    [Id(12)] public string? Target { get; init; }

    /// <summary>The part that pays the target, in cents.</summary>
    [Id(13)] public long AppliedCents { get; init; }

    /// <summary>The part above what was owed (to refund), in cents.</summary>
    [Id(14)] public long ExcessCents { get; init; }

    /// <summary>Why, in the treasurer's words.</summary>
    [Id(15)] public required string Reason { get; init; }

    /// <summary>True once the booking is in the ledger.</summary>
    [Id(16)] public bool Booked { get; init; }

    /// <summary>How it was decided: <c>import</c> (certain), <c>confirmed</c> or <c>assigned</c> by a treasurer; null while open.</summary>
    [Id(17)] public string? DecidedBy { get; init; }
}

/// <summary>One page of statement headers, by id.</summary>
/// <param name="Rows">The headers.</param>
/// <param name="More">True when more headers follow the last one.</param>
[GenerateSerializer, Immutable]
public sealed record StatementHeaderPage([property: Id(0)] IReadOnlyList<StatementHeaderRow> Rows, [property: Id(1)] bool More);

/// <summary>
/// The imported statements and their lines as table rows: written only by the account's import grain (one writer per
/// IBAN), read by anyone. Headers sort by id, which starts with the IBAN and the closing date, so one account's
/// statements are one range in date order.
/// </summary>
public interface IStatementRowStore
{
    /// <summary>Writes (inserts or replaces) lines of a statement; any number, stored in groups of at most 100.</summary>
    Task PutLinesAsync(string statementId, IReadOnlyList<StatementLineRow> lines, CancellationToken cancellationToken = default);

    /// <summary>Writes (inserts or replaces) a header.</summary>
    Task PutHeaderAsync(StatementHeaderRow header, CancellationToken cancellationToken = default);

    /// <summary>One header, or null.</summary>
    Task<StatementHeaderRow?> GetHeaderAsync(string statementId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> headers whose id starts with <paramref name="prefix"/> (may be empty) and sorts after <paramref name="afterId"/>.</summary>
    Task<StatementHeaderPage> HeadersAsync(string prefix, string? afterId, int max, CancellationToken cancellationToken = default);

    /// <summary>Every line of a statement, by number (at most <see cref="PvoFinance.Banking.Statement.MaxLines"/>).</summary>
    Task<IReadOnlyList<StatementLineRow>> LinesAsync(string statementId, CancellationToken cancellationToken = default);
}

/// <summary>Bounds checked before any I/O.</summary>
public static class StatementRowLimits
{
    /// <summary>The longest statement id.</summary>
    public const int MaxIdLength = 80;

    /// <summary>The most headers one page reads.</summary>
    public const int MaxPage = 200;

    /// <summary>Refuses an id that is empty, too long or has a character table keys do not allow.</summary>
    public static void CheckId(string statementId)
    {
        ArgumentNullException.ThrowIfNull(statementId);
        if (statementId.Length is 0 or > MaxIdLength || !statementId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"A statement id has 1 to {MaxIdLength} letters, digits or '-'.", nameof(statementId));
        }
    }
}
