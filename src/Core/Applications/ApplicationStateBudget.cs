using System.Text.Json;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Documents;
using PvoFinance.Storage;

namespace PvoFinance.Applications;

/// <summary>
/// The worst case of what an application's stored state holds of its history, computed from the declared limits
/// (<see cref="ApplicationLimits.MaxHistoryEntries"/>, the longest texts and names) and checked against
/// <see cref="GrainStateLimits.MaxApplicationHistoryBytes"/>. Sizes are bytes as the grain storage serializer writes the
/// value: JSON text inside a JSON string, where every quote and non-ASCII character takes six bytes (<see cref="JsonWireSize"/>).
/// </summary>
public static class ApplicationStateBudget
{
    /// <summary>The longest funding source id an application names (the grain refuses longer ones).</summary>
    public const int MaxSourceIdLength = 100;

    /// <summary>
    /// Whole entries the state keeps until their history rows are known to be written: the newest always (its row is
    /// written beside the state, so the state cannot know), and those whose row write failed. At this many, the
    /// rows are written before the next transition is decided.
    /// </summary>
    public const int MaxUnrowedEntries = 2;

    /// <summary>Effects one transition asks for at most: a revocation or determination touches every source of the plan in up to four ways.</summary>
    public const int MaxEffectsPerEntry = 4 * CoFinancing.MaxParts;

    /// <summary>Bytes of the longest compact entry (<see cref="HistoryCompaction.Compact(HistoryEntry, bool)"/> without effects).</summary>
    public static long CompactEntryBytes { get; } = WireBytes(WorstEntry(ApplicationLimits.MaxHistoryEntries, withText: false, effects: 0));

    /// <summary>Bytes of the longest whole entry: longest reason and user id, most effects, longest source ids, a hash.</summary>
    public static long WholeEntryBytes { get; } = WireBytes(WorstEntry(ApplicationLimits.MaxHistoryEntries, withText: true, effects: MaxEffectsPerEntry, withHash: true));

    /// <summary>
    /// Bytes a hash adds to a compact entry: a recorded document's <c>documentSha256</c> (the longer of the two names) or a
    /// decision's <c>letterSha256</c>, 64 hex digits. An entry carries at most one.
    /// </summary>
    public static long HashBytes { get; } =
        WireBytes(WorstEntry(ApplicationLimits.MaxHistoryEntries, withText: false, effects: 0, withHash: true)) - CompactEntryBytes;

    /// <summary>
    /// Hashes the compact history keeps at most: one per recorded document (<see cref="DocumentLimits.MaxDocumentsPerApplication"/>,
    /// refused beyond by the workflow) and one per decision letter (<see cref="LetterLimits.MaxLettersPerApplication"/>, above
    /// the decisions the workflow allows).
    /// </summary>
    public const int MaxHashes = DocumentLimits.MaxDocumentsPerApplication + LetterLimits.MaxLettersPerApplication;

    /// <summary>
    /// Bytes of the longest compact history: <see cref="ApplicationLimits.MaxHistoryEntries"/> compact entries, the hashes
    /// they keep (<see cref="MaxHashes"/>), the first commitment's effects (one per source of the plan) and the carried
    /// fold (one position per source).
    /// </summary>
    public static long CompactHistoryBytes { get; } =
        ApplicationLimits.MaxHistoryEntries * CompactEntryBytes
        + MaxHashes * HashBytes
        + CoFinancing.MaxParts * WireBytes(WorstEffect())
        + CoFinancing.MaxParts * WireBytes(WorstPosition());

    /// <summary>
    /// Bytes of the hashes of every idempotency key answered (one per transition): <c>"0123456789abcdef":500,</c>, written
    /// as a JSON object member of the state (not inside a string).
    /// </summary>
    public const long KeyHashesBytes = ApplicationLimits.MaxHistoryEntries * (1L + 16 + 2 + 3 + 1);

