using PvoFinance.Funding;

namespace PvoFinance.Planning;

/// <summary>
/// A binding amount per inhabitant from the Rijk, the province and the municipalities alike (DOMAIN.md: Oost-Nederland's
/// ask). The municipalities' amount replaces their current levy; the Rijk's and province's amounts come on top of
/// project subsidies and commitments. Each party's yearly amount is its rate times the region's inhabitants,
/// rounded once (as levy invoices are).
/// </summary>
/// <param name="Rijk">The ministry's amount per inhabitant.</param>
/// <param name="Province">The province's amount per inhabitant.</param>
/// <param name="Municipalities">The municipalities' amount per inhabitant.</param>
public sealed record PerInhabitantMandate(Rate Rijk, Rate Province, Rate Municipalities)
{
    /// <summary>The largest amount per inhabitant a scenario may set: €100.0000 (the field's levies are cents).</summary>
    public const long MaxTenThousandths = 100_0000;

    /// <summary>The same amount from all three parties.</summary>
    public static PerInhabitantMandate Alike(Rate rate) => new(rate, rate, rate);
}
