using Azure;
using Azure.Data.Tables;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// <see cref="IApplicationListStore"/> on Azure Table storage, in a table of its own: PartitionKey = region,
/// RowKey = application id, one row per application with the list's columns.
/// </summary>
/// <remarks>
/// A batch costs at most two waits on storage whatever its size: the stored sequences of its rows are read in
/// parallel (point reads of one column), then every row that is new or newer goes in one entity-group transaction,
/// each insert an Add (fails if another writer created it meanwhile) and each replacement guarded by the ETag read.
/// The sequence and ETag of every row this store wrote are remembered (at most <see cref="MaxRemembered"/> rows), so
/// the next write of the same row needs no read: a row's summaries come from its one region writer, and the
/// remembered ETag guards the replacement as a read one would. A conflict (a second writer, e.g. during a silo
/// handover, made the remembered ETag stale) forgets the batch's rows, re-reads and tries again, so an older
/// sequence never replaces a newer one. Queries filter on the partition and columns server-side and page by RowKey.
/// </remarks>
public sealed class AzureTableApplicationListStore : IApplicationListStore
{
    /// <summary>How often a batch is tried again after a conflict with another writer before the conflict is thrown.</summary>
    public const int MaxConflictRetries = 5;

    private const string SourceColumn = "SourceId";
    private const string FundOwnerColumn = "FundOwner";
    private const string StateColumn = "State";
    private const string TierColumn = "Tier";
    private const string TitleColumn = "Title";
    private const string RequestedColumn = "Requested";
    private const string GrantedColumn = "Granted";
    private const string SequenceColumn = "Sequence";
    private const string NextDueColumn = "NextDue";
    private const string DeadlinesColumn = "Deadlines";

    /// <summary>Rows whose last written sequence and ETag are remembered; past it the memory starts over.</summary>
    public const int MaxRemembered = 50_000;

    private readonly TableClient _table;
    private readonly TableCreation _creation;

    // (region, id) → the sequence and ETag this store last wrote; saves the read before the next write of the row.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Region, string Id), (int Sequence, ETag ETag)> _written = new();

