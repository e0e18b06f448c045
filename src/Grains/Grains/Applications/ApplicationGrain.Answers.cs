using System.Text.Json;
using System.Text.Json.Serialization;
using PvoFinance.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Storage;
using PvoFinance.Telemetry;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// What a transition answers and keeps: the size check before anything is stored, the store of a transition without
/// money, and the answers remembered under idempotency keys (stored as JSON rows and state: storage, not the wire)
/// and replayed as the same typed answer.
/// </summary>
public sealed partial class ApplicationGrain
{
    // Refuses, before anything is written or booked, a transition whose stored state would pass the declared bound:
    // measured as the intent write (old value, new value, remembered answers) plus room for the new answer.
    private ApplicationReply? TooLarge(Application next, ActorDto actor, string? idempotencyKey, string fingerprint)
    {
        var s = state.State;
        var intent = new ApplicationGrainState
        {
            Version = FormatVersion,
            Json = s.Json,
            SourceId = s.SourceId,
            Replies = s.Replies,
            ReplyOrder = s.ReplyOrder,
            Attempt = s.Attempt,
            ToVoid = s.ToVoid,
            BookedAttempts = s.BookedAttempts,
            Unrowed = [.. s.Unrowed, JsonSerializer.Serialize(next.History[^1], ApplicationJson.Options)],
            KeyHashes = s.KeyHashes,
            Booking = new OpenBooking
            {
                Intent = new Sagas.SagaIntent { Id = $"app:{Id}:{next.History[^1].Sequence}" },
                Sequence = next.History[^1].Sequence,
                PreviousJson = ApplicationJson.Serialize(HistoryCompaction.Compact(next)),
                Actor = actor,
                IdempotencyKey = idempotencyKey,
                Fingerprint = fingerprint,
            },
        };
        var bytes = this.MeasureBytes(intent) + GrainStateLimits.ApplicationAnswerHeadroomBytes;
        if (bytes <= GrainStateLimits.MaxApplicationBytes)
        {
            return null;
        }
        LedgerTelemetry.StateTooLarge.Add(1, new KeyValuePair<string, object?>("state", nameof(ApplicationGrainState)));
        return ApplicationReply.Refused(ApplicationRefusalCode.LimitExceeded, "application",
            $"Application '{Id}' has reached the size it may have ({bytes:N0} of at most {GrainStateLimits.MaxApplicationBytes:N0} bytes with this change); nothing was changed. Shorter reasons leave room for more steps.");
    }

    // Stores the new value (and the answer under its key); clears what was pending.
    private async Task<ApplicationReply> Store(Application app, Actor who, string? idempotencyKey, string fingerprint)
    {
        await CloseBooked();
        SetValue(app);
        state.State.Attempt = 0;
        ApplicationView view;
        try
        {
            view = await Shown(app, who);
        }
        catch
        {
            // The answer's figures could not be read and nothing above is stored yet. Without dropping this activation
            // it would keep the new value in memory without the pending transition or the answer under its key, and a
            // retry with the same key would be judged afresh against it. Reloaded, the retry finishes and answers it.
            DeactivateOnIdle();
            throw;
        }
        if (idempotencyKey is not null)
        {
            var sequence = app.History.Count == 0 ? 0 : app.History[^1].Sequence;
            Remember(idempotencyKey, RememberedOf(view, fingerprint, sequence));
        }
        await WriteWithRows();
        // The transition is stored and booked: a list that cannot be told now must not turn that into an error.
        // It is told again when this application next activates or changes.
        await IndexQuietly(app);
        return ApplicationReply.Success(view);
    }

    private void Remember(string key, RememberedReply reply)
    {
        state.State.Replies[key] = reply;
        state.State.ReplyOrder.Add(key);
        state.State.KeyHashes[ApplicationHistoryLimits.KeyHash(key)] = reply.Sequence;
        // A key is stored twice (the answers' name and the order), each in quotes with a separator.
        static long KeyBytes(string k) => 2 * (JsonWireSize.Of(k) + 3);
        var bytes = state.State.ReplyOrder.Sum(k => KeyBytes(k) + (state.State.Replies.TryGetValue(k, out var r) ? r.Bytes : 0));
        // The answers of this transition and the one before are kept whatever their size: their rows are written with this
        // transition's (History.cs, RepliesOf). Each is at most GrainStateLimits.ApplicationAnswerHeadroomBytes.
        bool KeptForRow(string k) => state.State.Replies.TryGetValue(k, out var r) && r.Sequence >= reply.Sequence - 1;
        while (state.State.ReplyOrder.Count > MaxRemembered
            || (bytes > MaxRememberedBytes && state.State.ReplyOrder.Count > 1 && !KeptForRow(state.State.ReplyOrder[0])))
        {
            var oldest = state.State.ReplyOrder[0];
            if (state.State.Replies.Remove(oldest, out var gone))
            {
                bytes -= gone.Bytes;
            }
            bytes -= KeyBytes(oldest);
            state.State.ReplyOrder.RemoveAt(0);
        }
    }

    // The answer as remembered under a key: its view without the history, as JSON (storage, not the wire), and the
    // sequence and window of history it showed, shown again from the rows on a replay.
    private static RememberedReply RememberedOf(ApplicationView view, string fingerprint, int sequence) =>
        new(fingerprint, null, sequence, 200, JsonSerializer.Serialize(view with { History = [] }, ApplicationJson.Options), ShownHistoryEntries);

    // A remembered answer as first given: its view with the history entries up to the sequence it showed (the newest of
    // them when it showed a window), read from the rows, each shown as it was then (entries never change once stored, nor
    // do their booking attempts). An answer remembered before the view counted its history showed all of it: its count
    // is what it showed.
    private async Task<ApplicationReply> Replay(RememberedReply seen)
    {
        if (seen.Reply is { } whole)
        {
            var old = RememberedView(whole.Json);
            return ApplicationReply.Success(old.HistoryCount == 0 ? old with { HistoryCount = old.History.Count } : old, whole.Status == 201);
        }
        var shown = await Window(Load(), seen.Sequence, seen.Window);
        var view = RememberedView(seen.Json) with { History = shown };
        return ApplicationReply.Success(view.HistoryCount == 0 ? view with { HistoryCount = shown.Count } : view, seen.Status == 201);
    }

    // Remembered views are read leniently: a member an older version wrote and this one no longer has is left out.
    private static readonly JsonSerializerOptions RememberedOptions = new(ApplicationJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    private ApplicationView RememberedView(string? json) =>
        JsonSerializer.Deserialize<ApplicationView>(json ?? "null", RememberedOptions)
            ?? throw new InvalidOperationException($"Application '{Id}': a remembered answer has no view.");
}
