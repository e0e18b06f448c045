using PvoFinance.Banking;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>Levy invoice references are valid ISO 11649, stable, and differ per source, year and municipality.</summary>
public sealed class LevyReferenceTests
{
    [Fact]
    public void A_reference_is_valid_stable_and_names_year_and_municipality()
    {
        var reference = LevyReference.For("prov-limburg-veiligheid", 2026, "0935");
        Assert.True(CreditorReference.TryParse(reference.Grouped, out var read, out var error), error);
        Assert.Equal(reference, read);
        Assert.StartsWith("L20260935", reference.Base);
        Assert.Equal(17, reference.Base.Length);
        Assert.Equal(reference, LevyReference.For("prov-limburg-veiligheid", 2026, "GM0935"));
        Assert.Equal(reference, LevyReference.For("prov-limburg-veiligheid", 2026, "935"));
    }

    [Fact]
    public void Sources_years_and_municipalities_get_different_references()
    {
        var seen = new HashSet<CreditorReference>();
        foreach (var source in new[] { "prov-limburg-veiligheid", "jenv-pvo", "levy-limburg", "levy-limburg-2" })
        {
            foreach (var year in new[] { 2025, 2026 })
            {
                foreach (var code in new[] { "0935", "0917", "0983" })
                {
                    Assert.True(seen.Add(LevyReference.For(source, year, code)));
                }
            }
        }
        Assert.Equal(24, seen.Count);
    }

    [Theory]
    [InlineData(26, "0935")]
    [InlineData(2026, "")]
    [InlineData(2026, "09351")]
    [InlineData(2026, "GMxx")]
    public void Malformed_parts_are_refused(int year, string code) =>
        Assert.Throws<ArgumentException>(() => LevyReference.For("s", year, code));
}
