using PvoFinance.Banking;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>IBAN checks against published examples and against every single-character typo of a valid number.</summary>
public sealed class IbanTests
{
    [Theory]
    [InlineData("NL91ABNA0417164300", "NL91 ABNA 0417 1643 00")]
    [InlineData("nl91 abna 0417 1643 00", "NL91 ABNA 0417 1643 00")]
    [InlineData("GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("DE89370400440532013000", "DE89 3704 0044 0532 0130 00")]
    [InlineData("BE68539007547034", "BE68 5390 0754 7034")]
    public void Published_examples_are_read_and_grouped(string text, string grouped)
    {
        Assert.True(Iban.TryParse(text, out var iban, out var error), error);
        Assert.Equal(grouped, iban.Grouped);
        Assert.Equal(grouped.Replace(" ", ""), iban.Value);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("   ", "required")]
    [InlineData("NL91ABNA041716430", "NL has 18")]
    [InlineData("NL91ABNA04171643000", "NL has 18")]
    [InlineData("9L91ABNA0417164300", "country code")]
    [InlineData("NLX1ABNA0417164300", "check digits")]
    [InlineData("NL91ABNA04171643-0", "letters and digits")]
    [InlineData("NL92ABNA0417164300", "do not match")]
    [InlineData("NL1", "15 to 34")]
    [InlineData("NL91 ABNA 0417 1643 0000 0000 0000 0000 0000", "at most 34")]
    public void Wrong_numbers_are_refused_with_the_reason(string? text, string reason)
    {
        Assert.False(Iban.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Every_single_digit_typo_of_a_valid_iban_is_caught()
    {
        const string valid = "NL91ABNA0417164300";
        var caught = 0;
        var typos = 0;
        for (var i = 2; i < valid.Length; i++)
        {
            if (!char.IsAsciiDigit(valid[i]))
            {
                continue;
            }
            for (var d = '0'; d <= '9'; d++)
            {
                if (d == valid[i])
                {
                    continue;
                }
                typos++;
                var typo = valid[..i] + d + valid[(i + 1)..];
                if (!Iban.TryParse(typo, out _, out _))
                {
                    caught++;
                }
            }
        }
        Assert.Equal(12 * 9, typos);
        Assert.Equal(typos, caught);
    }

    [Fact]
    public void Bank_details_name_the_field_that_is_wrong()
    {
        Assert.True(BankAccount.TryCreate("NL91 ABNA 0417 1643 00", " PVO Limburg ", "abnanl2a", out var account, out _, out _));
        Assert.Equal("PVO Limburg", account!.Holder);
        Assert.Equal("ABNANL2A", account.Bic);
        Assert.False(BankAccount.TryCreate("NL92ABNA0417164300", "PVO Limburg", null, out _, out var field, out _));
        Assert.Equal("iban", field);
        Assert.False(BankAccount.TryCreate("NL91ABNA0417164300", "", null, out _, out field, out _));
        Assert.Equal("holder", field);
        Assert.False(BankAccount.TryCreate("NL91ABNA0417164300", new string('x', 71), null, out _, out field, out _));
        Assert.Equal("holder", field);
        Assert.False(BankAccount.TryCreate("NL91ABNA0417164300", "PVO", "ABN", out _, out field, out _));
        Assert.Equal("bic", field);
    }
}
