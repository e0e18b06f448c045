using NodaTime.Text;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Contracts;

/// <summary>Translates between wire records and the core's types, refusing malformed input with the field at fault.</summary>
public static class LedgerRequestMapper
{
    /// <summary>Builds the core command, or a rejection naming the bad field.</summary>
    public static (LedgerCommand? Command, LedgerRejection? Rejection) ToCommand(LedgerRequest request)
    {
        var date = LocalDatePattern.Iso.Parse(request.ValueDate ?? "");
        if (!date.Success)
        {
            return (null, Invalid("valueDate", "The value date must be an ISO date like 2026-11-23."));
        }
        var valueDate = date.Value;
        switch (request.Kind)
        {
            case LedgerRequestKind.Post:
            case LedgerRequestKind.Reserve:
                if (request.Postings is null || request.Postings.Count > LedgerLimits.MaxPostingsPerEntry)
                {
                    return (null, Invalid("postings", $"An entry needs 2..{LedgerLimits.MaxPostingsPerEntry} postings."));
                }
                var postings = new List<Posting>(request.Postings.Count);
                for (var i = 0; i < request.Postings.Count; i++)
                {
                    var p = request.Postings[i];
                    if (!AccountId.TryParse(p?.Account, out var account, out var error))
                    {
                        return (null, Invalid($"postings[{i}].account", error!));
                    }
                    if (p!.Cents is > Money.MaxCents or < -Money.MaxCents)
                    {
                        return (null, Invalid($"postings[{i}].amount", "The amount is out of range."));
                    }
                    postings.Add(new Posting(account, new Money(p.Cents)));
                }
                return request.Kind == LedgerRequestKind.Post
                    ? (new PostEntry(request.Key, valueDate, postings, request.Memo), null)
                    : (new ReserveEntry(request.Key, valueDate, postings, request.Memo), null);
            case LedgerRequestKind.PostReservation:
                if (request.AmountCents is > Money.MaxCents or < -Money.MaxCents)
                {
                    return (null, Invalid("amount", "The amount is out of range."));
                }
                return (new PostReservation(request.Key, valueDate, request.ReservationKey ?? "",
                    request.AmountCents is { } c ? new Money(c) : null, request.Memo), null);
            case LedgerRequestKind.VoidReservation:
                return (new VoidReservation(request.Key, valueDate, request.ReservationKey ?? "", request.Memo), null);
            case LedgerRequestKind.Reverse:
                return (new ReverseEntry(request.Key, valueDate, request.EntryKey ?? "", request.Memo), null);
            default:
                return (null, Invalid("kind", $"Unknown request kind {request.Kind}."));
        }
    }

    /// <summary>The wire form of a core command (the inverse of <see cref="ToCommand"/>).</summary>
    public static LedgerRequest ToRequest(LedgerCommand command) => command switch
    {
        PostEntry p => new() { Kind = LedgerRequestKind.Post, Key = p.Key, ValueDate = IsoDate.Format(p.ValueDate), Postings = Legs(p.Postings), Memo = p.Memo },
        ReserveEntry r => new() { Kind = LedgerRequestKind.Reserve, Key = r.Key, ValueDate = IsoDate.Format(r.ValueDate), Postings = Legs(r.Postings), Memo = r.Memo },
        PostReservation pr => new()
        {
            Kind = LedgerRequestKind.PostReservation,
            Key = pr.Key,
            ValueDate = IsoDate.Format(pr.ValueDate),
            ReservationKey = pr.ReservationKey,
            AmountCents = pr.Amount?.Cents,
            Memo = pr.Memo,
        },
        VoidReservation v => new() { Kind = LedgerRequestKind.VoidReservation, Key = v.Key, ValueDate = IsoDate.Format(v.ValueDate), ReservationKey = v.ReservationKey, Memo = v.Memo },
        ReverseEntry rv => new() { Kind = LedgerRequestKind.Reverse, Key = rv.Key, ValueDate = IsoDate.Format(rv.ValueDate), EntryKey = rv.EntryKey, Memo = rv.Memo },
        _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
    };

    private static PostingDto[] Legs(IReadOnlyList<Posting> postings) => [.. postings.Select(p => new PostingDto(p.Account.Value, p.Amount.Cents))];

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
