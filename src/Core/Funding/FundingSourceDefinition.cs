using PvoFinance.Access;

namespace PvoFinance.Funding;

/// <summary>
/// What a funding source is. Its <see cref="Owner"/> follows from its kind: a national scheme is national,
/// a provincial fund belongs to its province, and the other four kinds belong to the region they fund.
/// </summary>
/// <param name="Id">Stable id, lower-case letters, digits and '-', e.g. <c>jenv-pvo</c>.</param>
/// <param name="Name">Display name; unique among sources.</param>
/// <param name="Kind">Which of the six kinds.</param>
/// <param name="Owner">National, a province or a region.</param>
/// <param name="Funder">The organisation that pays, e.g. <c>Ministerie van Justitie en Veiligheid</c>, <c>Provincie Limburg</c>, <c>Politie</c>.</param>
/// <param name="Themes">Earmarked themes (national schemes); empty means free to use.</param>
/// <param name="MaxCofinancing">Largest share of a project's costs the source may pay (national schemes, provincial funds).</param>
/// <param name="Intermediary">An organisation that receives the money and passes it on (e.g. <c>ccv</c>); the chain stays in the ledger.</param>
/// <param name="LevyRate">Per inhabitant per year (municipal levy).</param>
/// <param name="Participants">Municipality codes that take part (municipal levy); empty means all of the region's.</param>
/// <param name="Overhead">Percentage charged on project costs (project overhead).</param>
/// <param name="HourlyRate">Value of one hour (in kind).</param>
public sealed record FundingSourceDefinition(
    string Id,
    string Name,
    FundingSourceKind Kind,
    Scope Owner,
    string Funder,
    IReadOnlyList<string> Themes,
    Percentage? MaxCofinancing,
    string? Intermediary,
    Rate? LevyRate,
    IReadOnlyList<string> Participants,
    Percentage? Overhead,
    Money? HourlyRate);
