using NodaTime;
using NodaTime.Text;
using PvoFinance.Banking;
using PvoFinance.Grains.Applications;

namespace PvoFinance.Grains.Banking;

/// <summary>
/// A thin shell around one <see cref="PaymentBatch"/>: the core decides states and confirmations, the registry grain the
/// reservations, this grain stores and books. A payment is booked only when the bank confirms it, through the same
/// path a treasurer uses by hand (an application's pay-advance, a source's payment), keyed by the bank's entry
/// reference or the EndToEndId so that booking twice is impossible.
/// </summary>
public sealed partial class PaymentBatchGrain(
    [PersistentState("paymentbatch", StorageNames.Funding)] IPersistentState<PaymentBatchGrainState> state,
    IClock clock) : Grain, IPaymentBatchGrain
{
    private long Number => this.GetPrimaryKeyLong();

    private IPaymentBatchRegistryGrain Registry => GrainFactory.GetGrain<IPaymentBatchRegistryGrain>(0);

    /// <inheritdoc />
    public async Task<PaymentBatchReply> Create(CreatePaymentBatchDto batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (state.State.Exists)
        {
            return state.State.Lines.SequenceEqual(batch.Lines)
                ? new PaymentBatchReply(View())
                : new PaymentBatchReply(null, "number", $"Batch {Number} exists with other payments.", Conflict: true);
        }
        if (!LocalDatePattern.Iso.Parse(batch.ExecutionDate).TryGetValue(default, out var executionDate))
        {
            return new PaymentBatchReply(null, "executionDate", "The execution date is an ISO date, e.g. 2026-03-05.");
        }
        var createdAt = Instant.FromUnixTimeMilliseconds(clock.GetCurrentInstant().ToUnixTimeMilliseconds());
        var (core, field, reason) = PaymentBatch.Create(Number, createdAt, executionDate, [.. batch.Lines.Select(ToCore)]);
        if (core is null)
        {
            return new PaymentBatchReply(null, field, reason);
        }
        // Reserved before the batch is stored: a crash in between leaves the items held by this number, and a retried
        // create of the same number (reserving again is a no-op for it) stores the batch.
        var (reserved, item, heldBy) = await Registry.Reserve(Number, [.. batch.Lines.Select(l => l.ItemKey)]);
        if (!reserved)
        {
            return new PaymentBatchReply(null, item is null ? "batches" : "items",
                item is null
                    ? $"At most {PaymentBatchLimits.MaxOpenBatches} batches with at most {PaymentBatchLimits.MaxReservedItems} payments together are open at once; wait for the bank statement or cancel a batch."
                    : $"'{item}' is already in batch {heldBy}; cancel that batch first.",
                Conflict: true);
        }
        state.State.Exists = true;
        state.State.CreatedUnixMs = createdAt.ToUnixTimeMilliseconds();
        state.State.ExecutionDate = batch.ExecutionDate;
        state.State.InitiatingParty = batch.InitiatingParty;
        state.State.Actor = batch.Actor;
        state.State.Lines = [.. batch.Lines];
        await WriteAsync();
        return new PaymentBatchReply(View());
    }

    /// <inheritdoc />
    public Task<PaymentBatchViewDto?> Get() => Task.FromResult(state.State.Exists ? View() : null);

    /// <inheritdoc />
    public Task<PaymentBatchViewDto?> Summary() => Task.FromResult(state.State.Exists ? View() with { Lines = [] } : null);

    /// <inheritdoc />
    public Task<byte[]?> Pain001() => Task.FromResult(state.State.Exists ? PvoFinance.Banking.Pain001.Write(Load(), state.State.InitiatingParty) : null);

    /// <inheritdoc />
    public async Task<PaymentBatchReply> Cancel()
    {
        if (!state.State.Exists)
        {
            return new PaymentBatchReply(null, "id", $"No batch {Number}.");
        }
        var batch = Load();
        var (cancelled, reason) = batch.Cancel();
        if (reason is not null)
        {
            return new PaymentBatchReply(null, "state", reason, Conflict: true);
        }
        if (cancelled)
        {
            state.State.Cancelled = true;
            await WriteAsync();
        }
        // Released after the cancel is stored (and again on a retry), so a crash in between never frees money of a live batch.
        await Registry.Release(Number, [.. state.State.Lines.Select(l => l.ItemKey)], closed: true);
        return new PaymentBatchReply(View());
    }

    private PaymentBatch Load() => PaymentBatch.Load(Number, Instant.FromUnixTimeMilliseconds(state.State.CreatedUnixMs),
        LocalDatePattern.Iso.Parse(state.State.ExecutionDate).Value, [.. state.State.Lines.Select(ToCore)], state.State.Cancelled,
        state.State.Confirmations.Select(c => new PaymentConfirmation(c.Key, c.Value.BankReference, LocalDatePattern.Iso.Parse(c.Value.BookingDate).Value)));

    private PaymentBatchViewDto View()
    {
        var batch = Load();
        return new PaymentBatchViewDto(Number, StateName(batch.State), state.State.CreatedUnixMs, state.State.ExecutionDate,
            batch.Lines.Count, batch.Total.Cents, batch.Confirmations.Count, state.State.Lines,
            [.. state.State.Lines.Select(l => l.Payer ?? "").Distinct(StringComparer.Ordinal)], new Dictionary<int, ConfirmationDto>(state.State.Confirmations),
            [.. state.State.Lines.Select(l => l.Payee ?? "").Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The API's spelling of a state.</summary>
    public static string StateName(PaymentBatchState value) => value switch
    {
        PaymentBatchState.Open => "open",
        PaymentBatchState.PartlyConfirmed => "partly-confirmed",
        PaymentBatchState.Confirmed => "confirmed",
        _ => "cancelled",
    };

    private static PaymentLine ToCore(PaymentLineDto line) => new(line.Line, line.ItemKey, new Money(line.Cents), Account(line.Debtor), Account(line.Creditor),
        CreditorReference.TryParse(line.Reference, out var reference, out _) ? reference : null, line.Remittance);

    private static BankAccount Account(BankAccountDto dto) => new(Iban.Parse(dto.Iban), dto.Holder, dto.Bic);

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
