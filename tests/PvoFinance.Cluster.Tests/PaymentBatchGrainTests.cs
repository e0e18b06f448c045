using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Banking;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Banking;
using PvoFinance.Storage;
using Xunit.Abstractions;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The payment batch grains on real silos (issue 17, item 2): making a batch reserves its items, the same item in a
/// second batch is refused, cancelling releases it; the bank's confirmation books the advance once, is idempotent by
/// the bank's entry reference and reports another entry for a paid line; a silo restart keeps all of it; and the
/// registry's state stays within its bound at its limits.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PaymentBatchGrainTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly ActorDto Manager = new("pb-manager", Role.PvoManager, "region:limburg");
    private static readonly ActorDto Ministry = new("pb-ministry", Role.Ministry, "national");
    private static readonly ActorDto Treasurer = new("pb-treasurer", Role.Treasurer, "national");
    private static readonly BankAccountDto Owner = new() { Iban = "NL91ABNA0417164300", Holder = "Ministerie van Justitie en Veiligheid" };
    private static readonly BankAccountDto Region = new() { Iban = "NL20INGB0001234567", Holder = "Stichting PVO Limburg", Bic = "INGBNL2A" };

    private IGrainFactory Grains => fixture.Client;

    private IPaymentBatchRegistryGrain Registry => Grains.GetGrain<IPaymentBatchRegistryGrain>(0);

    private static CreatePaymentBatchDto Batch(LocalDate execution, params PaymentLineDto[] lines) =>
        new(execution.ToString("yyyy-MM-dd", null), "Ministerie van JenV", Treasurer, lines);

    private static PaymentLineDto Advance(string app, int line = 1) => new()
    {
        Line = line,
        ItemKey = $"advance:{app}:0",
        Cents = 15_000_00,
        Debtor = Owner,
        Creditor = Region,
        Remittance = $"PVO {app} voorschot 1 van 1",
        ApplicationId = app,
        Payer = "national",
    };

    private static async Task<int> AdvancesPaid(IApplicationGrain app) => (await app.Get(Manager)).View!.AdvancesPaid;

    [Fact]
    public async Task A_batch_reserves_its_items_cancel_releases_and_the_banks_confirmation_books_once_across_a_restart()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;
        var source = Ledger.Unique("pb").Replace(".", "-", StringComparison.Ordinal);
        var appId = Ledger.Unique("pb-app");
        var (_, app) = await GrantedApplication.StartAsync(Grains, source, appId, today, Manager, Ministry);
        var key = $"advance:{appId}:0";

        // Made: open, the item held by it.
        var first = await Registry.NextNumber();
        var made = await Grains.GetGrain<IPaymentBatchGrain>(first).Create(Batch(today, Advance(appId)));
        Assert.Equal("open", made.Batch?.State);
        Assert.Equal(15_000_00, made.Batch!.TotalCents);
        Assert.Equal(first, (await Registry.Holders([key]))[key]);
        Assert.Contains(first, await Registry.OpenBatches());
        // A retried create answers the same batch; other lines under its number are refused.
        Assert.Equal(made.Batch.CreatedUnixMs, (await Grains.GetGrain<IPaymentBatchGrain>(first).Create(Batch(today, Advance(appId)))).Batch!.CreatedUnixMs);
        Assert.True((await Grains.GetGrain<IPaymentBatchGrain>(first).Create(Batch(today, Advance(appId) with { Cents = 1 }))).Conflict);

        // The same item in a second batch: refused, naming the batch that holds it; nothing stored.
        var second = await Registry.NextNumber();
        var refused = await Grains.GetGrain<IPaymentBatchGrain>(second).Create(Batch(today, Advance(appId)));
        Assert.Null(refused.Batch);
        Assert.True(refused.Conflict);
        Assert.Equal("items", refused.Field);
        Assert.Contains($"batch {first}", refused.Reason, StringComparison.Ordinal);
        Assert.Null(await Grains.GetGrain<IPaymentBatchGrain>(second).Get());

        // Cancelled: released, off the open list, and the second batch takes the item.
        Assert.Equal("cancelled", (await Grains.GetGrain<IPaymentBatchGrain>(first).Cancel()).Batch?.State);
        Assert.Empty(await Registry.Holders([key]));
        Assert.DoesNotContain(first, await Registry.OpenBatches());
        Assert.Equal(nameof(ConfirmOutcome.BatchCancelled), (await Grains.GetGrain<IPaymentBatchGrain>(first).ConfirmAsync(EndToEndId.For(first, 1).Value, "B-0", today)).Outcome);
        var batch = Grains.GetGrain<IPaymentBatchGrain>(second);
        Assert.Equal("open", (await batch.Create(Batch(today, Advance(appId)))).Batch?.State);
        Assert.Equal(second, (await Registry.Holders([key]))[key]);

        // The bank confirms it: the advance is booked once; the same entry again books nothing; another entry is reported.
        var e2e = EndToEndId.For(second, 1).Value;
        Assert.Equal(0, await AdvancesPaid(app));
        var confirmed = await PaymentBatches.ConfirmAsync(Grains, e2e, "BANK-1", today);
        Assert.Equal(nameof(ConfirmOutcome.Confirmed), confirmed?.Outcome);
        Assert.Equal(1, await AdvancesPaid(app));
        Assert.Equal(nameof(ConfirmOutcome.AlreadyConfirmed), (await batch.ConfirmAsync(e2e, "BANK-1", today)).Outcome);
        Assert.Equal(nameof(ConfirmOutcome.ConfirmedByOtherEntry), (await batch.ConfirmAsync(e2e, "BANK-2", today)).Outcome);
        Assert.Equal(1, await AdvancesPaid(app));
        Assert.Equal(nameof(ConfirmOutcome.UnknownPayment), (await batch.ConfirmAsync(EndToEndId.For(second, 2).Value, "BANK-3", today)).Outcome);
        Assert.Null(await PaymentBatches.ConfirmAsync(Grains, "NOTPROVIDED", "BANK-4", today));
        // Booked, so no longer held (its key is never due again), and the batch is no longer open; it cannot be cancelled.
        Assert.Empty(await Registry.Holders([key]));
        Assert.DoesNotContain(second, await Registry.OpenBatches());
        var cancel = await batch.Cancel();
        Assert.True(cancel.Conflict);
        Assert.Equal("state", cancel.Field);

        // A silo restart: the batches come back from storage as they were, and the confirmation is still idempotent.
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos[^1]);
        await fixture.Cluster.StartAdditionalSiloAsync();
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = (await batch.Get())!;
        Assert.Equal("confirmed", after.State);
        Assert.Equal(1, after.Confirmed);
        Assert.Equal("BANK-1", after.ConfirmedLines[1].BankReference);
        Assert.Equal("cancelled", (await Grains.GetGrain<IPaymentBatchGrain>(first).Get())?.State);
        Assert.Equal(nameof(ConfirmOutcome.AlreadyConfirmed), (await batch.ConfirmAsync(e2e, "BANK-1", today)).Outcome);
        Assert.Equal(1, await AdvancesPaid(app));
        Assert.Equal(await Grains.GetGrain<IPaymentBatchGrain>(second).Pain001(), await batch.Pain001());
    }

    [Fact]
    public async Task A_confirmation_pays_the_advance_its_batch_named_not_the_next_one_and_a_held_advance_is_not_paid_by_hand()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;
        var source = Ledger.Unique("pbh").Replace(".", "-", StringComparison.Ordinal);
        var appId = Ledger.Unique("pbh-app");
        // Two equal advances due today: the amount alone cannot tell which one the bank's debit paid.
        var (_, app) = await GrantedApplication.StartAsync(Grains, source, appId, today, Manager, Ministry, "10000.00", "10000.00");
        var key = $"advance:{appId}:0";
        var number = await Registry.NextNumber();
        var batch = Grains.GetGrain<IPaymentBatchGrain>(number);
        Assert.Equal("open", (await batch.Create(Batch(today, Advance(appId) with { Cents = 10_000_00 }))).Batch?.State);

        // By hand while the batch holds it: refused, naming the batch.
        const string PayByHand = """{"amount":"10000.00","reference":"handmatig"}""";
        var held = await app.FireJson(Treasurer, ApplicationTrigger.PayAdvance, PayByHand, null, "hand-1");
        Assert.Equal((409, "advance"), (held.Status, held.Field));
        Assert.Contains($"batch {number}", held.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await AdvancesPaid(app));

        // The race the check cannot close (a reservation made just after a record by hand passed it), played by
        // releasing the reservation: the record by hand pays advance 1; the bank's confirmation of the batch, which paid
        // advance 1 as well, is refused rather than booked as advance 2.
        await Registry.Release(number, [key], closed: false);
        Assert.True((await app.FireJson(Treasurer, ApplicationTrigger.PayAdvance, PayByHand, null, "hand-2")).Ok);
        var confirmed = await batch.ConfirmAsync(EndToEndId.For(number, 1).Value, "BANK-H", today);
        Assert.Equal("BookingRefused", confirmed.Outcome);
        Assert.Contains("Advance 1 of the schedule was already paid", confirmed.Reason, StringComparison.Ordinal);
        Assert.Equal(1, await AdvancesPaid(app));
        Assert.Equal("open", (await batch.Get())!.State);
    }

    [Fact]
    public async Task The_registry_refuses_beyond_its_limits_and_its_state_stays_within_the_bound()
    {
        // At its limits: as many 120-character item keys as it holds, and the newest idempotency keys of 200 characters.
        var numbers = new List<long>();
        var held = 0;
        while (true)
        {
            var number = await Registry.NextNumber();
            var keys = Enumerable.Range(0, PaymentBatchLimits.MaxPayments).Select(i => $"limit:{number:D7}:{i:D4}:".PadRight(PaymentBatchLimits.MaxItemKeyLength, 'x')).ToList();
            var (reserved, item, _) = await Registry.Reserve(number, keys);
            if (!reserved)
            {
                // Refused whole (the open batches would hold too much, or too many are open), naming no item.
                Assert.Null(item);
                break;
            }
            numbers.Add(number);
            held += keys.Count;
        }
        Assert.InRange(held, 1, PaymentBatchLimits.MaxReservedItems);
        for (var i = 0; i < PaymentBatchLimits.MaxRememberedKeys + 5; i++)
        {
            Assert.False((await Registry.Claim($"{i:D4}".PadRight(200, 'k'), new string('f', 64))).Conflict);
        }
        var bytes = await Registry.StateBytes();
        output.WriteLine($"registry state at its limits: {held:N0} held items, {PaymentBatchLimits.MaxRememberedKeys} keys: {bytes:N0} bytes (bound {GrainStateLimits.MaxStateBytes:N0})");
        Assert.True(bytes <= GrainStateLimits.MaxStateBytes, $"{bytes:N0} bytes at the limits, bound {GrainStateLimits.MaxStateBytes:N0}");

        // The oldest keys are forgotten, the newest answer as before; the same key with another request is a conflict.
        var newest = $"{PaymentBatchLimits.MaxRememberedKeys + 4:D4}".PadRight(200, 'k');
        Assert.True((await Registry.Claim(newest, new string('f', 64))).Existing);
        Assert.True((await Registry.Claim(newest, new string('e', 64))).Conflict);
        Assert.False((await Registry.Claim("0000".PadRight(200, 'k'), new string('f', 64))).Existing);

        foreach (var number in numbers)
        {
            await Registry.Release(number, [.. Enumerable.Range(0, PaymentBatchLimits.MaxPayments).Select(i => $"limit:{number:D7}:{i:D4}:".PadRight(PaymentBatchLimits.MaxItemKeyLength, 'x'))], closed: true);
        }
        Assert.True(await Registry.StateBytes() < bytes / 10);
    }
}
