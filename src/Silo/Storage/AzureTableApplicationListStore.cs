using Azure;
using Azure.Data.Tables;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// <see cref="IApplicationListStore"/> on Azure Table storage, in a table of its own: PartitionKey = region,
/// RowKey = application id, one row per application with the list's columns.
/// </summary>
/// <remarks>
/// A batch costs two waits on storage whatever its size: the stored sequences of its rows are read in parallel
/// (point reads of one column), then every row that is new or newer goes in one entity-group transaction, each
/// insert an Add (fails if another writer created it meanwhile) and each replacement guarded by the ETag read.
/// A conflict (a second writer, e.g. during a silo handover) re-reads and tries again, so an older sequence never
/// replaces a newer one. Queries filter on the partition and columns server-side and page by RowKey.
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

    private readonly TableClient _table;
    private readonly TableCreation _creation;

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
            var stored = await Task.WhenAll(rows.Select(r => _table.GetEntityIfExistsAsync<TableEntity>(region, r.Id, [SequenceColumn], cancellationToken)));
            var actions = new List<TableTransactionAction>(rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var kept = stored[i].HasValue ? stored[i].Value : null;
                if (kept is null)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(rows[i])));
                }
                else if ((kept.GetInt32(SequenceColumn) ?? -1) < rows[i].Sequence)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(rows[i]), kept.ETag));
                }
            }
            if (actions.Count == 0)
            {
                return new ApplicationListWriteResult(0, rows.Count);
            }
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return new ApplicationListWriteResult(actions.Count, rows.Count - actions.Count);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                // Another writer moved a row between our read and our write: read again and decide again.
            }
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
