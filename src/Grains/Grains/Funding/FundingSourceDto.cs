namespace PvoFinance.Grains.Funding;

/// <summary>A funding source on the wire: exact amounts as cents, rates as ten-thousandths, percentages as basis points.</summary>
[GenerateSerializer, Immutable]
public sealed record FundingSourceDto
{
    /// <summary>Stable id.</summary>
    [Id(0)] public required string Id { get; init; }
    /// <summary>Display name.</summary>
    [Id(1)] public required string Name { get; init; }
    /// <summary>One of the six kinds (enum name).</summary>
    [Id(2)] public required string Kind { get; init; }
    /// <summary>Owner scope: <c>national</c>, <c>province:&lt;name&gt;</c> or <c>region:&lt;id&gt;</c>.</summary>
    [Id(3)] public required string Owner { get; init; }
    /// <summary>Paying organisation.</summary>
    [Id(4)] public required string Funder { get; init; }
    /// <summary>Earmarked themes.</summary>
    [Id(5)] public IReadOnlyList<string> Themes { get; init; } = [];
    /// <summary>Maximum co-financing share, basis points.</summary>
    [Id(6)] public int? MaxCofinancingBasisPoints { get; init; }
    /// <summary>Intermediary id.</summary>
    [Id(7)] public string? Intermediary { get; init; }
    /// <summary>Levy per inhabitant, ten-thousandths of a euro.</summary>
    [Id(8)] public long? LevyRateTenThousandths { get; init; }
    /// <summary>Participating municipality codes (levy).</summary>
    [Id(9)] public IReadOnlyList<string> Participants { get; init; } = [];
    /// <summary>Overhead percentage, basis points.</summary>
    [Id(10)] public int? OverheadBasisPoints { get; init; }
    /// <summary>Value of one hour in kind, cents.</summary>
    [Id(11)] public long? HourlyRateCents { get; init; }
}

/// <summary>
/// A source with its budget years, its newest commitments (at most <see cref="FundingSourceStateBounds.RecentCommitments"/>,
/// newest first) and how many it holds; all commitments are read page by page (<see cref="IFundingRowReaderGrain"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FundingSourceDetailsDto(
    [property: Id(0)] FundingSourceDto Source,
    [property: Id(1)] IReadOnlyList<BudgetYearDto> Years,
    [property: Id(2)] IReadOnlyList<CommitmentDto> Commitments)
{
    /// <summary>Commitments the source has made.</summary>
    [Id(3)] public long CommitmentCount { get; init; }

    /// <summary>Direct payments the source has recorded.</summary>
    [Id(4)] public long PaymentCount { get; init; }
}

/// <summary>One budget year's figures, in cents, from the figures module over the ledger (docs/ledger.md, "Figures").</summary>
[GenerateSerializer, Immutable]
public sealed record BudgetYearDto(
    [property: Id(0)] int Year,
    [property: Id(1)] long Ceiling,
    [property: Id(2)] long Committed,
    [property: Id(3)] long Paid,
    [property: Id(4)] long Available,
    [property: Id(5)] long Invoiced,
    [property: Id(6)] long Received,
    [property: Id(7)] long Receivable,
    [property: Id(8)] long InKind)
{
    /// <summary>Committed money given back to the budget without being paid.</summary>
    [Id(9)] public long Released { get; init; }
    /// <summary>Committed and not yet paid, made payable or released.</summary>
    [Id(10)] public long Open { get; init; }
    /// <summary>Determined and still to pay.</summary>
    [Id(11)] public long Payable { get; init; }
    /// <summary>Reclaims raised on regions, not yet received back.</summary>
    [Id(12)] public long ToReclaim { get; init; }
    /// <summary>Reclaims received back from regions.</summary>
    [Id(13)] public long Reclaimed { get; init; }
    /// <summary>Budget held by reservations not yet posted or voided.</summary>
    [Id(14)] public long Reserved { get; init; }
}

/// <summary>A commitment of a source to a region, per year, in cents.</summary>
[GenerateSerializer, Immutable]
public sealed record CommitmentDto(
    [property: Id(0)] string CommitmentId,
    [property: Id(1)] string Region,
    [property: Id(2)] IReadOnlyDictionary<int, long> Amounts,
    [property: Id(3)] string? Purpose);

/// <summary>A levy invoice, in cents.</summary>
[GenerateSerializer, Immutable]
public sealed record InvoiceDto(
    [property: Id(0)] string MunicipalityCode,
    [property: Id(1)] string MunicipalityName,
    [property: Id(2)] int Inhabitants,
    [property: Id(3)] long Amount,
    [property: Id(4)] long Outstanding,
    [property: Id(5)] int ReferenceYear);

/// <summary>The outcome of a funding command: ok with an optional payload, or a refusal naming the field.</summary>
[GenerateSerializer, Immutable]
public sealed record FundingReply(
    [property: Id(0)] bool Ok,
    [property: Id(1)] string? Code,
    [property: Id(2)] string? Field,
    [property: Id(3)] string? Message,
    [property: Id(4)] FundingSourceDetailsDto? Details = null,
    [property: Id(5)] IReadOnlyList<InvoiceDto>? Invoices = null,
    [property: Id(6)] long? Amount = null)
{
    /// <summary>A success.</summary>
    public static FundingReply Success(FundingSourceDetailsDto? details = null, IReadOnlyList<InvoiceDto>? invoices = null, long? amount = null) =>
        new(true, null, null, null, details, invoices, amount);

    /// <summary>A refusal.</summary>
    public static FundingReply Refused(string code, string field, string message) => new(false, code, field, message);
}
