namespace PvoFinance.Storage.Tests;

public sealed class JsonWireSizeTests
{
    [Theory]
    [InlineData("plain ascii", 11)]
    [InlineData("ж", 6)]
    [InlineData("😀", 12)]
    [InlineData("", 0)]
    public void Counts_escaped_bytes(string value, long expected) => Assert.Equal(expected, JsonWireSize.Of(value));

    [Fact]
    public void A_lone_surrogate_counts_as_an_escape() => Assert.Equal(6, JsonWireSize.Of("\ud83d"));
}
