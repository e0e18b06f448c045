using System.Globalization;

namespace PvoFinance.Ledger;

/// <summary>
/// The one key scheme of every saga (see docs/ledger.md, "Sagas"). A saga is made of movements; each movement has an
/// id <c>M</c> that is unique in the service (a transfer id, <c>commit:&lt;id&gt;:&lt;attempt&gt;</c>,
/// <c>app:&lt;id&gt;:&lt;sequence&gt;[r&lt;attempt&gt;]:&lt;effect&gt;</c>), and every ledger entry it makes is keyed
/// <c>M</c> or <c>M:&lt;step&gt;</c>. Keys are unique per journal, so the same step name may appear in each journal a
/// movement touches. These are the keys the three earlier implementations used, so entries written before the
/// saga was one mechanism are recognised as the same movement on a retry.
/// </summary>
public static class SagaKeys
{
    /// <summary>Suffix of a transfer's reservation in the sending journal.</summary>
    public const string Reserve = "reserve";

    /// <summary>Suffix of a posted reservation (a hold's or a transfer's) in the journal that reserved it.</summary>
    public const string Post = "post";

    /// <summary>Suffix of a transfer's leg in the receiving journal.</summary>
    public const string Credit = "credit";

    /// <summary>Suffix of a voided reservation (only written by the earlier implementations; still recognised).</summary>
    public const string Void = "void";

    /// <summary>Suffix of the reversal that undoes a movement's posted entry in one journal after a late refusal.</summary>
    public const string Undo = "undo";

    /// <summary>Longest suffix (with its colon) a movement id must leave room for under <see cref="LedgerLimits.MaxKeyChars"/>.</summary>
    public const int MaxSuffixChars = 10;

    /// <summary>Longest movement id.</summary>
    public const int MaxMovementIdChars = LedgerLimits.MaxKeyChars - MaxSuffixChars;

    /// <summary>The key of step <paramref name="step"/> of movement <paramref name="movementId"/>.</summary>
    public static string Of(string movementId, string step) => $"{movementId}:{step}";

    /// <summary>The movement id of a multi-year commitment in attempt <paramref name="attempt"/>.</summary>
    public static string Commitment(string commitmentId, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"commit:{commitmentId}:{attempt}");

    /// <summary>The movement id of effect <paramref name="index"/> of an application's history entry <paramref name="sequence"/> in attempt <paramref name="attempt"/>.</summary>
    public static string ApplicationEffect(string appId, int sequence, int attempt, int index) => attempt == 0
        ? string.Create(CultureInfo.InvariantCulture, $"app:{appId}:{sequence}:{index}")
        : string.Create(CultureInfo.InvariantCulture, $"app:{appId}:{sequence}r{attempt}:{index}");
}
