using System.Security.Cryptography;
using System.Text;
using NodaTime.Text;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Sagas;
using PvoFinance.Ledger;

namespace PvoFinance.Grains;

/// <summary>
/// Moves money between two journals as a one-movement saga (<see cref="SagaPlan"/>, <see cref="SagaExecutor"/>), keyed by
/// the transfer id: both journals are asked first (a refusal there changes nothing); the intent is stored; then the
/// sending journal reserves and posts (<c>&lt;id&gt;:reserve</c>, <c>&lt;id&gt;:post</c>, one batch) while the receiving
/// journal is credited (<c>&lt;id&gt;:credit</c>), in parallel; a late refusal of either undoes the other
/// (<c>&lt;id&gt;:undo</c>). Running the same transfer id again after a crash at any point finishes the movement
/// exactly once: the stored intent says whether it goes forward or is being undone.
/// </summary>
/// <remarks>
/// Across the two journals the clearing accounts cancel: <c>clearing:&lt;to&gt;</c> in the source and
/// <c>clearing:&lt;from&gt;</c> in the destination sum to zero once a transfer is complete; while it is in
/// flight the difference is the movement in flight on one side, never lost or created money.
/// </remarks>
public sealed class TransferGrain(
    [PersistentState("transfer", StorageNames.Ledger)] IPersistentState<TransferState> state) : Grain, ITransferGrain
{
    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<TransferReply> GetStatus()
    {
        if (state.State.Reply is null && state.State.Intent is not null && state.State.Request is { } open)
        {
            return await Resume(open);
        }
        return state.State.Reply ?? new TransferReply(Id, TransferStatus.None, null, null, null);
    }

    /// <inheritdoc />
    public async Task<TransferReply> Execute(TransferRequest request)
    {
        if (Validate(request) is { } invalid)
        {
            return Rejected(invalid);
        }
        var hash = Hash(request);
        if (state.State.RequestHash is { } seen && seen != hash)
        {
            return Rejected(new RejectionDto(nameof(RejectionCode.IdempotencyConflict), "transferId", $"Transfer '{Id}' was already used with different content."));
        }
        if (state.State.Reply is { } done)
        {
            return done;
        }
        if (state.State.Intent is null)
        {
            // Ask both journals first: a movement either would refuse is refused before anything is recorded anywhere.
            if (await SagaExecutor.CheckAsync(GrainFactory, PlanOf(request)) is { } wouldRefuse)
            {
                return await Finish(hash, new TransferReply(Id, TransferStatus.Rejected, wouldRefuse.Rejection, null, null));
            }
            state.State.RequestHash = hash;
            state.State.Request = request;
            state.State.Intent = new SagaIntent { Id = Id, Phase = SagaPhase.Forward };
            await this.WriteOrDropAsync(state);
        }
        return await Resume(request);
    }

    // Finishes the open saga the way its intent says.
    private async Task<TransferReply> Resume(TransferRequest request)
    {
        var intent = state.State.Intent!;
        var plan = PlanOf(request);
        if (intent.Phase == SagaPhase.Forward)
        {
            var run = await SagaExecutor.RunAsync(GrainFactory, plan);
            if (run.Done)
            {
                return await Finish(state.State.RequestHash!, new TransferReply(Id, TransferStatus.Completed, null,
                    run.SequenceOf(request.FromJournal, SagaKeys.Of(Id, SagaKeys.Post)), run.SequenceOf(request.ToJournal, SagaKeys.Of(Id, SagaKeys.Credit))));
            }
            // The decision to undo is stored first, so a crash while undoing is finished by undoing, never by going forward.
            intent.Phase = SagaPhase.Compensating;
            intent.Refusal = run.Refusal!.Rejection;
            await this.WriteOrDropAsync(state);
        }
        await SagaExecutor.CompensateAsync(GrainFactory, plan);
        return await Finish(state.State.RequestHash!, new TransferReply(Id, TransferStatus.Rejected, intent.Refusal, null, null));
    }

    private SagaPlan PlanOf(TransferRequest r) => SagaPlan.Of([new SagaMovement(
        Id, SagaMovementKind.Transfer, r.FromJournal, AccountId.Parse(r.DebitAccount), r.ToJournal, AccountId.Parse(r.CreditAccount),
        new Money(r.Cents), LocalDatePattern.Iso.Parse(r.ValueDate).Value, r.Memo)]);

    private async Task<TransferReply> Finish(string hash, TransferReply reply)
    {
        state.State.RequestHash = hash;
        state.State.Reply = reply;
        state.State.Intent = null;
        state.State.Request = null;
        await this.WriteOrDropAsync(state);
        return reply;
    }

    private TransferReply Rejected(RejectionDto rejection) => new(Id, TransferStatus.Rejected, rejection, null, null);

    private RejectionDto? Validate(TransferRequest r)
    {
        // The id becomes part of three ledger keys ("<id>:reserve", ...), so it follows the key rules with room for the suffix.
        if (!TransferIds.IsValid(Id))
        {
            return Invalid("transferId", TransferIds.Rule);
        }
        if (!JournalIds.IsValid(r.FromJournal))
        {
            return Invalid("fromJournal", "A journal id has 1..100 characters a-z, 0-9, '-', '.', '_'.");
        }
        if (!JournalIds.IsValid(r.ToJournal))
        {
            return Invalid("toJournal", "A journal id has 1..100 characters a-z, 0-9, '-', '.', '_'.");
        }
        if (r.FromJournal == r.ToJournal)
        {
            return Invalid("toJournal", "Both accounts are in one journal; post one balanced entry there instead.");
        }
        foreach (var (field, text) in new[] { ("debitAccount", r.DebitAccount), ("creditAccount", r.CreditAccount) })
        {
            if (!AccountId.TryParse(text, out var account, out var error))
            {
                return Invalid(field, error!);
            }
            if (account.IsMemo || account.Kind == AccountKind.Clearing)
            {
                return Invalid(field, "Memo (in-kind) and clearing accounts cannot take part in a transfer between journals.");
            }
        }
        if (r.Cents <= 0 || r.Cents > Money.MaxCents)
        {
            return Invalid("amount", "The amount must be positive and within range.");
        }
        if (!LocalDatePattern.Iso.Parse(r.ValueDate ?? "").Success)
        {
            return Invalid("valueDate", "The value date must be an ISO date like 2026-11-23.");
        }
        return null;
    }

    private static RejectionDto Invalid(string field, string message) => new(nameof(RejectionCode.Invalid), field, message);

    private static string Hash(TransferRequest r) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\u001f', r.FromJournal, r.DebitAccount, r.ToJournal, r.CreditAccount, r.Cents, r.ValueDate, r.Memo ?? "\u0000"))));
}
