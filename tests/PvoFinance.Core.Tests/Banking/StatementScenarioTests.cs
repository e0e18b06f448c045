using NodaTime;
using PvoFinance.Banking;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>
/// The issue's scenario through every format: debits for two batch payments, levy receipts with and without a
/// reference, one unknown credit and one partial payment — read, checked and matched the same way from camt.053.001.02,
/// .001.08 and MT940.
/// </summary>
public sealed class StatementScenarioTests
{
    internal static readonly LocalDate Day = new(2026, 3, 2);
    internal static readonly string Region = TestIbans.Make("NL", "ABNA0417164301");
    internal static readonly string Venlo = TestIbans.Make("NL", "BNGH0285001234");
    internal static readonly string Roermond = TestIbans.Make("NL", "BNGH0285005678");
    internal static readonly string Weert = TestIbans.Make("NL", "BNGH0285009999");
    internal static readonly string Stranger = TestIbans.Make("NL", "INGB0001234567");
    internal static readonly string Bureau = TestIbans.Make("NL", "RABO0300000001");

    internal static readonly CreditorReference VenloRef = LevyReference.For("levy-limburg", 2026, "0983");
    internal static readonly CreditorReference RoermondRef = LevyReference.For("levy-limburg", 2026, "0957");
    internal static readonly CreditorReference WeertRef = LevyReference.For("levy-limburg", 2026, "0988");

    internal static StatementTestBank Bank() => new StatementTestBank(Region, 1_000_000_00, Day)
        .Debit(250_000_00, "PVO-B1-0001", Bureau, "Bureau Veilig")
        .Debit(125_000_55, "PVO-B1-0002", Venlo, "Gemeente Venlo")
        .Credit(48_123_45, Venlo, "Gemeente Venlo", reference: VenloRef.Value)
        .Credit(31_000_00, Roermond, "Gemeente Roermond", text: "heffing 2026")
        .Credit(777_77, Stranger, "J. Jansen", text: "gift")
        .Credit(10_000_00, Weert, "Gemeente Weert", reference: WeertRef.Value);

    internal static IReadOnlyList<OpenReceivable> Receivables() =>
    [
        new("levy-venlo", VenloRef, TestIbans.Parse(Venlo), Money.FromCents(48_123_45)),
        new("levy-roermond", RoermondRef, TestIbans.Parse(Roermond), Money.FromCents(31_000_00)),
        new("levy-weert", WeertRef, TestIbans.Parse(Weert), Money.FromCents(22_500_00)),
    ];

    internal static IReadOnlyList<ExpectedDebit> Debits() =>
    [
        new("PVO-B1-0001", Money.FromCents(250_000_00), "B1"),
        new("PVO-B1-0002", Money.FromCents(125_000_55), "B1"),
    ];

    public static TheoryData<string> Formats() => ["camt02", "camt08", "mt940"];