    /// <summary>
    /// The most the history makes one stored state: the compact history twice (the value, and the value being booked
    /// while a transition's money is booked), the whole entries not yet known to be in rows plus the new one, and the
    /// hashes of the keys answered.
    /// </summary>
    public static long MaxHistoryBytes { get; } = 2 * CompactHistoryBytes + (MaxUnrowedEntries + 1) * WholeEntryBytes + KeyHashesBytes;

    /// <summary>Bytes of the longest schedule a value holds: <see cref="ApplicationLimits.MaxAdvances"/> advances of the longest date and amount.</summary>
    public static long ScheduleBytes { get; } =
        ApplicationLimits.MaxAdvances * WireBytes(new ScheduledAdvance(new LocalDate(9999, 12, 31), new Money(-Money.MaxCents)));

    /// <summary>
    /// Bytes a value holds besides its history and schedule: the title and theme at their longest, the plan, terms and
    /// split of <see cref="CoFinancing.MaxParts"/> sources, the figures, deadlines, a pending approval, an amendment and
    /// an accountability report. Declared, not computed (the value has many small members); a test builds the largest
    /// such value the rules allow and holds it under this.
    /// </summary>
    public const long ValueOtherBytes = 24 * 1024;

    /// <summary>
    /// Bytes of the state's own bookkeeping: the source id, the open booking's intent, actor, key and fingerprint, the
    /// booking attempts (at most one per entry) and the member names.
    /// </summary>
    public const long StateOtherBytes = 16 * 1024;

    /// <summary>
    /// The most an application's stored state takes, in bytes as the grain storage serializer writes it: its history
    /// (<see cref="MaxHistoryBytes"/>), the rest of the value twice (the value and the value being booked), its
    /// bookkeeping, the remembered answers and the room kept for one more. Held under
    /// <see cref="GrainStateLimits.MaxApplicationBytes"/> by a test.
    /// </summary>
    public static long WorstStateBytes { get; } =
        MaxHistoryBytes + 2 * (ScheduleBytes + ValueOtherBytes) + StateOtherBytes
        + GrainStateLimits.MaxApplicationRememberedBytes + GrainStateLimits.ApplicationAnswerHeadroomBytes;

    /// <summary>
    /// The worst entry of sequence <paramref name="sequence"/>, with or without its texts, with so many effects, and with or
    /// without a hash (a recorded document's, the longer member).
    /// </summary>
    public static HistoryEntry WorstEntry(int sequence, bool withText, int effects, bool withHash = false) => new(
        sequence,
        Instant.FromUtc(9999, 12, 31, 23, 59, 59).PlusNanoseconds(999_999_999),
        withText ? new string('<', Actor.MaxUserIdLength) : "",
        Longest<Role>(),
        Longest<ApplicationTrigger>(),
        Longest<ApplicationState>(),
        Longest<ApplicationState>(),
        withText ? new string('<', ApplicationLimits.MaxTextLength) : null,
        [.. Enumerable.Repeat(WorstEffect(), effects)],
        withText ? new string('<', Actor.MaxNameLength) : null,
        DocumentSha256: withHash ? new string('f', 64) : null);

    private static LedgerEffect WorstEffect() =>
        new(new string('<', MaxSourceIdLength), Longest<LedgerEffectKind>(), new Money(-Money.MaxCents), Longest<LedgerEffectKind>());

    private static SourcePosition WorstPosition()
    {
        var most = new Money(-Money.MaxCents);
        return new SourcePosition(new string('<', MaxSourceIdLength), new ApplicationAmounts(most, most, most, most, most, most));
    }

    private static long WireBytes<T>(T value) => JsonWireSize.Of(JsonSerializer.Serialize(value, ApplicationJson.Options)) + 1; // + the separating comma

    private static T Longest<T>() where T : struct, Enum => Enum.GetValues<T>().MaxBy(v => v.ToString().Length);
}
