using Microsoft.Extensions.Logging;
using PvoFinance.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Sagas;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// How an accepted transition's effects reach the ledger: as one saga (docs/ledger.md, "Sagas"). The transition and the
/// saga's intent are stored in one write; then every journal books its part in one batch, all journals at once; the
/// intent is closed by the next write. A grant is thus two sequential storage round trips: the state write and the
/// journal appends in parallel.
/// </summary>
public sealed partial class ApplicationGrain
{
    // The answer of the last booked transition, kept until the next state write stores it under its idempotency key.
    private RememberedReply? _bookedAnswer;

    // True once the open booking (state.State.Booking) is known to be in every journal; it is then closed by the next write.
    private bool _booked;

    /// <summary>
    /// Stores <paramref name="next"/> with its booking's intent in one write and books it. Returns the answer, or the
    /// refusal when a journal refused (then the transition is undone everywhere and the stored value put back).
    /// </summary>
    private async Task<ApplicationReply> BookAndStore(Application next, Actor who, ActorDto actor, string? idempotencyKey, string fingerprint)
    {
        var entry = next.History[^1];
        var attempt = state.State.Attempt;
        var plan = ApplicationBookings.PlanOf(Id, next, entry, attempt);
        // Every journal is asked first (in memory there): a commitment a source would refuse is refused before anything
        // is stored or booked, so nothing needs undoing.
        if (await SagaExecutor.CheckAsync(GrainFactory, plan) is { } wouldRefuse)
        {
            return BookingRefusal(next, entry, attempt, wouldRefuse.Movement.Id, wouldRefuse.Rejection);
        }
        await CloseBooked();
        state.State.Booking = new OpenBooking
        {
            Intent = new SagaIntent { Id = $"app:{Id}:{entry.Sequence}", Attempt = attempt, Phase = SagaPhase.Forward },
            Sequence = entry.Sequence,
            PreviousJson = state.State.Json!,
            Actor = actor,
            IdempotencyKey = idempotencyKey,
            Fingerprint = fingerprint,
        };
        SetValue(next);
        state.State.Attempt = 0;
        if (attempt != 0)
        {
            state.State.BookedAttempts[entry.Sequence] = attempt;
        }
        _booked = false;
        // One write: the transition, its intent, and (beside it, in parallel) the row of its whole history entry.
        await WriteWithRows();
        if (await RunBooking() is { } refused)
        {
            return refused;
        }
        var view = await Shown(Load(), who);
        if (idempotencyKey is not null)
        {
            _bookedAnswer = RememberedOf(view, fingerprint, entry.Sequence);
        }
        await IndexQuietly(next);
        return ApplicationReply.Success(view);
    }

    /// <summary>
    /// Finishes the open booking the way its intent says: forward (every journal's batch; replays what is there), or,
    /// after a refusal, undo everywhere and put the previous value back. Null when booked, else the refusal.
    /// </summary>
    private async Task<ApplicationReply?> RunBooking()
    {
        var booking = state.State.Booking!;
        var intent = booking.Intent;
        var app = Load();
        // The stored value's history is compact (no effects): the booked entry is read whole (from this activation's
        // newest entries, the state's unrowed ones, or its row).
        var entry = (await WholeEntries(app, booking.Sequence, booking.Sequence)).Single();
        var plan = ApplicationBookings.PlanOf(Id, app, entry, intent.Attempt);
        if (intent.Phase == SagaPhase.Forward)
        {
            var run = await SagaExecutor.RunAsync(GrainFactory, plan);
            if (run.Done)
            {
                _booked = true;
                return null;
            }
            // Refused after the check (a race). The decision to undo is stored first, so a crash while undoing is
            // finished by undoing, never by going forward.
            intent.Phase = SagaPhase.Compensating;
            intent.Refusal = run.Refusal!.Rejection;
            booking.RefusedMovement = run.Refusal.Movement.Id;
            await this.WriteOrDropAsync(state);
        }
        await SagaExecutor.CompensateAsync(GrainFactory, plan);
        // The transition is undone: the previous value comes back, and the next try uses fresh keys (these are spent).
        state.State.Json = booking.PreviousJson;
        ForgetEntriesAfter(booking.Sequence - 1);
        state.State.Attempt = intent.Attempt + 1;
        state.State.BookedAttempts.Remove(booking.Sequence);
        state.State.Booking = null;
        _booked = false;
        await this.WriteOrDropAsync(state);
        return BookingRefusal(app, entry, intent.Attempt, booking.RefusedMovement, intent.Refusal!);
    }

    // Closes a booked saga before the next write: its answer is remembered under its key (rebuilt from the value as it
    // still is, should this activation not have given it) and the intent goes, in that same write.
    private async Task CloseBooked()
    {
        if (state.State.Booking is not { } booking)
        {
            return;
        }
        if (!_booked)
        {
            throw new InvalidOperationException($"Application '{Id}' has a booking that is not finished.");
        }
        if (booking.IdempotencyKey is { } key)
        {
            Remember(key, _bookedAnswer ?? await AnswerOf(booking));
        }
        state.State.Booking = null;
        _bookedAnswer = null;
    }

