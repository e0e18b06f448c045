using System.Globalization;
using Azure.Data.Tables;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// <see cref="IFundingRowStore"/> on Azure Table storage, in a table of its own: PartitionKey = source id, RowKey =
/// <c>c:&lt;commitment id&gt;</c> or <c>p:&lt;payment id&gt;</c>, so one kind's rows sort together by id and a page is one
/// range query. A row id holds no ':' (the grain refuses it), so <c>c;</c> bounds the commitments' range.
/// </summary>
public sealed class AzureTableFundingRowStore : IFundingRowStore
{
    private const string RegionColumn = "Region";
    private const string AmountsColumn = "Amounts";
    private const string PurposeColumn = "Purpose";
    private const string MadeColumn = "Made";
    private const string AttemptsColumn = "RefusedAttempts";

    private readonly TableClient _table;
    private readonly TableCreation _creation;

    /// <summary>Creates the store over <paramref name="table"/>; the table is created on first use.</summary>
    public AzureTableFundingRowStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _creation = new TableCreation(table);
    }

    /// <summary>Creates the store over <see cref="TableStorageOptions.TableName"/> in <see cref="TableStorageOptions.ConnectionString"/>.</summary>
    public AzureTableFundingRowStore(TableStorageOptions options) : this(options.CreateTableClient())
    {
    }

    /// <inheritdoc />
    public async Task PutAsync(string sourceId, IReadOnlyList<FundingRow> rows, CancellationToken cancellationToken = default)
    {
        FundingRowLimits.Validate(sourceId, rows);
        if (rows.Count == 0)
        {
            return;
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        if (rows.Count == 1)
        {
            await _table.UpsertEntityAsync(ToEntity(sourceId, rows[0]), TableUpdateMode.Replace, cancellationToken);
            return;
        }
        // One entity-group transaction: the batch is written whole or not at all, in one wait on storage.
        await _table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(sourceId, r))), cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string sourceId, FundingRowKind kind, string id, CancellationToken cancellationToken = default)
    {
        FundingRowLimits.CheckSource(sourceId);
        FundingRowLimits.CheckId(id);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        // Deleting a row that is not there answers 404, which the SDK's DeleteEntity treats as success.
        await _table.DeleteEntityAsync(sourceId, Key(kind, id), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task<FundingRow?> GetAsync(string sourceId, FundingRowKind kind, string id, CancellationToken cancellationToken = default)
    {
        FundingRowLimits.CheckSource(sourceId);
        FundingRowLimits.CheckId(id);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(sourceId, Key(kind, id), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? ToRow(kind, row.Value) : null;
    }

    /// <inheritdoc />
    public async Task<FundingRowPage> PageAsync(string sourceId, FundingRowKind kind, string? afterId, int max, CancellationToken cancellationToken = default)
    {
        FundingRowLimits.ValidatePage(sourceId, afterId, max);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var prefix = Prefix(kind);
        var from = afterId is null ? prefix : prefix + afterId;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {sourceId}")
            + " and " + (afterId is null ? TableClient.CreateQueryFilter($"RowKey ge {from}") : TableClient.CreateQueryFilter($"RowKey gt {from}"))
            + " and " + TableClient.CreateQueryFilter($"RowKey lt {prefix[..1] + ";"}")
            + " and " + TableClient.CreateQueryFilter($"Made eq {true}");
        // One more than asked tells whether a further page exists; the service may cut pages short, so keep reading.
        var rows = new List<FundingRow>(max + 1);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: max + 1, cancellationToken: cancellationToken))
        {
            rows.Add(ToRow(kind, entity));
            if (rows.Count > max)
            {
                break;
            }
        }
        var more = rows.Count > max;
        return new FundingRowPage(more ? rows[..max] : rows, more);
    }

    private static string Prefix(FundingRowKind kind) => kind == FundingRowKind.Commitment ? "c:" : "p:";

    private static string Key(FundingRowKind kind, string id) => Prefix(kind) + id;

    private static TableEntity ToEntity(string sourceId, FundingRow row)
    {
        var entity = new TableEntity(sourceId, Key(row.Kind, row.Id))
        {
            [RegionColumn] = row.Region,
            [AmountsColumn] = string.Join(';', row.Amounts.OrderBy(a => a.Key).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key}={a.Value}"))),
            [MadeColumn] = row.Made,
            [AttemptsColumn] = row.RefusedAttempts,
        };
        if (row.Purpose is not null)
        {
            entity[PurposeColumn] = row.Purpose;
        }
        return entity;
    }

    private static FundingRow ToRow(FundingRowKind kind, TableEntity e)
    {
        var amounts = new SortedDictionary<int, long>();
        foreach (var part in (e.GetString(AmountsColumn) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (year, cents) = (part[..part.IndexOf('=')], part[(part.IndexOf('=') + 1)..]);
            amounts[int.Parse(year, CultureInfo.InvariantCulture)] = long.Parse(cents, CultureInfo.InvariantCulture);
        }
        return new FundingRow(kind, e.RowKey[2..], e.GetString(RegionColumn) ?? "", amounts, e.GetString(PurposeColumn),
            e.GetBoolean(MadeColumn) ?? true, e.GetInt32(AttemptsColumn) ?? 0);
    }
}
