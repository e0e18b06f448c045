using Azure;
using Azure.Data.Tables;
using NodaTime;
using PvoFinance.Applications;
using PvoFinance.Notices;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// <see cref="INoticeStore"/> on Azure Table storage, in a table of its own: a notice is a row (PartitionKey = region,
/// RowKey = the id without the region, so a partition reads by due day; the notice as JSON in one column); a user's
/// read marks are rows of the partition <c>u-</c> and a hash of the user (RowKey = notice id, with its due day).
/// </summary>
/// <remarks>
/// A notice is added with "insert", not "upsert": a second sweep's add of the same id fails with 409 and is counted
/// as not new, so storage itself keeps a notice made once, across silos and restarts.
/// </remarks>
public sealed class AzureTableNoticeStore : INoticeStore
{
    private const string JsonColumn = "Json";
    private const string DueColumn = "Due";
    private const string ReadColumn = "ReadAt";

    private readonly TableClient _table;
    private readonly TableCreation _creation;

    /// <summary>Creates the store over <paramref name="table"/>; the table is created on first use.</summary>
    public AzureTableNoticeStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _creation = new TableCreation(table);
    }

    /// <summary>Creates the store over <see cref="TableStorageOptions.TableName"/> in <see cref="TableStorageOptions.ConnectionString"/>.</summary>
    public AzureTableNoticeStore(TableStorageOptions options) : this((options ?? throw new ArgumentNullException(nameof(options))).CreateTableClient())
    {
    }

    /// <inheritdoc />
    public async Task<int> AddAsync(string region, IReadOnlyList<Notice> notices, CancellationToken cancellationToken = default)
    {
        NoticeStoreRules.Validate(region, notices);
        if (notices.Count == 0)
        {
            return 0;
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        // Most planned notices exist already (a sweep plans the same ones every tick): read the partition's ids once
        // and insert only the others, one by one, so a 409 (another silo was first) costs only that row.
        var known = new HashSet<string>(StringComparer.Ordinal);
        var keepFrom = NoticeIds.Iso(notices.Min(n => n.Due));
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {region} and {DueColumn} ge {keepFrom}"),
            maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            known.Add(e.RowKey);
        }
        var made = 0;
        foreach (var notice in notices.Where(n => !known.Contains(NoticeIds.RowKey(n.Id))).DistinctBy(n => n.Id))
        {
            try
            {
                await _table.AddEntityAsync(new TableEntity(region, NoticeIds.RowKey(notice.Id))
                {
                    [JsonColumn] = System.Text.Json.JsonSerializer.Serialize(notice, ApplicationJson.Options),
                    [DueColumn] = NoticeIds.Iso(notice.Due),
                }, cancellationToken);
                made++;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Made by another sweep in the meantime: the first one stays.
            }
        }
        return made;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Notice>> ListAsync(string region, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var found = new List<Notice>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {region}"), maxPerPage: 1000,
            select: [JsonColumn], cancellationToken: cancellationToken))
        {
            if (found.Count >= max)
            {
                break;
            }
            found.Add(Read(e));
        }
        return found;
    }

    /// <inheritdoc />
    public async Task<Notice?> GetAsync(string region, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(region, NoticeIds.RowKey(id), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e ? Read(e) : null;
    }

    /// <inheritdoc />
    public async Task<int> PruneAsync(string region, LocalDate keepFrom, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var old = new List<TableTransactionAction>();
        // Row keys start with the due day (yyyyMMdd), so "before keepFrom" is a key range.
        var bound = keepFrom.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {region} and RowKey lt {bound}"),
            maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            old.Add(new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All));
        }
        foreach (var batch in old.Chunk(100))
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
        return old.Count;
    }

    /// <inheritdoc />
    public async Task MarkReadAsync(string user, Notice notice, Instant at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(notice);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        await _table.UpsertEntityAsync(new TableEntity(user, notice.Id)
        {
            [DueColumn] = NoticeIds.Iso(notice.Due),
            [ReadColumn] = at.ToDateTimeOffset(),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> ReadByAsync(string user, LocalDate keepFrom, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var read = new HashSet<string>(StringComparer.Ordinal);
        var old = new List<TableTransactionAction>();
        var bound = NoticeIds.Iso(keepFrom);
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {user}"), maxPerPage: 1000,
            select: ["RowKey", DueColumn], cancellationToken: cancellationToken))
        {
            if (string.CompareOrdinal(e.GetString(DueColumn), bound) < 0)
            {
                old.Add(new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All));
            }
            else
            {
                read.Add(e.RowKey);
            }
        }
        // Marks of pruned notices go as they are found, a batch at a time, so a user's partition stays bounded too.
        if (old.Count > 0)
        {
            await _table.SubmitTransactionAsync(old.Take(100), cancellationToken);
        }
        return read;
    }

    private static Notice Read(TableEntity e) =>
        System.Text.Json.JsonSerializer.Deserialize<Notice>(e.GetString(JsonColumn) ?? "null", ApplicationJson.Options)
            ?? throw new InvalidOperationException($"Notice row {e.PartitionKey}/{e.RowKey} is empty.");
}
