using NodaTime;
using PvoFinance.Banking;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>A batch's states, its confirmations keyed by the bank's entry reference, and its bounds.</summary>
public sealed class PaymentBatchTests
{
    internal static readonly BankAccount Ministry = Account("NL02ABNA0123456789", "Ministerie van Justitie en Veiligheid", "ABNANL2A");
    internal static readonly BankAccount Ccv = Account("NL20INGB0001234567", "Stichting CCV", null);
    internal static readonly BankAccount Limburg = Account("NL91ABNA0417164300", "Stichting PVO Limburg", null);
    internal static readonly BankAccount Rotterdam = Account("NL39RABO0300065264", "PVO Rotterdam", "RABONL2U");
    internal static readonly Instant Created = Instant.FromUtc(2026, 3, 2, 9, 30, 15);

    internal static BankAccount Account(string iban, string holder, string? bic) =>
        BankAccount.TryCreate(iban, holder, bic, out var account, out _, out var error) ? account! : throw new ArgumentException(error);

    internal static PaymentBatch Batch(long number, params (string Item, long Cents, BankAccount Debtor, BankAccount Creditor)[] lines)
    {
        var (batch, field, reason) = PaymentBatch.Create(number, Created, new LocalDate(2026, 3, 5),
            [.. lines.Select((l, i) => new PaymentLine(i + 1, l.Item, new Money(l.Cents), l.Debtor, l.Creditor, null, $"Voorschot {l.Item}"))]);
        return batch ?? throw new ArgumentException($"{field}: {reason}");
    }

    [Fact]
    public void A_batch_is_open_then_partly_then_wholly_confirmed_and_a_statement_read_twice_confirms_once()
    {
        var batch = Batch(42, ("advance:a1:0", 20_000_00, Ministry, Limburg), ("advance:a2:0", 5_000_01, Ministry, Rotterdam));
        Assert.Equal(PaymentBatchState.Open, batch.State);
        Assert.Equal(25_000_01, batch.Total.Cents);
        Assert.Equal(ConfirmOutcome.Confirmed, batch.Confirm(EndToEndId.For(42, 1), "BANK-1", new LocalDate(2026, 3, 5)));
        Assert.Equal(PaymentBatchState.PartlyConfirmed, batch.State);
        Assert.Equal(ConfirmOutcome.AlreadyConfirmed, batch.Confirm(EndToEndId.For(42, 1), "BANK-1", new LocalDate(2026, 3, 5)));
        Assert.Equal(ConfirmOutcome.ConfirmedByOtherEntry, batch.Confirm(EndToEndId.For(42, 1), "BANK-9", new LocalDate(2026, 3, 6)));
        Assert.Equal(ConfirmOutcome.UnknownPayment, batch.Confirm(EndToEndId.For(42, 3), "BANK-2", new LocalDate(2026, 3, 5)));
        Assert.Equal(ConfirmOutcome.UnknownPayment, batch.Confirm(EndToEndId.For(43, 2), "BANK-2", new LocalDate(2026, 3, 5)));
        Assert.Equal(PaymentBatchState.PartlyConfirmed, batch.State);
        // Once anything is paid, the batch cannot be cancelled.
        Assert.False(batch.Cancel().Cancelled);
        Assert.Equal(ConfirmOutcome.Confirmed, batch.Confirm(EndToEndId.For(42, 2), "BANK-2", new LocalDate(2026, 3, 5)));
        Assert.Equal(PaymentBatchState.Confirmed, batch.State);
        Assert.Equal("BANK-1", batch.Confirmations[1].BankReference);

        var restored = PaymentBatch.Load(batch.Number, batch.CreatedAt, batch.ExecutionDate, batch.Lines, batch.IsCancelled, batch.Confirmations.Values);
        Assert.Equal(PaymentBatchState.Confirmed, restored.State);
        Assert.Equal(ConfirmOutcome.AlreadyConfirmed, restored.Confirm(EndToEndId.For(42, 2), "BANK-2", new LocalDate(2026, 3, 5)));
    }

    [Fact]
    public void A_cancelled_batch_confirms_nothing()
    {
        var batch = Batch(7, ("advance:a1:0", 100, Ministry, Limburg));
        Assert.True(batch.Cancel().Cancelled);
        Assert.False(batch.Cancel().Cancelled);
        Assert.Equal(PaymentBatchState.Cancelled, batch.State);
        Assert.Equal(ConfirmOutcome.BatchCancelled, batch.Confirm(EndToEndId.For(7, 1), "BANK-1", new LocalDate(2026, 3, 5)));
        Assert.Empty(batch.Confirmations);
    }

