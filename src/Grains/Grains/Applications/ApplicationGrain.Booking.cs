using NodaTime.Text;
using PvoFinance.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Applications;

/// <summary>How an accepted transition's effects reach the ledger: all commitments or none, then the rest.</summary>
public sealed partial class ApplicationGrain
{
    /// <summary>
    /// Books <paramref name="entry"/>'s effects. Every commitment (one per source of the split) is first reserved
    /// against its source's ceiling; only when all hold are they posted, then the other effects are booked in order.
    /// A refused reservation undoes the others of this attempt and refuses the transition (422), changing nothing.
    /// Other failures throw: the transition is not stored, and its retry books with the same keys.
    /// </summary>
    private async Task<ApplicationReply?> Book(Application app, HistoryEntry entry)
    {
        if (entry.Effects.Count == 0)
        {
            return null;
        }
        var year = ApplicationBookings.GrantYear(app) ?? throw new InvalidOperationException("Money moves before anything was committed.");
        var valueDate = LocalDatePattern.Iso.Format(LegalClocks.Today(entry.At));
        var attempt = state.State.Attempt;
        string KeyOf(int i) => ApplicationBookings.Key(Id, entry.Sequence, attempt, i);
        ApplicationBookings.Accounts AccountsOf(LedgerEffect e) => ApplicationBookings.Accounts.For(e.Source, year, app.Region);

        // 1. Reserve every commitment; all or nothing. Each source's journal is asked first, so a part it would refuse
        //    is refused before any other part is reserved and no journal records a reservation and its void.
        var reservations = entry.Effects
            .Select((effect, i) => (Effect: effect, Index: i))
            .Where(e => e.Effect.Kind == LedgerEffectKind.Commit)
            .Select(e =>
            {
                var accounts = AccountsOf(e.Effect);
                var p = (ApplicationBookings.Posting)ApplicationBookings.Plan(e.Effect, accounts);
                return (e.Effect, Journal: accounts.SourceJournal, Key: KeyOf(e.Index), Request: ApplicationBookings.Request(
                    LedgerRequestKind.Reserve, KeyOf(e.Index), valueDate, p, e.Effect.Amount.Cents, $"{Id} {entry.Trigger} {e.Effect}"));
            })
            .ToList();
        foreach (var (effect, journal, _, request) in reservations)
        {
            if (await Ledger(journal).Check(request) is { Code: nameof(RejectionCode.LimitExceeded) } wouldRefuse)
            {
                await Abandon([]);
                return ShortOf(app, year, effect, wouldRefuse);
            }
        }
        var held = new List<HeldReservation>();
        foreach (var (effect, journal, key, request) in reservations)
        {
            var reserved = await Ledger(journal).Execute(request);
            if (reserved.Succeeded)
            {
                held.Add(new HeldReservation(journal, key, valueDate));
                continue;
            }
            if (reserved.Rejection!.Code != nameof(RejectionCode.LimitExceeded))
            {
                throw new InvalidOperationException($"Reserving '{key}' was refused: {reserved.Rejection.Code} {reserved.Rejection.Message}");
            }
            await Abandon(held);
            return ShortOf(app, year, effect, reserved.Rejection);
        }
        foreach (var r in held)
        {
            var posted = await Ledger(r.Journal).Execute(new LedgerRequest { Kind = LedgerRequestKind.PostReservation, Key = $"{r.Key}:post", ValueDate = r.ValueDate, ReservationKey = r.Key });
            if (!posted.Succeeded)
            {
                throw new InvalidOperationException($"Posting reservation '{r.Key}' was refused: {posted.Rejection!.Message}");
            }
        }

        // 2. Everything else, in order.
        for (var i = 0; i < entry.Effects.Count; i++)
        {
            var effect = entry.Effects[i];
            if (effect.Kind == LedgerEffectKind.Commit)
            {
                continue;
            }
            var accounts = AccountsOf(effect);
            var memo = $"{Id} {entry.Trigger} {effect}";
            switch (ApplicationBookings.Plan(effect, accounts))
            {
                case ApplicationBookings.Posting p:
                    var reply = await Ledger(accounts.SourceJournal).Execute(ApplicationBookings.Request(LedgerRequestKind.Post, KeyOf(i), valueDate, p, effect.Amount.Cents, memo));
                    if (!reply.Succeeded)
                    {
                        throw new InvalidOperationException($"Posting '{KeyOf(i)}' was refused: {reply.Rejection!.Code} {reply.Rejection.Message}");
                    }
                    break;
                case ApplicationBookings.Transfer t:
                    var moved = await GrainFactory.GetGrain<ITransferGrain>(KeyOf(i)).Execute(new TransferRequest
                    {
                        FromJournal = t.FromJournal,
                        DebitAccount = t.DebitAccount,
                        ToJournal = t.ToJournal,
                        CreditAccount = t.CreditAccount,
                        Cents = effect.Amount.Cents,
                        ValueDate = valueDate,
                        Memo = memo,
                    });
                    if (moved.Status != TransferStatus.Completed)
                    {
                        throw new InvalidOperationException($"Transfer '{KeyOf(i)}' was refused: {moved.Rejection?.Code} {moved.Rejection?.Message}");
                    }
                    break;
            }
        }
        return null;
    }

    private static ApplicationReply ShortOf(Application app, int year, LedgerEffect effect, RejectionDto rejection)
    {
        var what = app.Plan.Count == 1 ? "" : $" ('{effect.Source}' is short; all parts of the split were left untouched)";
        return ApplicationReply.Refused(422, "LimitExceeded", "amount",
            $"The {year} budget of '{effect.Source}' cannot carry {effect.Amount}{what}: {rejection.Message}");
    }

    // A refused commitment: the reservations this attempt made are undone, and the next try uses new keys (a
    // voided reservation's key cannot be reserved again). The decision to undo is stored first, so a crash in
    // between is finished by the next call (VoidAbandoned), never leaving budget held by nobody.
    private async Task Abandon(List<HeldReservation> held)
    {
        state.State.Attempt++;
        state.State.ToVoid.AddRange(held);
        state.State.Pending = null;
        await this.WriteOrDropAsync(state);
        await VoidAbandoned();
    }

    /// <summary>Voids the reservations of abandoned attempts (idempotent: an already voided one is fine).</summary>
    private async Task VoidAbandoned()
    {
        if (state.State.ToVoid.Count == 0)
        {
            return;
        }
        foreach (var r in state.State.ToVoid)
        {
            var voided = await Ledger(r.Journal).Execute(new LedgerRequest { Kind = LedgerRequestKind.VoidReservation, Key = $"{r.Key}:void", ValueDate = r.ValueDate, ReservationKey = r.Key });
            if (!voided.Succeeded && voided.Rejection?.Code != nameof(RejectionCode.ReservationClosed))
            {
                throw new InvalidOperationException($"Voiding reservation '{r.Key}' in {r.Journal} was refused: {voided.Rejection?.Code} {voided.Rejection?.Message}");
            }
        }
        state.State.ToVoid.Clear();
        await this.WriteOrDropAsync(state);
    }
}
