namespace PvoFinance.Grains.Funding;

/// <summary>
/// One funding source (key: its id): its definition, budget years and commitments. Money never lives here:
/// every figure is read from the ledger journals of the source's budget years; this grain coordinates
/// the entries (idempotently, keyed by the caller's ids) and remembers what it committed to whom.
/// </summary>
public interface IFundingSourceGrain : IGrainWithStringKey
{
    /// <summary>Creates the source; refused if the id or name is taken.</summary>
    Task<FundingReply> Create(FundingSourceDto source);

    /// <summary>Changes name, funder, themes, rates; kind and owner cannot change.</summary>
    Task<FundingReply> Update(FundingSourceDto source);

    /// <summary>The source with its years (figures from the ledger), its newest commitments and counts; null if it does not exist.</summary>
    Task<FundingSourceDetailsDto?> Get();

    /// <summary>Only the definition, without reading the ledger (for access checks and listings); null if it does not exist.</summary>
    Task<FundingSourceDto?> GetDefinition();

    /// <summary>Sets a budget year's ceiling (national schemes, provincial funds); lowering below what is committed is refused.</summary>
    Task<FundingReply> SetCeiling(int year, long ceilingCents);

    /// <summary>Commits amounts to a region for one or more years, all or nothing.</summary>
    Task<FundingReply> Commit(string commitmentId, string region, IReadOnlyDictionary<int, long> amounts, string? purpose);

    /// <summary>
    /// Commits a distribution's parts (one commitment per region, ids <c>&lt;distribution&gt;.&lt;region&gt;</c>) together:
    /// all or none. <paramref name="attempt"/> is the distribution's attempt (each books under its own keys).
    /// </summary>
    Task<FundingReply> CommitAll(string distributionId, int attempt, IReadOnlyList<CommitmentDto> parts);

    /// <summary>Pays (part of) a commitment to the region, through the intermediary if the source has one.</summary>
    /// <param name="paymentId">The payment's id (its idempotency key).</param>
    /// <param name="region">The region paid.</param>
    /// <param name="year">The commitment's year.</param>
    /// <param name="cents">The amount paid.</param>
    /// <param name="bankReference">The bank's reference of the statement line that confirmed it, when paid in a batch.</param>
    Task<FundingReply> Pay(string paymentId, string region, int year, long cents, string? bankReference = null);

    /// <summary>Invoices every participating municipality for the year (municipal levy); repeating it is a no-op.</summary>
    Task<FundingReply> InvoiceLevy(int year);

    /// <summary>The year's invoices with what is still outstanding.</summary>
    Task<FundingReply> GetInvoices(int year);

    /// <summary>Records money received from a debtor (a municipality code or a project id).</summary>
    /// <param name="receiptId">The receipt's id (its idempotency key).</param>
    /// <param name="year">The levy or charge year.</param>
    /// <param name="debtor">The municipality code or project id.</param>
    /// <param name="cents">The amount received.</param>
    /// <param name="bankReference">The bank's reference of the statement line, when booked from a bank statement.</param>
    Task<FundingReply> RecordReceipt(string receiptId, int year, string debtor, long cents, string? bankReference = null);

    /// <summary>Charges the overhead percentage on a project's costs (project overhead).</summary>
    Task<FundingReply> ChargeOverhead(string chargeId, int year, string projectId, long projectCostCents);

    /// <summary>Values hours given in kind (hundredths of an hour) on memo accounts.</summary>
    Task<FundingReply> RecordHours(string recordId, int year, long centiHours, string? description);

    /// <summary>Records a private contribution.</summary>
    Task<FundingReply> RecordContribution(string contributionId, int year, string contributor, long cents);

    /// <summary>The bytes the source's state takes as the grain storage serializer writes it (its bound: <c>GrainStateLimits.MaxFundingSourceBytes</c>).</summary>
    Task<long> StateBytes();
}
