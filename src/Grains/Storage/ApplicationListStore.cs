namespace PvoFinance.Storage;

/// <summary>
/// One row of a region's application list: what a list shows of one application. The row store keys it by
/// (<see cref="Region"/>, <see cref="Id"/>), so a region's list grows by rows, never by one growing value.
/// </summary>
/// <param name="Id">The application id (the row's key).</param>
/// <param name="Region">The applying region (the row's partition).</param>
/// <param name="SourceId">The funding source applied to.</param>
/// <param name="FundOwner">Who decides, as a scope text.</param>
/// <param name="State">The state's name.</param>
/// <param name="Tier">The tier's name, null before the grant.</param>
/// <param name="Title">What the activities are.</param>
/// <param name="Requested">The amount requested, as exact text.</param>
/// <param name="Granted">The granted amount, as exact text.</param>
/// <param name="Sequence">The history sequence the row reflects; only a higher one replaces it.</param>
/// <param name="NextDue">The earliest running date (ISO <c>yyyy-MM-dd</c>), null when none runs; what the due filter compares.</param>
/// <param name="DeadlinesJson">The running dates as JSON, judged at the time of asking.</param>
[GenerateSerializer, Immutable]
public sealed record ApplicationListRow(
    [property: Id(0)] string Id,
    [property: Id(1)] string Region,
    [property: Id(2)] string SourceId,
    [property: Id(3)] string FundOwner,
    [property: Id(4)] string State,
    [property: Id(5)] string? Tier,
    [property: Id(6)] string Title,
    [property: Id(7)] string Requested,
    [property: Id(8)] string Granted,
    [property: Id(9)] int Sequence,
    [property: Id(10)] string? NextDue,
    [property: Id(11)] string DeadlinesJson);

/// <summary>Which rows of one region to read: all filters are optional and combine with "and".</summary>
/// <param name="Region">The region (partition) to read.</param>
/// <param name="State">Only rows in this state.</param>
/// <param name="SourceId">Only rows of this funding source.</param>
/// <param name="DueOnOrBefore">Only rows whose <see cref="ApplicationListRow.NextDue"/> is on or before this ISO date.</param>
/// <param name="AfterId">Only rows whose id sorts (ordinal) after this one: the paging cursor.</param>
/// <param name="Max">At most this many rows, 1..<see cref="ApplicationListLimits.MaxPageSize"/>.</param>
[GenerateSerializer, Immutable]
public sealed record ApplicationListQuery(
    [property: Id(0)] string Region,
    [property: Id(1)] string? State,
    [property: Id(2)] string? SourceId,
    [property: Id(3)] string? DueOnOrBefore,
    [property: Id(4)] string? AfterId,
    [property: Id(5)] int Max);

/// <summary>One page of rows, by id (ordinal).</summary>
/// <param name="Rows">The rows.</param>
/// <param name="More">True when rows after the last one match too.</param>
[GenerateSerializer, Immutable]
public sealed record ApplicationListPage(
    [property: Id(0)] IReadOnlyList<ApplicationListRow> Rows,
    [property: Id(1)] bool More);

/// <summary>What one batch of upserts did.</summary>
/// <param name="Written">Rows created or replaced by a newer sequence.</param>
/// <param name="Skipped">Rows left alone because the stored one has the same or a newer sequence.</param>
public sealed record ApplicationListWriteResult(int Written, int Skipped);

