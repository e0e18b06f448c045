namespace PvoFinance.Grains.Banking;

/// <summary>
/// The statements of one bank account (key: its IBAN). One writer per account, so two imports of the same statement, or an
/// import and a treasurer's confirmation, never book a line twice. No grain state: the statements and their lines are
/// table rows (<see cref="PvoFinance.Storage.IStatementRowStore"/>), so the grain stays the same size however many
/// statements the account has.
/// </summary>
public interface IBankStatementGrain : IGrainWithStringKey
{
    /// <summary>Who holds the account and whose money it keeps.</summary>
    Task<StatementPartiesDto> Parties();

    /// <summary>
    /// Reads, matches and books a statement file of this account: certain matches through the receipt path and the
    /// batch confirmation, keyed by the bank's entry; the rest kept as lines to confirm or assign. The same statement
    /// again books nothing new and answers the same statement; an import that stopped half-way is finished.
    /// </summary>
    Task<StatementReply> Import(byte[] file, string? format, string importedBy);

    /// <summary>A statement of this account with its lines, or a 404 refusal.</summary>
    Task<StatementReply> Get(string statementId);

    /// <summary>Books a proposed line as proposed (idempotent).</summary>
    Task<StatementReply> Confirm(string statementId, int line, string by);

    /// <summary>Books an unmatched (or proposed) credit to an open receivable of this account (idempotent).</summary>
    Task<StatementReply> Assign(string statementId, int line, string receivable, string by);

    /// <summary>The open levy invoices this account's credits can pay (at most 500).</summary>
    Task<IReadOnlyList<OpenReceivableDto>> OpenReceivables();

    /// <summary>The ledger's figure of the account against the last statement up to <paramref name="date"/> (ISO; null: today).</summary>
    Task<ReconciliationDto> Reconcile(string? date);
}

/// <summary>Reads statement headers across accounts, for the list (a stateless worker: reads never wait behind imports).</summary>
public interface IStatementReaderGrain : IGrainWithIntegerKey
{
    /// <summary>Up to <paramref name="max"/> headers whose id starts with <paramref name="prefix"/>, after <paramref name="afterId"/>.</summary>
    Task<PvoFinance.Storage.StatementHeaderPage> Page(string prefix, string? afterId, int max);
}
