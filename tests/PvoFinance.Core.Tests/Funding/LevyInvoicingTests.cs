using PvoFinance.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Funding;

public sealed class LevyInvoicingTests
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;

    [Theory]
    [InlineData("oost-brabant")]
    [InlineData("oost-nederland")]
    [InlineData("amsterdam-amstelland")]
    [InlineData("limburg")]
    public void Invoices_add_up_to_the_rate_times_all_inhabitants_to_the_cent(string region)
    {
        var municipalities = Catalog.MunicipalitiesOf(region);
        var rate = new Rate(2_500);
        var invoices = LevyInvoicing.Invoice(rate, municipalities);

        var inhabitants = municipalities.Sum(m => (long)m.Inhabitants);
        Assert.Equal(municipalities.Count, invoices.Count);
        Assert.Equal(rate.Times(inhabitants).Cents, invoices.Sum(i => i.Amount.Cents));
        // Each invoice is within a cent of its own inhabitants times the rate.
        Assert.All(invoices, i => Assert.InRange(i.Amount.Cents - rate.Times(i.Inhabitants).Cents, -1, 1));
    }

    [Fact]
    public void The_levy_of_oost_brabant_at_a_quarter_per_inhabitant_is_371522_50()
    {
        // 32 municipalities with 1,486,090 inhabitants on 1-1-2024 (Bron: CBS).
        var invoices = LevyInvoicing.Invoice(new Rate(2_500), Catalog.MunicipalitiesOf("oost-brabant"));
        Assert.Equal(32, invoices.Count);
        Assert.Equal(371_522_50, invoices.Sum(i => i.Amount.Cents));
    }

    [Fact]
    public void Leftover_cents_go_to_the_largest_remainders_deterministically()
    {
        // Three municipalities of 1 inhabitant at 0.3333: total 0.9999 -> 1.00; each exact share 0.3333.
        List<Municipality> three = [new("GM1", "A", "P", 1, 2024), new("GM2", "B", "P", 1, 2024), new("GM3", "C", "P", 1, 2024)];
        var first = LevyInvoicing.Invoice(new Rate(3_333), three);
        var second = LevyInvoicing.Invoice(new Rate(3_333), three);
        Assert.Equal([34, 33, 33], first.Select(i => i.Amount.Cents));
        Assert.Equal(first, second);
    }

    [Fact]
    public void No_municipalities_means_no_invoices() => Assert.Empty(LevyInvoicing.Invoice(new Rate(2_500), []));
}
