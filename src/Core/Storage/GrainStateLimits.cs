namespace PvoFinance.Storage;

/// <summary>
/// The declared maximum size of every grain state, in bytes as the grain storage serializer writes them. Each state
/// is one table entity, and an entity holds at most <see cref="EntityBytes"/>; a state that would pass its bound is
/// refused before it is written (<c>StateWrites.WriteOrDropAsync</c>), so an operation that would make it too large
/// fails with a permanent, named refusal instead of a write that storage refuses and every later write failing too.
/// </summary>
public static class GrainStateLimits
{
    /// <summary>The most one table entity holds of a state: 15 binary properties of 64 KiB (983,040 bytes).</summary>
    public const int EntityBytes = 15 * 64 * 1024;

    /// <summary>
    /// Bytes left for what the check cannot see: the entity's keys, ETag, timestamps and property names. A bound is
    /// <see cref="EntityBytes"/> less this, so a state under its bound is always accepted by storage.
    /// </summary>
    public const int EntityOverheadBytes = 16 * 1024;

    /// <summary>
    /// An application: its value (with its compact history, <see cref="MaxApplicationHistoryBytes"/>), a transition being
    /// booked (a second copy of the value while money is being booked), the whole entries not yet in rows, and the
    /// remembered answers (at most <c>ApplicationGrain.MaxRememberedChars</c>).
    /// </summary>
    public const int MaxApplicationBytes = EntityBytes - EntityOverheadBytes;

    /// <summary>
    /// What an application's history may take of <see cref="MaxApplicationBytes"/> at its longest
    /// (<c>ApplicationStateBudget.MaxHistoryBytes</c>, computed from the limits; a test holds it under this): the
    /// compact history twice and a few whole entries. The whole history is in rows (issue 14); the rest of the bound is
    /// for the value's other members and the remembered answers.
    /// </summary>
    public const int MaxApplicationHistoryBytes = 544 * 1024;

    /// <summary>
    /// Room kept for one more remembered answer when an application checks a transition before booking it: the check
    /// measures the intent, and the final write adds one answer without history (a few kilobytes; this is generous).
    /// </summary>
    public const int ApplicationAnswerHeadroomBytes = 64 * 1024;

    /// <summary>
    /// A funding source: its definition, years, invoices, counts, running totals and newest few commitments; its
    /// commitments and payments are rows (<c>IFundingRowStore</c>). Every collection of the state has its own
    /// count bound (<c>FundingSourceStateBounds</c>), so this byte bound is reached only by an unusual mix; when it is,
    /// the operation is refused.
    /// </summary>
    public const int MaxFundingSourceBytes = EntityBytes - EntityOverheadBytes;

    /// <summary>A region: its settings and budget lines.</summary>
    public const int MaxRegionBytes = EntityBytes - EntityOverheadBytes;

    /// <summary>A planning scenario and the index of scenarios.</summary>
    public const int MaxScenarioBytes = EntityBytes - EntityOverheadBytes;

    /// <summary>A transfer: its legs and the saga's progress (a few hundred bytes).</summary>
    public const int MaxTransferBytes = EntityBytes - EntityOverheadBytes;

    /// <summary>The registry of funding sources (their ids).</summary>
    public const int MaxRegistryBytes = EntityBytes - EntityOverheadBytes;

    /// <summary>A region's application list (one summary per application; to become rows, issue 14).</summary>
    public const int MaxApplicationListBytes = EntityBytes - EntityOverheadBytes;

    /// <summary>The declared bound of every grain state, by the name of its type. A state type missing here cannot be written.</summary>
    public static IReadOnlyDictionary<string, int> Bounds { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["ApplicationGrainState"] = MaxApplicationBytes,
        ["FundingSourceState"] = MaxFundingSourceBytes,
        ["RegionState"] = MaxRegionBytes,
        ["ScenarioGrainState"] = MaxScenarioBytes,
        ["ScenarioIndexState"] = MaxScenarioBytes,
        ["TransferState"] = MaxTransferBytes,
        ["FundingRegistryState"] = MaxRegistryBytes,
        ["ApplicationIndexState"] = MaxApplicationListBytes,
    };

    /// <summary>The declared bound of a state by the name of its type.</summary>
    /// <exception cref="ArgumentException">The state type declares no bound (add it to <see cref="Bounds"/>).</exception>
    public static int MaxBytesOf(string stateTypeName) => Bounds.TryGetValue(stateTypeName, out var max)
        ? max
        : throw new ArgumentException($"Grain state '{stateTypeName}' declares no maximum size in {nameof(GrainStateLimits)}.", nameof(stateTypeName));
}
