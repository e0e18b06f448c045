using PvoFinance.Regions;

namespace PvoFinance.Funding;

/// <summary>One municipality's levy invoice.</summary>
public sealed record LevyInvoice(string MunicipalityCode, string MunicipalityName, int Inhabitants, Money Amount);

/// <summary>
/// Per-inhabitant levies: the region's total is the rate times all participating inhabitants, rounded once;
/// that total is then split over the municipalities in proportion to their inhabitants by largest remainder.
/// So the invoices always add up to the total to the cent, and a municipality's invoice differs from its own
/// rounded product by at most one cent.
/// </summary>
public static class LevyInvoicing
{
    /// <summary>The invoices for <paramref name="municipalities"/> at <paramref name="rate"/> per inhabitant.</summary>
    public static IReadOnlyList<LevyInvoice> Invoice(Rate rate, IReadOnlyList<Municipality> municipalities)
    {
        if (municipalities.Count == 0)
        {
            return [];
        }
        var total = rate.Times(municipalities.Sum(m => (long)m.Inhabitants));
        if (total.Cents == 0)
        {
            return [.. municipalities.Select(m => new LevyInvoice(m.Code, m.Name, m.Inhabitants, Money.Zero))];
        }
        var parts = Allocation.Split(total, [.. municipalities.Select(m => (long)m.Inhabitants)]);
        return [.. municipalities.Select((m, i) => new LevyInvoice(m.Code, m.Name, m.Inhabitants, parts[i]))];
    }
}