    internal static byte[] Write(StatementTestBank bank, string format) => format switch
    {
        "camt02" => bank.Camt("02"),
        "camt08" => bank.Camt("08"),
        _ => bank.Mt940(),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_reads_the_same_statement(string format)
    {
        var bank = Bank();
        var statement = StatementReader.Read(Write(bank, format));
        Assert.Equal(format == "mt940" ? StatementFormat.Mt940 : StatementFormat.Camt053, statement.Format);
        Assert.Equal(Region, statement.Account.Value);
        Assert.Equal(Money.FromCents(1_000_000_00), statement.Opening);
        Assert.Equal(Money.FromCents(1_000_000_00 - 250_000_00 - 125_000_55 + 48_123_45 + 31_000_00 + 777_77 + 10_000_00), statement.Closing);
        Assert.Equal(6, statement.Lines.Count);
        var first = statement.Lines[0];
        Assert.Equal((1, StatementDirection.Debit, 250_000_00L, "PVO-B1-0001", "B0001", Bureau),
            (first.Number, first.Direction, first.Amount.Cents, first.EndToEndId, first.BankReference, first.CounterpartyIban?.Value));
        Assert.Equal(VenloRef, statement.Lines[2].CreditorReference);
        Assert.Equal("Gemeente Venlo", statement.Lines[2].CounterpartyName);
        Assert.Null(statement.Lines[3].CreditorReference);
        Assert.Equal("heffing 2026", statement.Lines[3].Remittance);
        Assert.Null(statement.Lines[3].EndToEndId);
        Assert.All(statement.Lines, line => Assert.Equal(Day, line.BookingDate));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Lines_are_matched_proposed_or_left_unmatched(string format)
    {
        var statement = StatementReader.Read(Write(Bank(), format));
        var matches = StatementMatcher.Match(statement, Receivables(), Debits());
        Assert.Equal(
            [
                (MatchState.Matched, "PVO-B1-0001", 250_000_00L, 0L),
                (MatchState.Matched, "PVO-B1-0002", 125_000_55L, 0L),
                (MatchState.Matched, "levy-venlo", 48_123_45L, 0L),
                (MatchState.Proposed, "levy-roermond", 31_000_00L, 0L),
                (MatchState.Unmatched, null, 0L, 0L),
                (MatchState.Matched, "levy-weert", 10_000_00L, 0L),
            ],
            matches.Select(m => (m.State, m.Target, m.Applied.Cents, m.Excess.Cents)).ToList());
        Assert.Contains("12500.00 still open", matches[5].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overpayment_is_an_excess_to_refund_and_a_second_part_payment_takes_the_rest()
    {
        var bank = new StatementTestBank(Region, 0, Day)
            .Credit(15_000_00, Weert, "Gemeente Weert", reference: WeertRef.Value)
            .Credit(10_000_00, Weert, "Gemeente Weert", reference: WeertRef.Value);
        var matches = StatementMatcher.Match(StatementReader.Read(bank.Camt()), Receivables(), []);
        Assert.Equal((15_000_00L, 0L), (matches[0].Applied.Cents, matches[0].Excess.Cents));
        Assert.Equal((7_500_00L, 2_500_00L), (matches[1].Applied.Cents, matches[1].Excess.Cents));
        Assert.All(matches, m => Assert.Equal(MatchState.Matched, m.State));
        Assert.Equal(25_000_00L, matches.Sum(m => m.Applied.Cents + m.Excess.Cents));
    }

    [Fact]
    public void A_debit_with_our_reference_but_another_amount_or_twice_is_not_confirmed()
    {
        var bank = new StatementTestBank(Region, 1_000_000_00, Day)
            .Debit(250_000_01, "PVO-B1-0001", Bureau, "Bureau Veilig")
            .Debit(125_000_55, "PVO-B1-0002", Venlo, "Gemeente Venlo")
            .Debit(125_000_55, "PVO-B1-0002", Venlo, "Gemeente Venlo")
            .Debit(5_00, "SOMEONE-ELSE", Venlo, "Gemeente Venlo");
        var matches = StatementMatcher.Match(StatementReader.Read(bank.Mt940()), [], Debits());
        Assert.Equal([MatchState.Unmatched, MatchState.Matched, MatchState.Unmatched, MatchState.Unmatched], matches.Select(m => m.State).ToList());
        Assert.Contains("250000.00", matches[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_receivables_of_one_payer_owed_the_same_amount_are_not_guessed()
    {
        var payer = TestIbans.Parse(Roermond);
        var bank = new StatementTestBank(Region, 0, Day).Credit(100_00, Roermond, "Gemeente Roermond");
        var matches = StatementMatcher.Match(StatementReader.Read(bank.Camt()),
            [new("a", null, payer, Money.FromCents(100_00)), new("b", null, payer, Money.FromCents(100_00))], []);
        Assert.Equal(MatchState.Unmatched, matches[0].State);
    }

    [Fact]
    public void Entry_keys_are_the_bank_reference_or_a_stable_hash()
    {
        var withRef = StatementReader.Read(Bank().Camt()).Lines[0];
        Assert.Equal("bank:B0001", withRef.EntryKey(TestIbans.Parse(Region)));
        var bank = new StatementTestBank(Region, 0, Day).Credit(100_00, Stranger, "X", bankRef: null);
        var noRef = StatementReader.Read(bank.Camt()).Lines[0] with { BankReference = null };
        var again = StatementReader.Read(bank.Camt()).Lines[0] with { BankReference = null };
        Assert.StartsWith("hash:", noRef.EntryKey(TestIbans.Parse(Region)), StringComparison.Ordinal);
        Assert.Equal(noRef.EntryKey(TestIbans.Parse(Region)), again.EntryKey(TestIbans.Parse(Region)));
        Assert.NotEqual(noRef.EntryKey(TestIbans.Parse(Region)), (noRef with { Number = 2 }).EntryKey(TestIbans.Parse(Region)));
    }
}

/// <summary>Valid IBANs for tests: the check digits computed from the country and account.</summary>
internal static class TestIbans
{
    public static string Make(string country, string bban) => $"{country}{98 - Mod97.Remainder(bban + country + "00"):00}{bban}";

    public static Iban Parse(string text) => Iban.Parse(text);
}
