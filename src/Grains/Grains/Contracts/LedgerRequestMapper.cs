using NodaTime.Text;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Contracts;

/// <summary>Translates between grain-call records and the core's types, refusing a malformed shape with the field at fault.</summary>
public static class LedgerRequestMapper
{
    /// <summary>Builds the core command, or a rejection naming the bad field. Values arrive typed; only the shape is checked here.</summary>
    public static (LedgerCommand? Command, LedgerRejection? Rejection) ToCommand(LedgerRequest request)
    {
        switch (request.Kind)
        {
            case LedgerRequestKind.Post:
            case LedgerRequestKind.Reserve:
                if (request.Postings is null || request.Postings.Count > LedgerLimits.MaxPostingsPerEntry)
                {
                    return (null, Invalid("postings", $"An entry needs 2..{LedgerLimits.MaxPostingsPerEntry} postings."));
                }
                for (var i = 0; i < request.Postings.Count; i++)
                {
                    // The default AccountId (no text) is the only invalid one a typed request can carry.
                    if (request.Postings[i].Account.Value is null)
                    {
                        return (null, Invalid($"postings[{i}].account", "An account id is required."));
                    }
                }
                return request.Kind == LedgerRequestKind.Post
                    ? (new PostEntry(request.Key, request.ValueDate, request.Postings, request.Memo), null)
                    : (new ReserveEntry(request.Key, request.ValueDate, request.Postings, request.Memo), null);
            case LedgerRequestKind.PostReservation:
                return (new PostReservation(request.Key, request.ValueDate, request.ReservationKey ?? "", request.Amount, request.Memo), null);
            case LedgerRequestKind.VoidReservation:
                return (new VoidReservation(request.Key, request.ValueDate, request.ReservationKey ?? "", request.Memo), null);
            case LedgerRequestKind.Reverse:
                return (new ReverseEntry(request.Key, request.ValueDate, request.EntryKey ?? "", request.Memo), null);
            default:
                return (null, Invalid("kind", $"Unknown request kind {request.Kind}."));
        }
    }

    /// <summary>The grain-call form of a core command (the inverse of <see cref="ToCommand"/>).</summary>
    public static LedgerRequest ToRequest(LedgerCommand command, bool linkedToNext = false) => command switch
    {
        PostEntry p => new() { Kind = LedgerRequestKind.Post, Key = p.Key, ValueDate = p.ValueDate, Postings = p.Postings, Memo = p.Memo, LinkedToNext = linkedToNext },
        ReserveEntry r => new() { Kind = LedgerRequestKind.Reserve, Key = r.Key, ValueDate = r.ValueDate, Postings = r.Postings, Memo = r.Memo, LinkedToNext = linkedToNext },
        PostReservation pr => new()
        {
            Kind = LedgerRequestKind.PostReservation,
            Key = pr.Key,
            ValueDate = pr.ValueDate,
            ReservationKey = pr.ReservationKey,
            Amount = pr.Amount,
            Memo = pr.Memo,
            LinkedToNext = linkedToNext,
        },
        VoidReservation v => new() { Kind = LedgerRequestKind.VoidReservation, Key = v.Key, ValueDate = v.ValueDate, ReservationKey = v.ReservationKey, Memo = v.Memo, LinkedToNext = linkedToNext },
        ReverseEntry rv => new() { Kind = LedgerRequestKind.Reverse, Key = rv.Key, ValueDate = rv.ValueDate, EntryKey = rv.EntryKey, Memo = rv.Memo, LinkedToNext = linkedToNext },
        _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
    };

    /// <summary>The wire form of an entry.</summary>
    public static EntryDto ToDto(string journalId, JournalEntry e) => new()
    {
        JournalId = journalId,
        Sequence = e.Sequence,
        Key = e.Key,
        Kind = e.Kind.ToString(),
        ValueDate = LocalDatePattern.Iso.Format(e.ValueDate),
        RecordedAt = InstantPattern.ExtendedIso.Format(e.RecordedAt),
        Reference = e.Reference,
        Postings = [.. e.Postings.Select(p => new PostingDto(p.Account.Value, p.Amount.Cents))],
        Pending = [.. e.Pending.Select(p => new PendingDto(p.Account.Value, p.Amount.Cents, p.Release))],
        Memo = e.Memo,
        PreviousHash = e.PreviousHash,
        Hash = e.Hash,
    };

    /// <summary>The wire form of a balance.</summary>
    public static BalanceDto ToDto(AccountBalance b) => new(
        b.Account.Value, b.Account.Rule.Type.ToString(), b.DebitsPosted, b.CreditsPosted, b.DebitsPending, b.CreditsPending,
        b.Posted.Cents, b.Available.Cents);

    /// <summary>The wire form of a rejection.</summary>
    public static RejectionDto ToDto(LedgerRejection r) => new(r.Code.ToString(), r.Field, r.Message);

    private static LedgerRejection Invalid(string field, string message) => new(RejectionCode.Invalid, field, message);
}