    /// <summary>Creates the store over <paramref name="table"/>; the table is created on first use.</summary>
    public AzureTableApplicationListStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _creation = new TableCreation(table);
    }

    /// <summary>Creates the store over <see cref="TableStorageOptions.TableName"/> in <see cref="TableStorageOptions.ConnectionString"/>.</summary>
    public AzureTableApplicationListStore(TableStorageOptions options) : this(options.CreateTableClient())
    {
    }

    /// <inheritdoc />
    public async Task<ApplicationListWriteResult> UpsertAsync(string region, IReadOnlyList<ApplicationListRow> rows, CancellationToken cancellationToken = default)
    {
        ApplicationListLimits.Validate(region, rows);
        if (rows.Count == 0)
        {
            return new ApplicationListWriteResult(0, 0);
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            // Rows this store wrote last need no read (see the remarks); the others are read in parallel.
            var stored = await Task.WhenAll(rows.Select(r => _written.TryGetValue((region, r.Id), out var known)
                ? Task.FromResult<(int Sequence, ETag ETag)?>(known)
                : StoredAsync(region, r.Id, cancellationToken)));
            var actions = new List<TableTransactionAction>(rows.Count);
            var written = new List<ApplicationListRow>(rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                if (stored[i] is not { } kept)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(rows[i])));
                    written.Add(rows[i]);
                }
                else if (kept.Sequence < rows[i].Sequence)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(rows[i]), kept.ETag));
                    written.Add(rows[i]);
                }
            }
            if (actions.Count == 0)
            {
                return new ApplicationListWriteResult(0, rows.Count);
            }
            try
            {
                var answers = await _table.SubmitTransactionAsync(actions, cancellationToken);
                Remember(region, written, answers.Value);
                return new ApplicationListWriteResult(actions.Count, rows.Count - actions.Count);
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412 && attempt < MaxConflictRetries)
            {
                // Another writer moved (or removed) a row between our read (or our last write) and this write: forget what we
                // knew of the batch's rows, read again and decide again.
                Forget(region, rows);
            }
            catch
            {
                // Whether the transaction landed is unknown: the next write of these rows reads them first.
                Forget(region, rows);
                throw;
            }
        }
    }

    // The stored sequence and ETag of one row (one column read), or null when there is no row.
    private async Task<(int Sequence, ETag ETag)?> StoredAsync(string region, string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(region, id, [SequenceColumn], cancellationToken);
        return row.HasValue && row.Value is { } kept ? (kept.GetInt32(SequenceColumn) ?? -1, kept.ETag) : null;
    }

    // The answers come in the order of the actions; a row whose answer carries no ETag is read again next time.
    private void Remember(string region, List<ApplicationListRow> written, IReadOnlyList<Response> answers)
    {
        if (_written.Count + written.Count > MaxRemembered)
        {
            _written.Clear();
        }
        for (var i = 0; i < written.Count; i++)
        {
            var etag = i < answers.Count ? answers[i].Headers.ETag : null;
            if (etag is { } known && known != default)
            {
                _written[(region, written[i].Id)] = (written[i].Sequence, known);
            }
            else
            {
                _written.TryRemove((region, written[i].Id), out _);
            }
        }
    }

    private void Forget(string region, IReadOnlyList<ApplicationListRow> rows)
    {
        foreach (var row in rows)
        {
            _written.TryRemove((region, row.Id), out _);
        }
    }

    /// <inheritdoc />
    public async Task<ApplicationListPage> QueryAsync(ApplicationListQuery query, CancellationToken cancellationToken = default)
    {
        ApplicationListLimits.Validate(query);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {query.Region}");
        if (query.AfterId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {query.AfterId}");
        }
        if (query.State is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"State eq {query.State}");
        }
        if (query.SourceId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"SourceId eq {query.SourceId}");
        }
        if (query.DueOnOrBefore is not null)
        {
            // A row with no running date has no NextDue column, and a comparison with a missing column is false.
            filter += " and " + TableClient.CreateQueryFilter($"NextDue le {query.DueOnOrBefore}");
        }
        // One more than asked tells whether a further page exists; the service may cut pages short, so keep reading.
        var rows = new List<ApplicationListRow>(query.Max + 1);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: query.Max + 1, cancellationToken: cancellationToken))
        {
            rows.Add(ToRow(entity));
            if (rows.Count > query.Max)
            {
                break;
            }
        }
        var more = rows.Count > query.Max;
        return new ApplicationListPage(more ? rows[..query.Max] : rows, more);
    }

    /// <inheritdoc />
    public async Task<ApplicationListRow?> GetAsync(string region, string id, CancellationToken cancellationToken = default)
    {
        ApplicationListLimits.CheckKey(region, "region");
        ApplicationListLimits.CheckKey(id, "id");
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(region, id, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? ToRow(row.Value) : null;
    }

    private static TableEntity ToEntity(ApplicationListRow row)
    {
        var entity = new TableEntity(row.Region, row.Id)
        {
            [SourceColumn] = row.SourceId,
            [FundOwnerColumn] = row.FundOwner,
            [StateColumn] = row.State,
            [TitleColumn] = row.Title,
            [RequestedColumn] = row.Requested,
            [GrantedColumn] = row.Granted,
            [SequenceColumn] = row.Sequence,
            [DeadlinesColumn] = row.DeadlinesJson,
        };
        // Absent rather than empty: the due filter must not match a row with no running date.
        if (row.Tier is not null)
        {
            entity[TierColumn] = row.Tier;
        }
        if (row.NextDue is not null)
        {
            entity[NextDueColumn] = row.NextDue;
        }
        return entity;
    }

    private static ApplicationListRow ToRow(TableEntity e) => new(
        e.RowKey, e.PartitionKey, e.GetString(SourceColumn) ?? "", e.GetString(FundOwnerColumn) ?? "", e.GetString(StateColumn) ?? "",
        e.GetString(TierColumn), e.GetString(TitleColumn) ?? "", e.GetString(RequestedColumn) ?? "", e.GetString(GrantedColumn) ?? "",
        e.GetInt32(SequenceColumn) ?? 0, e.GetString(NextDueColumn), e.GetString(DeadlinesColumn) ?? "{}");
}
