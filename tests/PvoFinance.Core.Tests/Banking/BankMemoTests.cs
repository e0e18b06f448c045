using PvoFinance.Banking;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>The bank's reference in a ledger memo: written once, read back exactly, never unbounded.</summary>
public sealed class BankMemoTests
{
    [Fact]
    public void A_reference_written_into_a_memo_is_read_back_exactly()
    {
        var memo = BankMemo.With("Received from GM0983", "2026120300042");
        Assert.Equal("Received from GM0983; bank reference 2026120300042", memo);
        Assert.Equal("2026120300042", BankMemo.ReferenceOf(memo));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ref\nwith a new line")]
    [InlineData("a reference of thirty-six characters")]
    public void An_unusable_reference_leaves_the_memo_as_it_was(string? reference)
    {
        Assert.Equal("Received from GM0983", BankMemo.With("Received from GM0983", reference));
        Assert.Null(BankMemo.ReferenceOf(BankMemo.With("Received from GM0983", reference)));
    }

    [Fact]
    public void A_memo_without_the_marker_has_no_reference()
    {
        Assert.Null(BankMemo.ReferenceOf("Levy 2026 Sittard-Geleen: 91000 inhabitants (2024) x 0.0100"));
        Assert.Null(BankMemo.ReferenceOf(null));
    }

    [Fact]
    public void A_line_without_the_banks_reference_is_named_by_its_end_to_end_id_unless_the_payer_gave_none()
    {
        Assert.Equal("BANK-1", BankMemo.OfLine("BANK-1", "E2E-1"));
        Assert.Equal("E2E-1", BankMemo.OfLine(null, "E2E-1"));
        Assert.Null(BankMemo.OfLine(null, "NOTPROVIDED"));
        Assert.Null(BankMemo.OfLine(" ", null));
    }
}
