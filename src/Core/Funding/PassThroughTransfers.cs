namespace PvoFinance.Funding;

/// <summary>
/// How a payment through an intermediary (the CCV) is named in the ledger, so the leg that passes money on can be
/// traced back to the leg that brought it in. A payment <c>p</c> of source <c>s</c> through an intermediary is two
/// transfers: <c>pay:s:p:1</c> from the source's year journal to the intermediary's journal, then <c>pay:s:p:2</c>
/// from the intermediary to the region. A transfer writes <c>&lt;transfer&gt;:reserve</c> and
/// <c>&lt;transfer&gt;:post</c> in the sending journal (the posted leg is the post) and
/// <c>&lt;transfer&gt;:credit</c> in the receiving one.
/// </summary>
public static class PassThroughTransfers
{
    /// <summary>The key suffix of a transfer's leg in the receiving journal.</summary>
    public const string Credit = "credit";

    /// <summary>The key suffix of a transfer's posted leg in the sending journal.</summary>
    public const string Post = "post";

    /// <summary>The transfer id of a payment's first leg: source to intermediary.</summary>
    public static string ToIntermediary(string sourceId, string paymentId) => $"pay:{sourceId}:{paymentId}:1";

    /// <summary>The transfer id of a payment's second leg: intermediary to region.</summary>
    public static string FromIntermediary(string sourceId, string paymentId) => $"pay:{sourceId}:{paymentId}:2";

    /// <summary>
    /// Reads an entry key written by a pass-through payment: the payment's first leg's transfer id, which leg (1 or 2)
    /// and which step (<see cref="Credit"/>, <see cref="Post"/>, or another). False for every other key. Source and
    /// payment ids hold no ':', so the key is read from its end.
    /// </summary>
    public static bool TryRead(string key, out string firstLeg, out int leg, out string step)
    {
        ArgumentNullException.ThrowIfNull(key);
        (firstLeg, leg, step) = ("", 0, "");
        if (!key.StartsWith("pay:", StringComparison.Ordinal))
        {
            return false;
        }
        var stepColon = key.LastIndexOf(':');
        var legColon = stepColon > 0 ? key.LastIndexOf(':', stepColon - 1) : -1;
        // pay:<source>:<payment>:<leg>:<step> — the leg is one digit, and source and payment are both there.
        if (legColon < 0 || stepColon - legColon != 2 || key[legColon + 1] is not ('1' or '2') || key.AsSpan(4, legColon - 4).IndexOf(':') <= 0)
        {
            return false;
        }
        leg = key[legColon + 1] - '0';
        firstLeg = string.Concat(key.AsSpan(0, legColon), ":1");
        step = key[(stepColon + 1)..];
        return true;
    }
}
