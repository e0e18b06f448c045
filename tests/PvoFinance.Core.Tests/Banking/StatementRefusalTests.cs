using System.Text;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using PvoFinance.Banking;
using static PvoFinance.Core.Tests.Banking.StatementScenarioTests;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>Bad statements are refused whole, naming the entry or line and the field.</summary>
public sealed class StatementRefusalTests
{
    private static StatementException Refused(byte[] file, StatementFormat? format = null) =>
        Assert.Throws<StatementException>(() => StatementReader.Read(file, format));

    [Fact]
    public void A_currency_other_than_euro_names_the_entry()
    {
        var bank = Bank().Credit(5_00, Stranger, "X", currency: "USD");
        var error = Refused(bank.Camt());
        Assert.Equal(("entry 7", "Ntry/Amt/@Ccy"), (error.Location, error.Field));
        Assert.Contains("USD", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats), MemberType = typeof(StatementScenarioTests))]
    public void Balances_that_do_not_add_up_are_refused(string format)
    {
        var bank = Bank();
        bank.ClosingOverride = bank.Closing + 1;
        var error = Refused(Write(bank, format));
        Assert.Equal("closing balance", error.Field);
        Assert.Contains("plus the entries", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_payer_iban_names_the_entry_and_field()
    {
        var bad = Venlo[..^1] + (Venlo[^1] == '0' ? '1' : '0');
        var error = Refused(new StatementTestBank(Region, 0, Day).Credit(1_00, bad, "X").Camt("08"));
        Assert.Equal(("entry 1", "RltdPties/DbtrAcct/Id/IBAN"), (error.Location, error.Field));
    }

    [Fact]
    public void A_mistyped_creditor_reference_names_the_mt940_line()
    {
        var good = VenloRef.Value;
        var bad = good[..^1] + (good[^1] == '0' ? '1' : '0');
        var error = Refused(new StatementTestBank(Region, 0, Day).Credit(1_00, Venlo, "X").Credit(2_00, Venlo, "X", reference: bad).Mt940());
        Assert.Equal(("line 8", ":86: /REMI/STRD/"), (error.Location, error.Field));
    }

    [Fact]
    public void A_wrong_account_iban_is_refused()
    {
        var bad = Region[..^1] + (Region[^1] == '0' ? '1' : '0');
        var error = Refused(new StatementTestBank(bad, 0, Day).Mt940());
        Assert.Equal(("line 2", ":25:"), (error.Location, error.Field));
    }

    [Fact]
    public void A_file_that_is_not_the_claimed_format_or_neither_is_refused()
    {
        Assert.Equal("format", Refused(Bank().Camt(), StatementFormat.Mt940).Field);
        Assert.Equal("format", Refused(Bank().Mt940(), StatementFormat.Camt053).Field);
        Assert.Equal("file", Refused("date;amount\n2026-01-01;5"u8.ToArray()).Field);
        Assert.Equal("Document", Refused("<x xmlns=\"urn:other\"/>"u8.ToArray()).Field);
    }

    [Fact]
    public void A_dtd_or_entity_is_refused_and_an_oversized_file_is_not_read()
    {
        var dtd = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e \"x\">]><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">&e;</Document>";
        Assert.Equal("XML", Refused(Encoding.UTF8.GetBytes(dtd)).Field);
        var huge = new byte[Statement.MaxBytes + 1];
        huge[0] = (byte)'<';
        Assert.Contains("at most", Refused(huge).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_outside_the_statement_period_or_a_bad_date_is_refused()
    {
        var text = Encoding.UTF8.GetString(Bank().Camt()).Replace("<BookgDt><Dt>2026-03-02", "<BookgDt><Dt>2026-03-05", StringComparison.Ordinal);
        var error = Refused(Encoding.UTF8.GetBytes(text));
        Assert.Equal(("entry 1", "booking date"), (error.Location, error.Field));
        var mt = Encoding.UTF8.GetString(Bank().Mt940()).Replace(":60F:C260302", ":60F:C260231", StringComparison.Ordinal);
        Assert.Equal(("line 4", ":60F:"), (Refused(Encoding.UTF8.GetBytes(mt)).Location, Refused(Encoding.UTF8.GetBytes(mt)).Field));
    }

    [Fact]
    public void Amounts_with_three_decimals_are_refused()
    {
        var text = Encoding.UTF8.GetString(Bank().Camt()).Replace(">250000.00<", ">250000.001<", StringComparison.Ordinal);
        var error = Refused(Encoding.UTF8.GetBytes(text));
        Assert.Equal(("entry 1", "Ntry/Amt"), (error.Location, error.Field));
    }

    [Property(MaxTest = 200)]
    public void Any_statement_the_bank_writes_reads_back_the_same_in_both_formats(NonEmptyArray<PositiveInt> amounts, int opening, bool overdrawn)
    {
        var bank = new StatementTestBank(Region, overdrawn ? -(long)Math.Abs(opening % 1_000_000) : Math.Abs(opening % 1_000_000), Day);
        var sample = amounts.Get.Take(40).ToArray();
        for (var i = 0; i < sample.Length; i++)
        {
            var cents = (long)sample[i].Get * 37 % 100_000_000 + 1;
            if (i % 3 == 0)
            {
                bank.Debit(cents, $"E2E-{i}", Bureau, "Bureau");
            }
            else
            {
                bank.Credit(cents, Venlo, "Gemeente Venlo", reference: i % 2 == 0 ? VenloRef.Value : null, text: "t" + i);
            }
        }
        var camt = StatementReader.Read(bank.Camt("08"));
        var mt = StatementReader.Read(bank.Mt940());
        Assert.Equal(camt.Closing, mt.Closing);
        Assert.Equal(bank.Closing, camt.Closing.Cents);
        Assert.Equal(camt.Lines.Select(Shape), mt.Lines.Select(Shape));
    }

    [Property(MaxTest = 500)]
    public void Garbage_after_a_valid_start_is_refused_never_a_crash(NonNull<string> tail, bool camt, byte cut)
    {
        var valid = camt ? Bank().Camt("08") : Bank().Mt940();
        var keep = valid.Length * cut / 255;
        var file = valid.Take(keep).Concat(Encoding.UTF8.GetBytes(tail.Get)).ToArray();
        try
        {
            StatementReader.Read(file);
        }
        catch (StatementException refused)
        {
            Assert.False(string.IsNullOrEmpty(refused.Field));
        }
    }

    [Fact]
    public void Entries_adding_up_beyond_the_largest_amount_are_refused()
    {
        var bank = new StatementTestBank(Region, 0, Day);
        for (var i = 0; i < 100; i++)
        {
            bank.Credit(Money.MaxCents, Venlo, "X");
        }
        bank.ClosingOverride = 0;
        Assert.Contains("beyond", Refused(bank.Mt940()).Reason, StringComparison.Ordinal);
    }

    private static object Shape(StatementLine l) =>
        (l.Number, l.Direction, l.Amount, l.BookingDate, l.BankReference, l.EndToEndId, l.CounterpartyIban, l.CreditorReference, l.CounterpartyName);
}
