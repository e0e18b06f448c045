using Azure.Data.Tables;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// <see cref="IStatementRowStore"/> on Azure Table storage, in a table of its own: headers in partition <c>h</c> (RowKey =
/// statement id), a statement's lines in the partition of its id (RowKey = <c>l</c> + the line number in four digits), so
/// one statement's lines are read in one range query and written in entity-group transactions of 100.
/// </summary>
public sealed class AzureTableStatementRowStore : IStatementRowStore
{
    private const string HeaderPartition = "h";
    private const int GroupSize = 100;
    private readonly TableClient _table;
    private readonly TableCreation _creation;

    /// <summary>Creates the store over <paramref name="table"/>; the table is created on first use.</summary>
    public AzureTableStatementRowStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _creation = new TableCreation(table);
    }

    /// <summary>Creates the store over <see cref="TableStorageOptions.TableName"/> in <see cref="TableStorageOptions.ConnectionString"/>.</summary>
    public AzureTableStatementRowStore(TableStorageOptions options) : this(options.CreateTableClient())
    {
    }

    /// <inheritdoc />
    public async Task PutLinesAsync(string statementId, IReadOnlyList<StatementLineRow> lines, CancellationToken cancellationToken = default)
    {
        StatementRowLimits.CheckId(statementId);
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return;
        }
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        if (lines.Count == 1)
        {
            await _table.UpsertEntityAsync(ToEntity(statementId, lines[0]), TableUpdateMode.Replace, cancellationToken);
            return;
        }
        foreach (var group in lines.Chunk(GroupSize))
        {
            await _table.SubmitTransactionAsync(group.Select(l => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(statementId, l))), cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task PutHeaderAsync(StatementHeaderRow header, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        StatementRowLimits.CheckId(header.Id);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var entity = new TableEntity(HeaderPartition, header.Id)
        {
            ["Account"] = header.Account,
            ["Scope"] = header.Scope,
            ["Reference"] = header.Reference,
            ["Format"] = header.Format,
            ["OpeningDate"] = header.OpeningDate,
            ["OpeningCents"] = header.OpeningCents,
            ["ClosingDate"] = header.ClosingDate,
            ["ClosingCents"] = header.ClosingCents,
            ["Lines"] = header.Lines,
            ["Complete"] = header.Complete,
            ["ImportedUnixMs"] = header.ImportedUnixMs,
            ["ImportedBy"] = header.ImportedBy,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StatementHeaderRow?> GetHeaderAsync(string statementId, CancellationToken cancellationToken = default)
    {
        StatementRowLimits.CheckId(statementId);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(HeaderPartition, statementId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? ToHeader(row.Value) : null;
    }

    /// <inheritdoc />
    public async Task<StatementHeaderPage> HeadersAsync(string prefix, string? afterId, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, StatementRowLimits.MaxPage);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {HeaderPartition}")
            + " and " + (afterId is null ? TableClient.CreateQueryFilter($"RowKey ge {prefix}") : TableClient.CreateQueryFilter($"RowKey gt {afterId}"));
        if (prefix.Length > 0)
        {
            // Every id is ASCII letters, digits and '-', all below '~': prefix + "~" bounds the prefix's range.
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {prefix + "~"}");
        }
        var rows = new List<StatementHeaderRow>(max + 1);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: max + 1, cancellationToken: cancellationToken))
        {
            rows.Add(ToHeader(entity));
            if (rows.Count > max)
            {
                break;
            }
        }
        var more = rows.Count > max;
        return new StatementHeaderPage(more ? rows[..max] : rows, more);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StatementLineRow>> LinesAsync(string statementId, CancellationToken cancellationToken = default)
    {
        StatementRowLimits.CheckId(statementId);
        await _creation.EnsureAsync().WaitAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {statementId}");
        var rows = new List<StatementLineRow>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            rows.Add(ToLine(entity));
        }
        return [.. rows.OrderBy(r => r.Number)];
    }

    private static TableEntity ToEntity(string statementId, StatementLineRow l) => new(statementId, "l" + l.Number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
    {
        ["Number"] = l.Number,
        ["Direction"] = l.Direction,
        ["Cents"] = l.Cents,
        ["BookingDate"] = l.BookingDate,
        ["EntryKey"] = l.EntryKey,
        ["BankReference"] = l.BankReference,
        ["EndToEndId"] = l.EndToEndId,
        ["CounterpartyName"] = l.CounterpartyName,
        ["CounterpartyIban"] = l.CounterpartyIban,
        ["CreditorReference"] = l.CreditorReference,
        ["Remittance"] = l.Remittance,
        ["State"] = l.State,
        ["Target"] = l.Target,
        ["AppliedCents"] = l.AppliedCents,
        ["ExcessCents"] = l.ExcessCents,
        ["Reason"] = l.Reason,
        ["Booked"] = l.Booked,
        ["DecidedBy"] = l.DecidedBy,
    };

    private static StatementLineRow ToLine(TableEntity e) => new()
    {
        Number = e.GetInt32("Number") ?? 0,
        Direction = e.GetString("Direction") ?? "",
        Cents = e.GetInt64("Cents") ?? 0,
        BookingDate = e.GetString("BookingDate") ?? "",
        EntryKey = e.GetString("EntryKey") ?? "",
        BankReference = e.GetString("BankReference"),
        EndToEndId = e.GetString("EndToEndId"),
        CounterpartyName = e.GetString("CounterpartyName"),
        CounterpartyIban = e.GetString("CounterpartyIban"),
        CreditorReference = e.GetString("CreditorReference"),
        Remittance = e.GetString("Remittance"),
        State = e.GetString("State") ?? "",
        Target = e.GetString("Target"),
        AppliedCents = e.GetInt64("AppliedCents") ?? 0,
        ExcessCents = e.GetInt64("ExcessCents") ?? 0,
        Reason = e.GetString("Reason") ?? "",
        Booked = e.GetBoolean("Booked") ?? false,
        DecidedBy = e.GetString("DecidedBy"),
    };

    private static StatementHeaderRow ToHeader(TableEntity e) => new()
    {
        Id = e.RowKey,
        Account = e.GetString("Account") ?? "",
        Scope = e.GetString("Scope") ?? "",
        Reference = e.GetString("Reference") ?? "",
        Format = e.GetString("Format") ?? "",
        OpeningDate = e.GetString("OpeningDate") ?? "",
        OpeningCents = e.GetInt64("OpeningCents") ?? 0,
        ClosingDate = e.GetString("ClosingDate") ?? "",
        ClosingCents = e.GetInt64("ClosingCents") ?? 0,
        Lines = e.GetInt32("Lines") ?? 0,
        Complete = e.GetBoolean("Complete") ?? false,
        ImportedUnixMs = e.GetInt64("ImportedUnixMs") ?? 0,
        ImportedBy = e.GetString("ImportedBy") ?? "",
    };
}
