using System.Security.Cryptography;
using System.Text;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;

namespace PvoFinance.Grains;

/// <summary>
/// Moves money between two journals in three idempotent steps, each keyed by the transfer id:
/// (1) reserve in the source journal — debit account against a clearing account for the destination,
/// checked against the source's limits; (2) post in the destination journal — clearing account for the
/// source against the credit account; (3) post the reservation. If step 2 is refused, the reservation is
/// voided. Every step can be repeated safely, so running the same transfer id again after a crash at any
/// point finishes the movement exactly once.
/// </summary>
/// <remarks>
/// Across the two journals the clearing accounts cancel: <c>clearing:&lt;to&gt;</c> in the source and
/// <c>clearing:&lt;from&gt;</c> in the destination sum to zero once a transfer is complete; while it is in
/// flight the difference is visible as a pending reservation in the source, never as lost or created money.
/// </remarks>
public sealed class TransferGrain(
    [PersistentState("transfer", StorageNames.Ledger)] IPersistentState<TransferState> state) : Grain, ITransferGrain
{
    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public Task<TransferReply> GetStatus() =>
        Task.FromResult(state.State.Reply ?? new TransferReply(Id, TransferStatus.None, null, null, null));

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

        var source = GrainFactory.GetGrain<ILedgerGrain>(request.FromJournal);
        var destination = GrainFactory.GetGrain<ILedgerGrain>(request.ToJournal);
        var reserveKey = $"{Id}:reserve";
        var credit = new LedgerRequest
        {
            Kind = LedgerRequestKind.Post,
            Key = $"{Id}:{PassThroughTransfers.Credit}",
            ValueDate = request.ValueDate,
            Postings = [new PostingDto(JournalIds.ClearingAccountFor(request.FromJournal).Value, request.Cents), new PostingDto(request.CreditAccount, -request.Cents)],
            Memo = request.Memo,
        };
        // Ask the receiving journal first: a credit it would refuse is refused before the source reserves anything,
        // so a refused transfer leaves both journals as they were.
        if (await destination.Check(credit) is { } wouldRefuse)
        {
            return await Finish(hash, new TransferReply(Id, TransferStatus.Rejected, wouldRefuse, null, null));
        }

        var reserved = await source.Execute(new LedgerRequest
        {
            Kind = LedgerRequestKind.Reserve,
            Key = reserveKey,
            ValueDate = request.ValueDate,
            Postings = [new PostingDto(request.DebitAccount, request.Cents), new PostingDto(JournalIds.ClearingAccountFor(request.ToJournal).Value, -request.Cents)],
            Memo = request.Memo,
        });
        if (!reserved.Succeeded)
        {
            // A refused reservation may still be retried by the caller with a new transfer id; this id is spent.
            return await Finish(hash, new TransferReply(Id, TransferStatus.Rejected, reserved.Rejection, null, null));
        }

        var credited = await destination.Execute(credit);
        if (!credited.Succeeded)
        {
            var voided = await source.Execute(new LedgerRequest
            {
                Kind = LedgerRequestKind.VoidReservation,
                Key = $"{Id}:void",
                ValueDate = request.ValueDate,
                ReservationKey = reserveKey,
                Memo = request.Memo,
            });
            EnsureSucceeded(voided, "void");
            return await Finish(hash, new TransferReply(Id, TransferStatus.Rejected, credited.Rejection, voided.Entry!.Sequence, null));
        }

        var posted = await source.Execute(new LedgerRequest
        {
            Kind = LedgerRequestKind.PostReservation,
            Key = $"{Id}:{PassThroughTransfers.Post}",
            ValueDate = request.ValueDate,
            ReservationKey = reserveKey,
            Memo = request.Memo,
        });
        EnsureSucceeded(posted, "post");
        return await Finish(hash, new TransferReply(Id, TransferStatus.Completed, null, posted.Entry!.Sequence, credited.Entry!.Sequence));
    }

    private async Task<TransferReply> Finish(string hash, TransferReply reply)
    {
        state.State.RequestHash = hash;
        state.State.Reply = reply;
        await this.WriteOrDropAsync(state);
        return reply;
    }

    // Posting or voiding our own open reservation can only fail if the journals were tampered with; stop
    // loudly rather than report a movement that did not happen.
    private void EnsureSucceeded(LedgerReply reply, string step)
    {
        if (!reply.Succeeded)
        {
            throw new InvalidOperationException($"Transfer '{Id}' step '{step}' was refused: {reply.Rejection?.Message}");
        }
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
        return null;
    }

    private static RejectionDto Invalid(string field, string message) => new(nameof(RejectionCode.Invalid), field, message);

    private static string Hash(TransferRequest r) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\u001f', r.FromJournal, r.DebitAccount, r.ToJournal, r.CreditAccount, r.Cents, r.ValueDate, r.Memo ?? "\u0000"))));
}
