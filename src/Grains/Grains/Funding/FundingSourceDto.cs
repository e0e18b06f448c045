using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;

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

/// <summary>
/// The outcome of a funding command: ok with an optional payload, or a refusal naming the field. Typed: the kind of
/// refusal is the core's <see cref="FundingRefusalCode"/>; a refusal that came from a journal also carries the ledger's
/// own <see cref="RejectionCode"/>. The API chooses the status and writes the JSON.
/// </summary>
/// <param name="Ok">True when the command succeeded.</param>
/// <param name="Code">The kind of refusal; null on success.</param>
/// <param name="Field">The field at fault; null on success.</param>
/// <param name="Message">Why, in one sentence; null on success.</param>
/// <param name="Details">The source with its figures, for commands that answer with them.</param>
/// <param name="Invoices">The levy invoices, for the commands that answer with them.</param>
/// <param name="Amount">The amount recorded, in cents (or hundredths of an hour), for the recording commands.</param>
/// <param name="LedgerCode">The journal's refusal when the ledger refused (its name is the problem's code); null otherwise.</param>
[GenerateSerializer, Immutable]
public sealed record FundingReply(
    [property: Id(0)] bool Ok,
    [property: Id(1)] FundingRefusalCode? Code,
    [property: Id(2)] string? Field,
    [property: Id(3)] string? Message,
    [property: Id(4)] FundingSourceDetailsDto? Details = null,
    [property: Id(5)] IReadOnlyList<InvoiceDto>? Invoices = null,
    [property: Id(6)] long? Amount = null,
    [property: Id(7)] RejectionCode? LedgerCode = null)
{
    /// <summary>A success.</summary>
    public static FundingReply Success(FundingSourceDetailsDto? details = null, IReadOnlyList<InvoiceDto>? invoices = null, long? amount = null) =>
        new(true, null, null, null, details, invoices, amount);

    /// <summary>A refusal of the source itself.</summary>
    public static FundingReply Refused(FundingRefusalCode code, string field, string message) => new(false, code, field, message);

    /// <summary>The core's refusal of a funding command.</summary>
    public static FundingReply Refused(FundingRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Refused(refusal.Code, refusal.Field, refusal.Message);
    }

    /// <summary>A journal's refusal, naming <paramref name="field"/>: the ledger's code kept, under the nearest kind of funding refusal.</summary>
    public static FundingReply FromLedger(RejectionDto rejection, string field)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var code = Enum.Parse<RejectionCode>(rejection.Code);
        var kind = code switch
        {
            RejectionCode.Invalid or RejectionCode.Unbalanced or RejectionCode.MixedMemoAndCash => FundingRefusalCode.Invalid,
            RejectionCode.NotFound => FundingRefusalCode.NotFound,
            RejectionCode.IdempotencyConflict => FundingRefusalCode.IdempotencyConflict,
            RejectionCode.ReservationClosed or RejectionCode.NotReversible => FundingRefusalCode.Conflict,
            _ => FundingRefusalCode.LimitExceeded,
        };
        return new(false, kind, field, rejection.Message, LedgerCode: code);
    }
}
