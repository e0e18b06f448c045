using PvoFinance.Banking;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>Names and texts are brought into the SEPA character set and cut to length.</summary>
public sealed class SepaTextTests
{
    [Theory]
    [InlineData("Gemeente Súdwest-Fryslân", 70, "Gemeente Sudwest-Fryslan")]
    [InlineData("Stichting Veilig & Zeker", 70, "Stichting Veilig + Zeker")]
    [InlineData("Straße 1 — Ærø", 70, "Strasse 1 - AEro")]
    [InlineData("’s-Hertogenbosch", 70, "'s-Hertogenbosch")]
    [InlineData("a\tb\n  c; d_e", 70, "a b c d e")]
    [InlineData("€ 10 @ 5%", 70, "10 5")]
    [InlineData("", 70, "-")]
    [InlineData("####", 70, "-")]
    [InlineData("abcdef ghij", 7, "abcdef")]
    public void Text_is_transliterated(string input, int max, string expected)
    {
        var result = SepaText.Transliterate(input, max);
        Assert.Equal(expected, result);
        Assert.True(SepaText.IsSepa(result));
        Assert.True(result.Length <= max);
    }
}
