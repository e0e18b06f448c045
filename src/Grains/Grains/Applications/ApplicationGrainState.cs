using PvoFinance.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// The stored application: its <see cref="Application"/> as JSON text (<see cref="ApplicationJson"/>), format 3: with its
/// funding plan and a compact history, the whole entries being rows (<c>ApplicationGrain.History.cs</c>).
/// </summary>
[GenerateSerializer]
public sealed class ApplicationGrainState
{
    /// <summary>
    /// The format of <see cref="Json"/>: 3 is <see cref="ApplicationJson"/> as it is now, with a compact history
    /// (<see cref="HistoryCompaction"/>); 2 held the whole history; 1 predates funding plans (<see cref="ApplicationUpgrade"/>).
    /// Formats 1 and 2 are moved to rows on activation.
    /// </summary>
    [Id(0)] public int Version { get; set; }

    /// <summary>The application value; null until created.</summary>
    [Id(1)] public string? Json { get; set; }

    /// <summary>The funding source applied to (the lead of the plan).</summary>
    [Id(2)] public string? SourceId { get; set; }

    /// <summary>
    /// Successful answers by idempotency key: the most recent <see cref="ApplicationGrain.MaxRemembered"/>, fewer when their
    /// texts pass <see cref="ApplicationGrain.MaxRememberedBytes"/>. Each keeps its answer without the history, which is
    /// rebuilt from the application's own (append-only) history on a replay.
    /// </summary>
    [Id(3)] public Dictionary<string, RememberedReply> Replies { get; set; } = [];

    /// <summary>The keys of <see cref="Replies"/>, oldest first.</summary>
    [Id(4)] public List<string> ReplyOrder { get; set; } = [];

    /// <summary>
    /// The booking attempt of the next transition: raised when a refused booking was undone, so the next try uses fresh
    /// ledger keys; back to 0 once a transition is stored.
    /// </summary>
    [Id(5)] public int Attempt { get; set; }

    /// <summary>Reservations of an attempt abandoned by the version before the saga, still to void (read, finished, never written again).</summary>
    [Id(6)] public List<HeldReservation> ToVoid { get; set; } = [];

    /// <summary>The booking attempt of each history entry booked in an attempt other than 0 (its ledger keys carry it).</summary>
    [Id(7)] public Dictionary<int, int> BookedAttempts { get; set; } = [];

    /// <summary>
    /// A decided transition being booked, as the version before the saga wrote it (the new value here, the old one in
    /// <see cref="Json"/>). Read only: the next call turns it into a <see cref="Booking"/> and finishes it.
    /// </summary>
    [Id(8)] public PendingTransition? Pending { get; set; }

    /// <summary>
    /// Whole history entries (JSON, <see cref="ApplicationJson"/>) whose rows are not known to be written: the newest
    /// (its row is written beside this state) and any whose row write failed; at most
    /// <see cref="ApplicationStateBudget.MaxUnrowedEntries"/>, written again with every change.
    /// </summary>
    [Id(9)] public List<string> Unrowed { get; set; } = [];

    /// <summary>
    /// A short hash of every idempotency key answered since the history went to rows, with the sequence it answered: a key
    /// here but no longer in <see cref="Replies"/> is answered from its row (<see cref="StoredReply"/>); one per
    /// transition at most, so bounded by <see cref="ApplicationLimits.MaxHistoryEntries"/>.
    /// </summary>
    [Id(10)] public Dictionary<string, int> KeyHashes { get; set; } = [];

    /// <summary>
    /// The open booking saga of the last transition, stored in the same write as the transition (whose new value is
    /// <see cref="Json"/>). While open, the next call or activation finishes it before anything else — forward, or by
    /// undoing it and putting <see cref="OpenBooking.PreviousJson"/> back — so the ledger never holds money of a
    /// transition the file lacks, nor the file a transition the ledger lacks. Closed by the next write.
    /// </summary>
    [Id(11)] public OpenBooking? Booking { get; set; }
}

/// <summary>A transition decided and being booked (see <see cref="ApplicationGrainState.Pending"/>).</summary>
/// <param name="Json">The application after the transition.</param>
/// <param name="Actor">Who asked, for the answer kept under the idempotency key.</param>
/// <param name="IdempotencyKey">The request's key, if any.</param>
/// <param name="Fingerprint">The request's fingerprint.</param>
[GenerateSerializer, Immutable]
public sealed record PendingTransition([property: Id(0)] string Json, [property: Id(1)] ActorDto Actor, [property: Id(2)] string? IdempotencyKey, [property: Id(3)] string Fingerprint);

/// <summary>A reservation held in a journal under a key.</summary>
[GenerateSerializer, Immutable]
public sealed record HeldReservation([property: Id(0)] string Journal, [property: Id(1)] string Key, [property: Id(2)] string ValueDate);

/// <summary>
/// A successful answer kept for its idempotency key, without its history: the history is append-only and each entry
/// is shown the same way for ever, so the answer is rebuilt exactly from the entries up to <paramref name="Sequence"/>.
/// Keeping the history here made every remembered answer grow with the application (issue 14).
/// </summary>
/// <param name="Fingerprint">The request's fingerprint (user, action and canonical body).</param>
/// <param name="Reply">A whole answer as remembered by the previous version, under its name and id then (read, never written: it is replayed as it was).</param>
/// <param name="Sequence">The last history sequence the answer showed.</param>
/// <param name="Status">The answer's status.</param>
/// <param name="Json">The answer's view as JSON (<see cref="ApplicationJson.Options"/>) with an empty history, filled in again on a replay.</param>
/// <param name="Window">How many of the newest entries up to <paramref name="Sequence"/> the answer showed; 0 for all (answers remembered before the view showed only the newest).</param>
[GenerateSerializer, Immutable]
public sealed record RememberedReply([property: Id(0)] string Fingerprint, [property: Id(1)] LegacyApplicationReply? Reply, [property: Id(2)] int Sequence,
    [property: Id(3)] int Status, [property: Id(4)] string? Json, [property: Id(5)] int Window = 0)
{
    /// <summary>
    /// Bytes this answer takes in the stored state (what <see cref="ApplicationGrain.MaxRememberedBytes"/> bounds): its
    /// texts as the serializer escapes them (<see cref="JsonWireSize"/>: a quote of the view is six bytes) and
    /// <see cref="FixedBytes"/> for its member names and numbers.
    /// </summary>
    public long Bytes => FixedBytes + JsonWireSize.Of(Fingerprint) + JsonWireSize.Of(Json ?? "") + JsonWireSize.Of(Reply?.Json ?? "");

    /// <summary>Bytes of an answer's member names, numbers and punctuation, whatever its texts.</summary>
    public const int FixedBytes = 128;
}

/// <summary>
/// A whole answer as an earlier version remembered it: a status and the view as JSON text (with its history), or a
/// refusal. Stored, so its members keep their names and ids; read to replay, never written.
/// </summary>
/// <param name="Status">The answer's HTTP status.</param>
/// <param name="Json">The view as JSON text (<see cref="ApplicationJson.Options"/>).</param>
/// <param name="Code">The refusal's code, if it was one.</param>
/// <param name="Field">The refusal's field.</param>
/// <param name="Reason">The refusal's reason.</param>
[GenerateSerializer, Immutable]
public sealed record LegacyApplicationReply(
    [property: Id(0)] int Status,
    [property: Id(1)] string? Json,
    [property: Id(2)] string? Code,
    [property: Id(3)] string? Field,
    [property: Id(4)] string? Reason);