    // The answer to the booked transition, rebuilt: the value has not changed since, so its view is that answer.
    private async Task<RememberedReply> AnswerOf(OpenBooking booking)
    {
        var who = ToActor(booking.Actor!) ?? throw new InvalidOperationException($"Application '{Id}': the booking's caller cannot be read.");
        return RememberedOf(await Shown(Load(), who), booking.Fingerprint, booking.Sequence);
    }

    // The answer to a retry of the booked transition's request (same key), or null when the key is not the booking's.
    private async Task<ApplicationReply?> ReplayBooked(string idempotencyKey, string fingerprint)
    {
        if (state.State.Booking is not { IdempotencyKey: { } key } booking || key != idempotencyKey)
        {
            return null;
        }
        if (booking.Fingerprint != fingerprint)
        {
            return KeyUsed(idempotencyKey);
        }
        _bookedAnswer ??= await AnswerOf(booking);
        return await Replay(_bookedAnswer);
    }

    // A booking refused by a journal: a commitment a source's budget cannot carry is the applicant's 422; anything else
    // means the journals were changed by hand, and is an error (after the transition was undone).
    private ApplicationReply BookingRefusal(Application app, HistoryEntry entry, int attempt, string? movementId, RejectionDto rejection)
    {
        var index = Enumerable.Range(0, entry.Effects.Count).FirstOrDefault(i => ApplicationBookings.Key(Id, entry.Sequence, attempt, i) == movementId);
        var effect = entry.Effects[index];
        if (rejection.Code != nameof(RejectionCode.LimitExceeded) || effect.Kind != LedgerEffectKind.Commit)
        {
            throw new InvalidOperationException($"Booking '{movementId}' was refused: {rejection.Code} {rejection.Message}");
        }
        var year = ApplicationBookings.GrantYear(app)!.Value;
        var what = app.Plan.Count == 1 ? "" : $" ('{effect.Source}' is short; all parts of the split were left untouched)";
        return ApplicationReply.Refused(ApplicationRefusalCode.LimitExceeded, "amount",
            $"The {year} budget of '{effect.Source}' cannot carry {effect.Amount}{what}: {rejection.Message}");
    }

    // Finishes what a failure left, before anything else: reservations of an attempt abandoned by the version before the
    // saga (ToVoid), a transition it left pending (Pending, read as an open booking), and an open booking.
    private async Task Recover()
    {
        await VoidAbandoned();
        if (state.State.Pending is { } pending)
        {
            // Written by the version before the saga: the new value was not yet stored; the attempt's keys are the same.
            var next = ApplicationJson.Deserialize(pending.Json);
            state.State.Booking = new OpenBooking
            {
                Intent = new SagaIntent { Id = $"app:{Id}:{next.History[^1].Sequence}", Attempt = state.State.Attempt, Phase = SagaPhase.Forward },
                Sequence = next.History[^1].Sequence,
                PreviousJson = state.State.Json!,
                Actor = pending.Actor,
                IdempotencyKey = pending.IdempotencyKey,
                Fingerprint = pending.Fingerprint,
            };
            // Compact as values are stored now; its newest entry kept whole until its row is written.
            SetValue(next);
            if (state.State.Attempt != 0)
            {
                state.State.BookedAttempts[next.History[^1].Sequence] = state.State.Attempt;
            }
            state.State.Attempt = 0;
            state.State.Pending = null;
        }
        if (state.State.Booking is not null && !_booked)
        {
            logger.LogWarning("Application {ApplicationId}: finishing a booking left open by an earlier failure", Id);
            await RunBooking();
            await IndexQuietly(Load());
        }
    }

    /// <summary>Voids the reservations of attempts abandoned by the version before the saga (idempotent).</summary>
    private async Task VoidAbandoned()
    {
        if (state.State.ToVoid.Count == 0)
        {
            return;
        }
        foreach (var r in state.State.ToVoid)
        {
            var voided = await Ledger(r.Journal).Execute(new LedgerRequest
            {
                Kind = LedgerRequestKind.VoidReservation,
                Key = SagaKeys.Of(r.Key, SagaKeys.Void),
                ValueDate = NodaTime.Text.LocalDatePattern.Iso.Parse(r.ValueDate).Value,
                ReservationKey = r.Key,
            });
            if (!voided.Succeeded && voided.Rejection?.Code != nameof(RejectionCode.ReservationClosed))
            {
                throw new InvalidOperationException($"Voiding reservation '{r.Key}' in {r.Journal} was refused: {voided.Rejection?.Code} {voided.Rejection?.Message}");
            }
        }
        state.State.ToVoid.Clear();
        await this.WriteOrDropAsync(state);
    }
}
