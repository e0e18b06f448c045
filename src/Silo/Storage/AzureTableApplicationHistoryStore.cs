using Azure.Data.Tables;
using PvoFinance.Applications;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// <see cref="IApplicationHistoryStore"/> on Azure Table storage, in a table of its own: PartitionKey = application
/// id, RowKey = the zero-padded sequence, the whole entry as JSON (<see cref="ApplicationJson"/>) in one column.
/// </summary>
/// <remarks>
/// Answers kept for idempotency keys are rows of the same partition (RowKey <c>k</c> and a hash of the key), written in
/// the same batch as their entry. A write is one entity-group transaction of replacing upserts (one wait on storage, all rows or none); writing a
/// row again with the same entry is harmless, which is what lets the application write its rows beside its state.
/// A read is one range query on the partition.
/// </remarks>
public sealed class AzureTableApplicationHistoryStore : IApplicationHistoryStore
{
    private const string EntryColumn = "Entry";
    private const string KeyColumn = "Key";
    private const string FingerprintColumn = "Fingerprint";
    private const string SequenceColumn = "Sequence";
    private const string StatusColumn = "Status";
    private const string JsonColumn = "Json";
    private const string WindowColumn = "Window";

    private readonly TableClient _table;
    private readonly TableCreation _creation;

    /// <summary>Creates the store over <paramref name="table"/>; the table is created on first use.</summary>
    public AzureTableApplicationHistoryStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _creation = new TableCreation(table);
    }

    /// <summary>Creates the store over <see cref="TableStorageOptions.TableName"/> in <see cref="TableStorageOptions.ConnectionString"/>.</summary>
    public AzureTableApplicationHistoryStore(TableStorageOptions options) : this((options ?? throw new ArgumentNullException(nameof(options))).CreateTableClient())
    {
    }

    /// <inheritdoc />
    public async Task WriteAsync(string applicationId, IReadOnlyList<HistoryEntry> entries, IReadOnlyList<StoredReply>? replies = null, CancellationToken cancellationToken = default)
    {
        ApplicationHistoryLimits.Validate(applicationId, entries, replies);
        if (entries.Count + (replies?.Count ?? 0) == 0)
        {
            return;
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var actions = entries.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(applicationId, ApplicationHistoryLimits.RowKey(e.Sequence))
        {
            [EntryColumn] = System.Text.Json.JsonSerializer.Serialize(e, ApplicationJson.Options),
        })).ToList();
        actions.AddRange((replies ?? []).Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(applicationId, ApplicationHistoryLimits.ReplyRowKey(r.Key))
        {
            [KeyColumn] = r.Key,
            [FingerprintColumn] = r.Fingerprint,
            [SequenceColumn] = r.Sequence,
            [StatusColumn] = r.Status,
            [JsonColumn] = r.Json,
            [WindowColumn] = r.Window,
        })));
        await _table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryEntry>> ReadAsync(string applicationId, int first, int last, CancellationToken cancellationToken = default)
    {
        ApplicationHistoryLimits.Validate(applicationId, first, last);
        if (last < first)
        {
            return [];
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {applicationId} and RowKey ge {ApplicationHistoryLimits.RowKey(first)} and RowKey le {ApplicationHistoryLimits.RowKey(last)}");
        var found = new List<HistoryEntry>(last - first + 1);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: [EntryColumn], cancellationToken: cancellationToken))
        {
            found.Add(System.Text.Json.JsonSerializer.Deserialize<HistoryEntry>(entity.GetString(EntryColumn) ?? "null", ApplicationJson.Options)
                ?? throw new InvalidOperationException($"History row {entity.RowKey} of application '{applicationId}' is empty."));
        }
        return found;
    }

    /// <inheritdoc />
    public async Task<StoredReply?> ReadReplyAsync(string applicationId, string key, CancellationToken cancellationToken = default)
    {
        ApplicationHistoryLimits.CheckId(applicationId);
        ApplicationHistoryLimits.CheckKey(key);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(applicationId, ApplicationHistoryLimits.ReplyRowKey(key), cancellationToken: cancellationToken);
        // The hash is short: the row names its key, and another key's row is not this key's answer.
        return row.HasValue && row.Value is { } e && e.GetString(KeyColumn) == key
            ? new StoredReply(key, e.GetString(FingerprintColumn) ?? "", e.GetInt32(SequenceColumn) ?? 0, e.GetInt32(StatusColumn) ?? 0, e.GetString(JsonColumn) ?? "",
                e.GetInt32(WindowColumn) ?? 0)
            : null;
    }
}
