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

public sealed class JsonWireSizeAgreesWithTheEncoder
{
    [Theory]
    [InlineData("{\"a\":\"budget:x:2026\",\"c\":-1234}")]
    [InlineData("Baлaнс & <tag> 'quote' + `tick` \\ back")]
    [InlineData("Ελληνικά 中文 😀 mixed ASCII 0123456789 !#$%()*,-./:;=?@[]^_{|}~")]
    public void The_count_equals_what_the_default_JSON_encoder_writes_for_printable_text(string value) =>
        Assert.Equal(System.Text.Json.JsonEncodedText.Encode(value).EncodedUtf8Bytes.Length, JsonWireSize.Of(value));

    [Fact]
    public void Control_characters_are_counted_at_least_as_large_as_the_encoder_writes_them()
    {
        var value = "line\nbreak\ttab\u0001";
        Assert.True(JsonWireSize.Of(value) >= System.Text.Json.JsonEncodedText.Encode(value).EncodedUtf8Bytes.Length);
    }
}
