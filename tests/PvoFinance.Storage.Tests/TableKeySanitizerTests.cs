using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

public sealed class TableKeySanitizerTests
{
    [Theory]
    [InlineData("svc_subsidyapplication/42", "svc_subsidyapplication~2F42")]
    [InlineData(@"a\b#c?d", "a~5Cb~23c~3Fd")]
    [InlineData("tilde~stays~reversible", "tilde~7Estays~7Ereversible")]
    [InlineData("plain-key.1", "plain-key.1")]
    [InlineData("грант-№1", "грант-№1")]
    public void Escapes_the_characters_Azure_forbids(string input, string expected) =>
        Assert.Equal(expected, TableKeySanitizer.Sanitize(input));

    [Fact]
    public void Distinct_inputs_give_distinct_keys()
    {
        // Replacing '/' with '_' would map all three to one row.
        string[] inputs = ["a/b", "a_b", "a~2Fb"];
        var keys = inputs.Select(TableKeySanitizer.Sanitize).ToArray();
        Assert.Equal(inputs.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    [InlineData("c1\u0085control")]
    public void Refuses_control_characters(string input)
    {
        var e = Assert.Throws<AzureTableLimitException>(() => TableKeySanitizer.Sanitize(input));
        Assert.Contains("control character", e.Message);
    }

    [Fact]
    public void Refuses_empty_keys() => Assert.Throws<AzureTableLimitException>(() => TableKeySanitizer.Sanitize(""));

    [Fact]
    public void Accepts_exactly_512_chars() => Assert.Equal(512, TableKeySanitizer.Sanitize(new string('x', 512)).Length);

    [Fact]
    public void Refuses_keys_longer_than_512_chars_once_escaped()
    {
        // 200 chars become 600 once each '/' is escaped.
        var e = Assert.Throws<AzureTableLimitException>(() => TableKeySanitizer.Sanitize(new string('/', 200)));
        Assert.Contains("512", e.Message);
        Assert.Throws<AzureTableLimitException>(() => TableKeySanitizer.Sanitize(new string('x', 513)));
    }

    [Fact]
    public void Sanitized_keys_pass_the_key_check()
    {
        var key = TableKeySanitizer.Sanitize(@"svc_type/ключ\#?~");
        AzureTableLimits.CheckKey(key, "PartitionKey");
    }
}