/// <summary>
/// The application lists: one row per application, one partition per region. Written in batches by the
/// region's single list writer (<c>ApplicationIndexGrain</c>), read directly by anyone, so reads never wait
/// behind writes.
/// </summary>
public interface IApplicationListStore
{
    /// <summary>
    /// Writes <paramref name="rows"/> (all of <paramref name="region"/>, distinct ids) as one group: each row
    /// replaces the stored one only when its <see cref="ApplicationListRow.Sequence"/> is higher.
    /// </summary>
    /// <exception cref="ArgumentException">The batch breaks <see cref="ApplicationListLimits"/>; checked before any I/O.</exception>
    Task<ApplicationListWriteResult> UpsertAsync(string region, IReadOnlyList<ApplicationListRow> rows, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <see cref="ApplicationListQuery.Max"/> matching rows after the cursor, by id.</summary>
    Task<ApplicationListPage> QueryAsync(ApplicationListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads one row, or null.</summary>
    Task<ApplicationListRow?> GetAsync(string region, string id, CancellationToken cancellationToken = default);
}

/// <summary>Explicit bounds on application-list rows, batches, pages and the writer's queue.</summary>
public static class ApplicationListLimits
{
    /// <summary>Rows in one batch: one Azure entity-group transaction takes at most 100 entities of one partition.</summary>
    public const int MaxBatch = 100;

    /// <summary>Rows a page returns when the caller names no size.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>Rows one page may return.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// Summaries the region's writer holds in memory while storage is down. Beyond it a new summary is refused
    /// (counted and logged); the application re-sends its summary when it next activates.
    /// </summary>
    public const int MaxQueued = 20_000;

    /// <summary>Characters of a key (region or application id).</summary>
    public const int MaxKeyChars = 200;

    /// <summary>
    /// Characters of any one text column. Azure caps a string property at 64 KiB (32,768 UTF-16 chars); twelve
    /// columns of at most this stay far under the 1 MiB entity cap.
    /// </summary>
    public const int MaxColumnChars = 32_000;

    /// <summary>How long a summary may wait for others to share its batch.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>The first wait after a failed batch; doubled per further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between retries of a failed batch.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming what breaks a limit, before any I/O.</summary>
    public static void Validate(string region, IReadOnlyList<ApplicationListRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CheckKey(region, "region");
        if (rows.Count > MaxBatch)
        {
            throw new ArgumentException($"A batch holds at most {MaxBatch} rows, not {rows.Count}.", nameof(rows));
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            Validate(row);
            if (row.Region != region)
            {
                throw new ArgumentException($"Row '{row.Id}' belongs to region '{row.Region}', not '{region}'.", nameof(rows));
            }
            if (!ids.Add(row.Id))
            {
                throw new ArgumentException($"Row '{row.Id}' appears twice in one batch.", nameof(rows));
            }
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when one row breaks a limit.</summary>
    public static void Validate(ApplicationListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        CheckKey(row.Id, "id");
        CheckKey(row.Region, "region");
        foreach (var (name, text) in new[] { ("sourceId", row.SourceId), ("fundOwner", row.FundOwner), ("state", row.State), ("tier", row.Tier),
            ("title", row.Title), ("requested", row.Requested), ("granted", row.Granted), ("nextDue", row.NextDue), ("deadlines", row.DeadlinesJson) })
        {
            if (text is { Length: > MaxColumnChars })
            {
                throw new ArgumentException($"Row '{row.Id}': {name} has {text.Length} characters, more than {MaxColumnChars}.", nameof(row));
            }
        }
    }

    /// <summary>Throws when <paramref name="key"/> cannot be a table key: empty, too long, or with / \ # ? or control characters.</summary>
    public static void CheckKey(string key, string what)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyChars || key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"'{key}' cannot be an application-list {what}: 1..{MaxKeyChars} characters without / \\ # ? or control characters.", what);
        }
    }

    /// <summary>Throws when <paramref name="query"/> asks for a page size outside 1..<see cref="MaxPageSize"/> or names a bad key.</summary>
    public static void Validate(ApplicationListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckKey(query.Region, "region");
        if (query.Max is < 1 or > MaxPageSize)
        {
            throw new ArgumentException($"A page holds 1..{MaxPageSize} rows, not {query.Max}.", nameof(query));
        }
    }

    /// <summary>True when <paramref name="row"/> passes the filters of <paramref name="query"/> (the cursor aside).</summary>
    public static bool Matches(ApplicationListQuery query, ApplicationListRow row) =>
        (query.State is null || row.State == query.State)
        && (query.SourceId is null || row.SourceId == query.SourceId)
        && (query.DueOnOrBefore is null || (row.NextDue is { } due && string.CompareOrdinal(due, query.DueOnOrBefore) <= 0));
}
