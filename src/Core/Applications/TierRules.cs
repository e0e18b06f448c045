namespace PvoFinance.Applications;

/// <summary>
/// A scheme's accountability tiers: tier A up to and including <see cref="TierALimit"/>, tier C from
/// <see cref="TierCThreshold"/> (the comparator at exactly the threshold is <see cref="Boundary"/>), tier B between.
/// </summary>
/// <remarks>
/// Bodies differ (Gelderland, RVO and municipal ASVs use other amounts and wordings) and thresholds change over
/// time, so the rules are a value stored with each application: the rule version used is the one it was
/// granted under.
/// </remarks>
public sealed record TierRules
{
    /// <summary>The Uniform subsidiekader defaults: A ≤ €25,000; C from €125,000 (≥, Gelderland's wording).</summary>
    public static TierRules Default { get; } = new(Money.FromCents(25_000_00), Money.FromCents(125_000_00), TierBoundary.AtThresholdIsTierC);

    /// <summary>Creates tier rules; the thresholds must be positive and ordered.</summary>
    /// <exception cref="ArgumentException">A non-positive limit, or tier C starting at or below tier A's limit.</exception>
    public TierRules(Money tierALimit, Money tierCThreshold, TierBoundary boundary)
    {
        if (tierALimit.Cents <= 0 || tierCThreshold <= tierALimit)
        {
            throw new ArgumentException("Tier rules need 0 < tier A limit < tier C threshold.");
        }
        if (!Enum.IsDefined(boundary))
        {
            throw new ArgumentException("Unknown tier boundary.", nameof(boundary));
        }
        TierALimit = tierALimit;
        TierCThreshold = tierCThreshold;
        Boundary = boundary;
    }

    /// <summary>The largest amount that is still tier A (inclusive).</summary>
    public Money TierALimit { get; }

    /// <summary>Where tier C starts; see <see cref="Boundary"/> for an amount exactly equal to it.</summary>
    public Money TierCThreshold { get; }

    /// <summary>Whether exactly <see cref="TierCThreshold"/> is tier C or tier B.</summary>
    public TierBoundary Boundary { get; }

    /// <summary>The tier of a granted amount.</summary>
    public AccountabilityTier TierOf(Money granted)
    {
        if (granted <= TierALimit)
        {
            return AccountabilityTier.A;
        }
        var isC = Boundary == TierBoundary.AtThresholdIsTierC ? granted >= TierCThreshold : granted > TierCThreshold;
        return isC ? AccountabilityTier.C : AccountabilityTier.B;
    }

    /// <summary>What a tier requires.</summary>
    public static TierRequirements Requirements(AccountabilityTier tier) => tier switch
    {
        AccountabilityTier.A => new(Accountability: false, Results: false, Costs: false, AuditorStatement: false, Approvers: 1),
        AccountabilityTier.B => new(Accountability: true, Results: true, Costs: false, AuditorStatement: false, Approvers: 1),
        _ => new(Accountability: true, Results: true, Costs: true, AuditorStatement: true, Approvers: 2),
    };
}
