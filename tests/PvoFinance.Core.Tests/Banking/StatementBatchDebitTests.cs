using NodaTime;
using PvoFinance.Banking;
using static PvoFinance.Core.Tests.Banking.PaymentBatchTests;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>A batch's payments appear as debits on the statement, match by EndToEndId and confirm the batch once.</summary>
public sealed class StatementBatchDebitTests
{
    [Fact]
    public void Batch_debits_on_a_statement_confirm_the_batch_and_a_second_import_confirms_nothing_new()
    {
        var batch = Batch(42, ("advance:a1:0", 20_000_00, Ministry, Limburg), ("advance:a2:0", 5_000_01, Ministry, Rotterdam));
        var day = new LocalDate(2026, 3, 5);
        var bank = new StatementTestBank(Ministry.Iban.Value, 100_000_00, day)
            .Debit(20_000_00, EndToEndId.For(42, 1).Value, Limburg.Iban.Value, Limburg.Holder)
            .Debit(5_000_00, EndToEndId.For(42, 2).Value, Rotterdam.Iban.Value, Rotterdam.Holder);
        var statement = StatementReader.Read(bank.Camt("08"));
        var matches = StatementMatcher.Match(statement, [], MatchBatchDebits.Of([batch]));
        Assert.Equal([MatchState.Matched, MatchState.Unmatched], matches.Select(m => m.State).ToList());
        foreach (var match in matches.Where(m => m.State == MatchState.Matched))
        {
            var line = statement.Lines[match.Line - 1];
            Assert.True(EndToEndId.TryParse(match.Target, out var id));
            Assert.Equal(ConfirmOutcome.Confirmed, batch.Confirm(id, line.EntryKey(statement.Account), line.BookingDate));
        }
        Assert.Equal(PaymentBatchState.PartlyConfirmed, batch.State);
        // Read again: the confirmed line is no longer expected, so the same debit is not confirmed a second time.
        var again = StatementMatcher.Match(StatementReader.Read(bank.Mt940()), [], MatchBatchDebits.Of([batch]));
        Assert.Equal([MatchState.Unmatched, MatchState.Unmatched], again.Select(m => m.State).ToList());
        Assert.Equal([new ExpectedDebit("PVO0000007-0001", new Money(1_00), "7")], MatchBatchDebits.Of([Batch(7, ("advance:a3:0", 1_00, Ministry, Limburg))]));
    }
}
