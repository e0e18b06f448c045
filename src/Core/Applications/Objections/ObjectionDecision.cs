namespace PvoFinance.Applications;

/// <summary>
/// The decision on the open objection (Awb 7:11). Founded revises the contested decision: an objection to a rejection
/// names the <see cref="Grant"/> that replaces it; one to a determination names the new <see cref="Determined"/> amount.
/// A founded objection to a grant, an amendment or a revocation is recorded; the revision itself is then taken through
/// the ordinary actions (an amendment) — no money moves by this decision then.
/// </summary>
/// <param name="Founded">True when the objection succeeds.</param>
/// <param name="Reason">The motivation (Awb 7:12); required.</param>
/// <param name="Grant">For a founded objection to a rejection: the grant that replaces it.</param>
/// <param name="Determined">For a founded objection to a determination: the revised final amount.</param>
public sealed record ObjectionDecision(bool Founded, string Reason, GrantDecision? Grant = null, Money? Determined = null)
{
    /// <summary>The amount the revision moves to (the grant's or the determination's), zero when it moves no money.</summary>
    public Money Amount => Grant?.Amount ?? Determined ?? Money.Zero;

    /// <summary>A canonical text of what is decided, for a second approver's check (tier C).</summary>
    public string Terms(Application app) =>
        $"objection {(Founded ? "founded" : "unfounded")} " + (Grant is { } g ? g.Terms(CoFinancing.GrantSplit(app, g)) : Determined is { } d ? "determine " + d : "");
}