    [Fact]
    public void A_batch_is_bounded_and_its_lines_are_positive_distinct_and_numbered()
    {
        PaymentLine Line(int n, string item, long cents) => new(n, item, new Money(cents), Ministry, Limburg, null, null);
        var date = new LocalDate(2026, 3, 5);
        Assert.Equal("payments", PaymentBatch.Create(1, Created, date, []).Field);
        var tooMany = Enumerable.Range(1, PaymentBatchLimits.MaxPayments + 1).Select(i => Line(i, $"i{i}", 1)).ToList();
        Assert.Equal("payments", PaymentBatch.Create(1, Created, date, tooMany).Field);
        Assert.NotNull(PaymentBatch.Create(1, Created, date, tooMany[..PaymentBatchLimits.MaxPayments]).Batch);
        Assert.Equal("payments[1].amount", PaymentBatch.Create(1, Created, date, [Line(1, "a", 1), Line(2, "b", 0)]).Field);
        Assert.Equal("payments[1].item", PaymentBatch.Create(1, Created, date, [Line(1, "a", 1), Line(2, "a", 1)]).Field);
        Assert.Equal("payments[1].line", PaymentBatch.Create(1, Created, date, [Line(1, "a", 1), Line(3, "b", 1)]).Field);
        Assert.Equal("number", PaymentBatch.Create(0, Created, date, [Line(1, "a", 1)]).Field);
        Assert.Equal("number", PaymentBatch.Create(EndToEndId.MaxBatchNumber + 1, Created, date, [Line(1, "a", 1)]).Field);
    }

    [Fact]
    public void The_same_money_cannot_be_reserved_by_two_batches_and_cancelling_releases_it()
    {
        var reservations = new PaymentReservations();
        Assert.True(reservations.TryReserve(1, ["advance:a1:0", "advance:a2:0"]).Reserved);
        // A retried create of the same batch is fine.
        Assert.True(reservations.TryReserve(1, ["advance:a1:0", "advance:a2:0"]).Reserved);
        var refused = reservations.TryReserve(2, ["advance:a3:0", "advance:a2:0"]);
        Assert.False(refused.Reserved);
        Assert.Equal("advance:a2:0", refused.Item);
        Assert.Equal(1, refused.HeldBy);
        // All or nothing: a3 was not reserved by the refused attempt.
        Assert.Null(reservations.HolderOf("advance:a3:0"));
        Assert.False(reservations.TryReserve(2, ["x", "x"]).Reserved);
        Assert.Equal(0, reservations.Release(2, ["advance:a1:0"]));
        Assert.Equal(2, reservations.Release(1, ["advance:a1:0", "advance:a2:0"]));
        Assert.True(reservations.TryReserve(2, ["advance:a3:0", "advance:a2:0"]).Reserved);
        var restored = PaymentReservations.Load(reservations.Snapshot());
        Assert.Equal(2, restored.HolderOf("advance:a2:0"));
        Assert.Equal(2, restored.Count);
    }

    [Fact]
    public void Reservations_stop_at_their_bound_whole_and_item_keys_have_a_length_limit()
    {
        PaymentLine Line(int n, string item, long cents) => new(n, item, new Money(cents), Ministry, Limburg, null, null);
        var reservations = new PaymentReservations();
        var batches = PaymentBatchLimits.MaxReservedItems / PaymentBatchLimits.MaxPayments;
        for (var b = 1; b <= batches; b++)
        {
            Assert.True(reservations.TryReserve(b, [.. Enumerable.Range(0, PaymentBatchLimits.MaxPayments).Select(i => $"k:{b}:{i}")]).Reserved);
        }
        Assert.Equal(PaymentBatchLimits.MaxReservedItems, reservations.Count);
        // One more item is refused whole, naming no item (the bound, not another batch, is in the way).
        Assert.Equal((false, (string?)null, (long?)null), reservations.TryReserve(batches + 1, ["one-more"]));
        // Reserving again what a batch holds adds nothing, so a retried create still succeeds at the bound.
        Assert.True(reservations.TryReserve(1, ["k:1:0"]).Reserved);
        Assert.Equal("payments[0].item", PaymentBatch.Create(1, Created, new LocalDate(2026, 3, 5), [Line(1, new string('x', PaymentBatchLimits.MaxItemKeyLength + 1), 1)]).Field);
        Assert.NotNull(PaymentBatch.Create(1, Created, new LocalDate(2026, 3, 5), [Line(1, new string('x', PaymentBatchLimits.MaxItemKeyLength), 1)]).Batch);
    }
}
