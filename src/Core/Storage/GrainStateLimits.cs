namespace PvoFinance.Storage;

/// <summary>
/// The declared maximum size of every grain state, in bytes as the grain storage serializer writes them. Each state
/// is one table entity, and a state that would pass its bound is refused before it is written
/// (<c>StateWrites.WriteOrDropAsync</c>), so an operation that would make it too large fails with a permanent, named
/// refusal instead of a write that storage refuses and every later write failing too.
/// </summary>
/// <remarks>
/// How the table counts a state (issue 14, confirmed in Azurite's source and by <c>EntitySizeTests</c>): the storage
/// provider writes the serialized bytes as binary columns of at most 64 KiB (<see cref="EntityBytes"/> in all). Azure
/// charges a binary column its length (1 MiB per entity, strings as UTF-16, plus keys and property names), but Azurite
/// (3.37, <c>TableHandler.checkEntityLimit</c>) checks the UTF-8 length of the update's JSON request body against
/// 1 MiB, where binary columns travel base64-encoded: 4 bytes for every 3. So a state of 786,312 bytes was accepted by
/// the old bound (966,656) and refused by Azurite (1,048,416 bytes of base64 alone). <see cref="MaxStateBytes"/> is the
/// most whose request body stays under 1 MiB; it is far under Azure's own count too.
/// </remarks>
public static class GrainStateLimits
{
    /// <summary>The most the storage provider puts in one entity: 15 binary properties of 64 KiB (983,040 bytes).</summary>
    public const int EntityBytes = 15 * 64 * 1024;

    /// <summary>The most an entity's write request may carry (Azurite) and an entity may take (Azure): 1 MiB.</summary>
    public const int EntityRequestBytes = 1024 * 1024;

    /// <summary>
    /// Bytes of the write request that are not the state's base64: the keys (service id, grain type and an id of at
    /// most a few hundred characters), 15 property names with their <c>@odata.type</c> annotations, the base64 padding
    /// of each 64 KiB column and the JSON punctuation — under 2 KiB, rounded up generously.
    /// </summary>
    public const int EntityOverheadBytes = 8 * 1024;

    /// <summary>
    /// The most bytes any grain state may have: base64 of it (4 bytes per 3) plus <see cref="EntityOverheadBytes"/>
    /// stays within <see cref="EntityRequestBytes"/> (780,288 bytes).
    /// </summary>
    public const int MaxStateBytes = (EntityRequestBytes - EntityOverheadBytes) / 4 * 3;

    /// <summary>The bytes of the write request a state of <paramref name="stateBytes"/> makes, as Azurite counts it.</summary>
    public static long RequestBytesOf(long stateBytes) => 4 * ((stateBytes + 2) / 3) + EntityOverheadBytes;

    /// <summary>
    /// An application: its value (with its compact history and schedule) twice while a transition is booked, the
    /// whole entries not yet in rows, the hashes of the keys answered and the newest remembered answers
    /// (<see cref="MaxApplicationRememberedBytes"/>); its worst case, computed from the limits, is
    /// <c>ApplicationStateBudget.WorstStateBytes</c>, and a test holds it under this bound.
    /// </summary>
    public const int MaxApplicationBytes = MaxStateBytes;

    /// <summary>
    /// What an application's history may take of <see cref="MaxApplicationBytes"/> at its longest
    /// (<c>ApplicationStateBudget.MaxHistoryBytes</c>, computed from the limits; a test holds it under this): the
    /// compact history twice and a few whole entries. The whole history is in rows (issue 14).
    /// </summary>
    public const int MaxApplicationHistoryBytes = 544 * 1024;

    /// <summary>
    /// The remembered answers an application keeps in its state, in bytes as stored (older ones are forgotten first;
    /// every answer is also in its history row, so the state keeps only the newest few, to replay them without a read).
    /// The answers of the last two transitions stay until their rows are written, whatever their size: with
    /// <see cref="ApplicationAnswerHeadroomBytes"/> each at most, they fit this share and the headroom together.
    /// </summary>
    public const int MaxApplicationRememberedBytes = 64 * 1024;

    /// <summary>
    /// Room kept for one more remembered answer when an application checks a transition before booking it: the check
    /// measures the intent, and the final write adds one answer without history (a view without its history; a test
    /// holds the longest under this).
    /// </summary>
    public const int ApplicationAnswerHeadroomBytes = 48 * 1024;

    /// <summary>
    /// A funding source: its definition, years, invoices, counts, running totals and newest few commitments; its
    /// commitments and payments are rows (<c>IFundingRowStore</c>). Every collection of the state has its own
    /// count bound (<c>FundingSourceStateBounds</c>), so this byte bound is reached only by an unusual mix; when it is,
    /// the operation is refused.
    /// </summary>
    public const int MaxFundingSourceBytes = MaxStateBytes;

    /// <summary>A region: its settings and budget lines.</summary>
    public const int MaxRegionBytes = MaxStateBytes;

    /// <summary>A planning scenario and the index of scenarios.</summary>
    public const int MaxScenarioBytes = MaxStateBytes;

    /// <summary>A transfer: its legs and the saga's progress (a few hundred bytes).</summary>
    public const int MaxTransferBytes = MaxStateBytes;

    /// <summary>The registry of funding sources (their ids).</summary>
    public const int MaxRegistryBytes = MaxStateBytes;

    /// <summary>A region's application list (one summary per application; to become rows, issue 14).</summary>
    public const int MaxApplicationListBytes = MaxStateBytes;

    /// <summary>A distribution: its request and at most ten parts (a few kilobytes).</summary>
    public const int MaxDistributionBytes = 64 * 1024;

    /// <summary>
    /// Banking (issue 17): one party's bank account (a few hundred bytes); a payment batch (at most
    /// <c>PaymentBatchLimits.MaxPayments</c> lines of two accounts each, about 400 KB at worst); the batch registry's
    /// reservations (to become rows when confirmed batches' reservations pile up).
    /// </summary>
    public const int MaxBankingBytes = MaxStateBytes;

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
        ["DistributionState"] = MaxDistributionBytes,
        ["BankDetailsState"] = MaxBankingBytes,
        ["PaymentBatchGrainState"] = MaxBankingBytes,
        ["PaymentBatchRegistryState"] = MaxBankingBytes,
    };

    /// <summary>The declared bound of a state by the name of its type.</summary>
    /// <exception cref="ArgumentException">The state type declares no bound (add it to <see cref="Bounds"/>).</exception>
    public static int MaxBytesOf(string stateTypeName) => Bounds.TryGetValue(stateTypeName, out var max)
        ? max
        : throw new ArgumentException($"Grain state '{stateTypeName}' declares no maximum size in {nameof(GrainStateLimits)}.", nameof(stateTypeName));
}
