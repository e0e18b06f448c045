using PvoFinance.Banking;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>ISO 11649 references: the standard's own example, round trips, and refused typos.</summary>
public sealed class CreditorReferenceTests
{
    [Theory]
    [InlineData("539007547034", "RF18539007547034", "RF18 5390 0754 7034")]
    [InlineData("2348231", "RF712348231", "RF71 2348 231")]
    [InlineData("pvo2026limburg0935", "RF80PVO2026LIMBURG0935", "RF80 PVO2 026L IMBU RG09 35")]
    public void Check_digits_are_computed_as_the_standard_does(string reference, string value, string grouped)
    {
        var made = CreditorReference.For(reference);
        Assert.Equal(value, made.Value);
        Assert.Equal(grouped, made.Grouped);
        Assert.True(CreditorReference.TryParse(grouped.ToLowerInvariant(), out var read, out var error), error);
        Assert.Equal(made, read);
        Assert.Equal(reference.ToUpperInvariant(), read.Base);
    }

    [Theory]
    [InlineData("RF19539007547034", "do not match")]
    [InlineData("RF18539007547043", "do not match")]
    [InlineData("XX18539007547034", "RF, two check digits")]
    [InlineData("RF1", "RF, two check digits")]
    [InlineData("RF18-539007547034", "RF, two check digits")]
    [InlineData("", "required")]
    public void Typos_and_other_texts_are_refused(string text, string reason)
    {
        Assert.False(CreditorReference.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_reference_part_too_long_or_not_alphanumeric_cannot_be_made()
    {
        Assert.Throws<ArgumentException>(() => CreditorReference.For(new string('1', 22)));
        Assert.Throws<ArgumentException>(() => CreditorReference.For("a-b"));
        Assert.Throws<ArgumentException>(() => CreditorReference.For(""));
    }
}
