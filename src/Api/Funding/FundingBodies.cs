namespace PvoFinance.Api.Funding;

/// <summary>
/// A funding source in a request. <c>kind</c>: national-scheme, provincial-fund, municipal-levy,
/// project-overhead, in-kind, private. A provincial fund names its <c>province</c>; the last four kinds name
/// their <c>region</c>. Amounts and rates are exact decimal strings: <c>levyRate</c> "0.25" (≤ 4 decimals,
/// euros per inhabitant per year), <c>overhead</c> and <c>maxCofinancing</c> "7.5" (percent, ≤ 2 decimals),
/// <c>hourlyRate</c> "65.00".
/// </summary>
/// <remarks><c>name</c>, <c>kind</c> and <c>funder</c> are required; <c>id</c> on create (on update the address names it); the rest is optional.</remarks>
public sealed record FundingSourceBody(
    string Name,
    string Kind,
    string Funder,
    string? Id = null,
    string? Province = null,
    string? Region = null,
    IReadOnlyList<string>? Themes = null,
    string? MaxCofinancing = null,
    string? Intermediary = null,
    string? LevyRate = null,
    IReadOnlyList<string>? Participants = null,
    string? Overhead = null,
    string? HourlyRate = null);

/// <summary>A budget year's ceiling.</summary>
public sealed record CeilingBody(string Ceiling);

/// <summary>A commitment to a region: amounts per year (<c>{"2026": "50000.00", "2027": "50000.00"}</c>).</summary>
public sealed record CommitmentBody(string CommitmentId, string Region, IReadOnlyDictionary<string, string> Amounts, string? Purpose = null);

/// <summary>A payment of a commitment.</summary>
public sealed record PaymentBody(string PaymentId, string Region, int Year, string Amount);

/// <summary>Money received from a debtor (a municipality code or a project id).</summary>
public sealed record ReceiptBody(string ReceiptId, int Year, string Debtor, string Amount);

/// <summary>Overhead charged on a project's costs.</summary>
public sealed record OverheadChargeBody(string ChargeId, int Year, string ProjectId, string ProjectCosts);

/// <summary>Hours given in kind (<c>hours</c> "16.5", ≤ 2 decimals).</summary>
public sealed record HoursBody(string RecordId, int Year, string Hours, string? Description = null);

/// <summary>A private contribution.</summary>
public sealed record ContributionBody(string ContributionId, int Year, string Contributor, string Amount);

/// <summary>Money a region passes to one of its projects from one source.</summary>
public sealed record AllocationBody(string AllocationId, string Source, string Amount);
