using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;

namespace PvoFinance.Core.Tests.Applications;

public sealed class TierRulesTests
{
    [Theory]
    [InlineData("0.01", AccountabilityTier.A)]
    [InlineData("25000", AccountabilityTier.A)]
    [InlineData("25000.01", AccountabilityTier.B)]
    [InlineData("124999.99", AccountabilityTier.B)]
    [InlineData("125000", AccountabilityTier.C)]
    [InlineData("125000.01", AccountabilityTier.C)]
    public void Default_thresholds_follow_the_uniform_subsidiekader(string amount, AccountabilityTier tier) =>
        Assert.Equal(tier, TierRules.Default.TierOf(M(amount)));

    [Fact]
    public void The_comparator_at_exactly_the_tier_C_threshold_is_configurable()
    {
        var strictlyAbove = new TierRules(M("25000"), M("125000"), TierBoundary.AboveThresholdIsTierC);
        Assert.Equal(AccountabilityTier.B, strictlyAbove.TierOf(M("125000")));
        Assert.Equal(AccountabilityTier.C, strictlyAbove.TierOf(M("125000.01")));
        Assert.Equal(AccountabilityTier.C, TierRules.Default.TierOf(M("125000")));
    }

    [Fact]
    public void A_municipal_scheme_can_set_its_own_thresholds()
    {
        var veenendaal = new TierRules(M("5000"), M("50000"), TierBoundary.AboveThresholdIsTierC);
        Assert.Equal(AccountabilityTier.A, veenendaal.TierOf(M("5000")));
        Assert.Equal(AccountabilityTier.B, veenendaal.TierOf(M("5000.01")));
        Assert.Equal(AccountabilityTier.B, veenendaal.TierOf(M("50000")));
        Assert.Equal(AccountabilityTier.C, veenendaal.TierOf(M("50000.01")));
    }

    [Fact]
    public void Each_tier_asks_for_its_own_evidence_and_approvers()
    {
        Assert.Equal(new TierRequirements(false, false, false, false, 1), TierRules.Requirements(AccountabilityTier.A));
        Assert.Equal(new TierRequirements(true, true, false, false, 1), TierRules.Requirements(AccountabilityTier.B));
        Assert.Equal(new TierRequirements(true, true, true, true, 2), TierRules.Requirements(AccountabilityTier.C));
    }

    [Theory]
    [InlineData("0", "125000")]
    [InlineData("125000", "125000")]
    [InlineData("130000", "125000")]
    public void Unordered_or_empty_thresholds_are_refused(string a, string c) =>
        Assert.Throws<ArgumentException>(() => new TierRules(M(a), M(c), TierBoundary.AtThresholdIsTierC));
}
