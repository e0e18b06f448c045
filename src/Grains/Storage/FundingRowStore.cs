namespace PvoFinance.Storage;

/// <summary>What a funding source keeps as rows instead of in its state.</summary>
public enum FundingRowKind
{
    /// <summary>A commitment to a region (<see cref="FundingRow.Made"/>), or only the count of its refused attempts.</summary>
    Commitment,
    /// <summary>A direct payment to a region.</summary>
    Payment,
}

/// <summary>
/// One row of a funding source: a commitment or a direct payment, keyed by (source, kind, the caller's id), so a source
/// grows by rows, never by one growing value.
/// </summary>
/// <param name="Kind">Commitment or payment.</param>
/// <param name="Id">The caller's id (1..100 printable ASCII characters without / \ # ? :).</param>
/// <param name="Region">The region committed to or paid; empty on a row of refused attempts only.</param>
/// <param name="Amounts">Cents per budget year (a payment has one year).</param>
/// <param name="Purpose">A commitment's purpose.</param>
/// <param name="Made">False for a commitment id that was only refused so far: the row then only counts attempts.</param>
/// <param name="RefusedAttempts">How many attempts under this id the ledger refused; each attempt books under its own keys.</param>
public sealed record FundingRow(FundingRowKind Kind, string Id, string Region, IReadOnlyDictionary<int, long> Amounts, string? Purpose,
    bool Made = true, int RefusedAttempts = 0)
{
    /// <summary>True when <paramref name="other"/> holds the same content (amounts compared by year).</summary>
    public bool SameAs(FundingRow other) =>
        other is not null && Kind == other.Kind && Id == other.Id && Region == other.Region && Purpose == other.Purpose && Made == other.Made
        && RefusedAttempts == other.RefusedAttempts && Amounts.OrderBy(a => a.Key).SequenceEqual(other.Amounts.OrderBy(a => a.Key));
}

/// <summary>One page of a source's rows of one kind, by id (ordinal).</summary>
/// <param name="Rows">The rows.</param>
/// <param name="More">True when rows after the last one exist.</param>
public sealed record FundingRowPage(IReadOnlyList<FundingRow> Rows, bool More);

/// <summary>
/// The rows of the funding sources: partition = source id, one row per commitment or payment. Written only by the
/// source's grain (a single writer), read directly by anyone, so reads never wait behind the source's writes.
/// </summary>
public interface IFundingRowStore
{
    /// <summary>Writes (inserts or replaces) <paramref name="rows"/> of <paramref name="sourceId"/> as one group.</summary>
    /// <exception cref="ArgumentException">The batch breaks <see cref="FundingRowLimits"/>; checked before any I/O.</exception>
    Task PutAsync(string sourceId, IReadOnlyList<FundingRow> rows, CancellationToken cancellationToken = default);

    /// <summary>Removes one row; removing a row that is not there is not an error.</summary>
    Task DeleteAsync(string sourceId, FundingRowKind kind, string id, CancellationToken cancellationToken = default);

    /// <summary>Reads one row (a point read), or null.</summary>
    Task<FundingRow?> GetAsync(string sourceId, FundingRowKind kind, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads up to <paramref name="max"/> rows of <paramref name="kind"/> whose id sorts after <paramref name="afterId"/>,
    /// by id; commitments only when made.
    /// </summary>
    Task<FundingRowPage> PageAsync(string sourceId, FundingRowKind kind, string? afterId, int max, CancellationToken cancellationToken = default);
}

/// <summary>Explicit bounds on funding rows, batches and pages.</summary>
public static class FundingRowLimits
{
    /// <summary>Rows in one batch: one Azure entity-group transaction takes at most 100 entities of one partition.</summary>
    public const int MaxBatch = 100;

    /// <summary>Rows a page returns when the caller names no size.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>Rows one page may return.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Characters of a source id (a partition).</summary>
    public const int MaxSourceChars = 40;

    /// <summary>Characters of a row's id.</summary>
    public const int MaxIdChars = 100;

    /// <summary>Years one row holds amounts for.</summary>
    public const int MaxYears = 10;

    /// <summary>Characters of a purpose.</summary>
    public const int MaxPurposeChars = 500;

    /// <summary>Throws <see cref="ArgumentException"/> naming what breaks a limit, before any I/O.</summary>
    public static void Validate(string sourceId, IReadOnlyList<FundingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CheckSource(sourceId);
        if (rows.Count > MaxBatch)
        {
            throw new ArgumentException($"A batch holds at most {MaxBatch} rows, not {rows.Count}.", nameof(rows));
        }
        var keys = new HashSet<(FundingRowKind, string)>();
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row);
            CheckId(row.Id);
            if (row.Amounts.Count > MaxYears || row.Purpose is { Length: > MaxPurposeChars } || row.Region.Length > MaxIdChars)
            {
                throw new ArgumentException($"Row '{row.Id}' has more than {MaxYears} years, a purpose over {MaxPurposeChars} characters or a region over {MaxIdChars}.", nameof(rows));
            }
            if (!keys.Add((row.Kind, row.Id)))
            {
                throw new ArgumentException($"Row '{row.Kind} {row.Id}' appears twice in one batch.", nameof(rows));
            }
        }
    }

    /// <summary>Throws when <paramref name="max"/> is outside 1..<see cref="MaxPageSize"/> or a key is bad.</summary>
    public static void ValidatePage(string sourceId, string? afterId, int max)
    {
        CheckSource(sourceId);
        if (afterId is not null)
        {
            CheckId(afterId);
        }
        if (max is < 1 or > MaxPageSize)
        {
            throw new ArgumentException($"A page holds 1..{MaxPageSize} rows, not {max}.", nameof(max));
        }
    }

    /// <summary>Throws when <paramref name="sourceId"/> cannot be a partition: 1..40 characters a-z, 0-9, '-'.</summary>
    public static void CheckSource(string sourceId)
    {
        if (string.IsNullOrEmpty(sourceId) || sourceId.Length > MaxSourceChars || !sourceId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"'{sourceId}' cannot be a funding source's partition: 1..{MaxSourceChars} characters a-z, 0-9 and '-'.", nameof(sourceId));
        }
    }

    /// <summary>Throws when <paramref name="id"/> cannot be a row id: 1..100 printable ASCII characters without / \ # ? :.</summary>
    public static void CheckId(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdChars || id.Any(c => c is < '!' or > '~' or '/' or '\\' or '#' or '?' or ':'))
        {
            throw new ArgumentException($"'{id}' cannot be a funding row id: 1..{MaxIdChars} printable ASCII characters without spaces or / \\ # ? :.", nameof(id));
        }
    }
}
