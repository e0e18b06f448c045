using PvoFinance.Banking;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>EndToEndIds are short, in the SEPA set, and lead back to their batch and line.</summary>
public sealed class EndToEndIdTests
{
    [Theory]
    [InlineData(1, 1, "PVO0000001-0001")]
    [InlineData(42, 7, "PVO0000042-0007")]
    [InlineData(9_999_999, 1000, "PVO9999999-1000")]
    public void An_id_is_written_and_read_back(long batch, int line, string text)
    {
        var id = EndToEndId.For(batch, line);
        Assert.Equal(text, id.Value);
        Assert.True(id.Value.Length <= 35);
        Assert.True(SepaText.IsSepa(id.Value));
        Assert.True(EndToEndId.TryParse(text, out var read));
        Assert.Equal(id, read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NOTPROVIDED")]
    [InlineData("PVO0000000-0001")]
    [InlineData("PVO0000001-0000")]
    [InlineData("PVO0000001-1001")]
    [InlineData("PVO000001-00001")]
    [InlineData("XYZ0000001-0001")]
    [InlineData("PVO00000a1-0001")]
    [InlineData("PVO0000001-0001X")]
    public void Anything_else_is_not_ours(string? text) => Assert.False(EndToEndId.TryParse(text, out _));

    [Fact]
    public void Out_of_range_numbers_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EndToEndId.For(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EndToEndId.For(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EndToEndId.For(1, PaymentBatchLimits.MaxPayments + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EndToEndId.For(EndToEndId.MaxBatchNumber + 1, 1));
    }
}
