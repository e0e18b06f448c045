using PvoFinance.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Planning;

/// <summary>
/// The status quo of the ten regions, seeded from the 2019 field report as digested in DOMAIN.md and from the region
/// profiles (<see cref="RegionProfiles.Seed"/>). The report gives organisation, staffing and a few rates; it gives almost
/// no euro amounts, so most amounts here are assumptions, marked as such in <see cref="RegionPlan.Source"/> and in
/// docs/planning.md. They are a starting point the ministry replaces by editing scenarios, not facts.
/// </summary>
public static class StatusQuo
{
    /// <summary>The year whose prices the cost parameters are in.</summary>
    public const int PriceYear = 2026;

    /// <summary>The reference year of the shipped inhabitants (CBS, 1 January 2024).</summary>
    public const int PopulationYear = 2024;

    /// <summary>Cost of one FTE PVO-manager a year, salary and overhead (assumption: scale-10/11 civil servant, 2026).</summary>
    public static Money ManagerCostPerFte { get; } = Money.FromCents(90_000_00);

    /// <summary>Cost of one CCV adviser day (assumption: an internal day rate of €800).</summary>
    public static Money CcvDayCost { get; } = Money.FromCents(800_00);

    /// <summary>Working weeks a year (assumption: 52 weeks less holidays and leave).</summary>
    public const int WeeksPerYear = 46;

    /// <summary>Yearly cost indexation (assumption: 2.5 %, near recent wage and price indexation).</summary>
    public static SignedPercentage Indexation { get; } = new(2_50);

    /// <summary>Yearly population growth per municipality (assumption: 0.4 %, CBS forecasts for the coming years lie near it).</summary>
    public static SignedPercentage PopulationGrowth { get; } = new(40);

    /// <summary>
    /// Themes of the pipeline: the national themes of DOMAIN.md and local ones. Weights are assumptions (cybercrime
    /// and ondermijning as the ministry's earmarked priorities weigh most).
    /// </summary>
    public static IReadOnlyList<ThemeShare> DefaultThemes { get; } =
    [
        new("cybercrime", 30), new("ondermijning", 25), new("winkelcriminaliteit", 20), new("overvallen", 10), new("afpersing", 5), new("lokaal", 10),
    ];

    /// <summary>The ten regions' status quo, in the order of <see cref="RegionDefinition.All"/>.</summary>
    public static IReadOnlyList<RegionPlan> Regions { get; } = From(RegionProfiles.Seed);

    /// <summary>The status quo of one region.</summary>
    public static RegionPlan For(string regionId) => Regions.First(r => r.RegionId == regionId);

    /// <summary>
    /// The status quo with the regions' profiles as they stand now (a PVO-manager may have corrected the seeded FTE,
    /// provider or CCV days): the manager's cost and in-kind value, the CCV days, formal governance and the 0.50 FTE
    /// criterion follow the profile. A region missing from <paramref name="profiles"/> keeps its seeded profile.
    /// </summary>
    public static IReadOnlyList<RegionPlan> From(IReadOnlyDictionary<string, RegionProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        RegionPlan Plan(string id, long pipeline, long scheme, long province, long levy, long privateMoney, int overhead,
            bool offer, bool onTime, bool mayor, bool business, string source) =>
            StatusQuo.Plan(profiles.GetValueOrDefault(id) ?? RegionProfiles.Seed[id], id, pipeline, scheme, province, levy, privateMoney, overhead, offer, onTime, mayor, business, source);

        // Per region: pipeline, Rijk scheme, province, levy rate (ten-thousandths), private, overhead (basis points),
        // concrete offer, accountability on time, mayor as chair, business at the table, and the source note.
        // Organisation form, FTE, who provides the manager and CCV days come from the region profile.
        var plans = new List<RegionPlan>
        {
            Plan("noord-nederland", 150_000, 60_000, 0, 0, 10_000, 0, offer: true, onTime: true, mayor: true, business: true,
                "Mayor of De Wolden chairs; KHN, TLN, VNO-NCW at the table (profile). Manager FTE not stated: 0.50 assumed. Amounts: assumptions."),
            Plan("oost-nederland", 150_000, 60_000, 0, 0, 10_000, 0, offer: true, onTime: false, mayor: false, business: true,
                "About 150 talks a year (DOMAIN.md); no body to account to, so not on time (DOMAIN.md). Manager FTE not stated: 0.50 assumed. Amounts: assumptions."),
            Plan("midden-nederland", 150_000, 60_000, 0, 0, 10_000, 0, offer: true, onTime: true, mayor: false, business: false,
                "23 awareness evenings in 2018 (DOMAIN.md); under RVS (cybercrime), so cybercrime weighs 50. Manager FTE not stated: 0.50 assumed. Amounts: assumptions."),
            Plan("noord-holland", 200_000, 60_000, 50_000, 500, 10_000, 0, offer: true, onTime: true, mayor: false, business: true,
                "Foundation, manager full time (profile); municipalities fund through Noord-Holland Samen Veilig (DOMAIN.md): €0.05 per inhabitant assumed; province's economic affairs: €50,000 assumed."),
            Plan("amsterdam-amstelland", 250_000, 60_000, 0, 0, 15_000, 0, offer: true, onTime: true, mayor: true, business: true,
                "Covenant programme chaired by the mayor, manager 30 h (profile). Amounts: assumptions."),
            Plan("den-haag", 120_000, 60_000, 0, 0, 10_000, 0, offer: false, onTime: true, mayor: false, business: false,
                "Under RSIV; not enough support for a levy (DOMAIN.md); coordinator has little time for the PVO, so no concrete offer assumed. Manager FTE not stated: 0.50 assumed."),
            Plan("rotterdam", 200_000, 60_000, 0, 1_000, 10_000, 0, offer: true, onTime: true, mayor: false, business: false,
                "VAR funded per inhabitant (DOMAIN.md); the rate is not stated: €0.10 assumed. Manager FTE not stated: 0.50 assumed. Amounts: assumptions."),
            Plan("zeeland-west-brabant", 50_000, 30_000, 0, 0, 0, 0, offer: false, onTime: false, mayor: false, business: false,
                "Being set up; the CCV adviser acts as manager 3 days a week (profile). Amounts: assumptions."),
            Plan("oost-brabant", 50_000, 30_000, 25_000, 2_500, 0, 0, offer: false, onTime: false, mayor: false, business: false,
                "Being set up, no manager funded (profile); safety fund of €0.25 per inhabitant (DOMAIN.md); province support (coalition agreement): €25,000 assumed."),
            Plan("limburg", 400_000, 60_000, 250_000, 0, 25_000, 15_00, offer: true, onTime: true, mayor: false, business: true,
                "Foundation; province the big funder, three years on a plan (DOMAIN.md): €250,000 a year assumed; manager paid from project overhead: 15 % and 1.00 FTE assumed; MKB Limburg, LLTB, LWV at the table."),
        };
        System.Diagnostics.Debug.Assert(plans.Select(p => p.RegionId).SequenceEqual(RegionDefinition.All.Select(r => r.Id)), "status quo in region order");
        return plans;
    }

    private static RegionPlan Plan(RegionProfile profile, string id, long pipeline, long scheme, long province, long levy, long privateMoney, int overhead,
        bool offer, bool onTime, bool mayor, bool business, string source)
    {
        // Limburg pays its manager from overhead: one FTE assumed while the profile names no hours (the report names
        // none). Unknown FTE elsewhere: 0.50, the lower end of what the report recommends.
        int? knownFte = profile.ManagerFte ?? (id == "limburg" ? 100 : null);
        var fte = knownFte ?? 50;
        var inKind = profile.ManagerProvidedBy is "police" or "municipality" or "CCV";
        // The report says the CCV gives most PVOs two days a week; where the profile is silent, two days.
        var ccvDays = profile.CcvAdviserDaysPerWeek ?? 20;
        var facts = 0;
        if (profile.Form is OrganisationForm.Foundation or OrganisationForm.EmbeddedInRegionalCooperation)
        {
            facts |= 1 << (int)MaturityCriterion.FormalGovernance;
        }
        if (mayor)
        {
            facts |= 1 << (int)MaturityCriterion.MayorAsChair;
        }
        if (business)
        {
            facts |= 1 << (int)MaturityCriterion.BusinessAtTheTable;
        }
        // Only a known FTE counts: an unknown one is not shown to meet the recommendation.
        if (knownFte is >= 50)
        {
            facts |= 1 << (int)MaturityCriterion.ManagerHalfFte;
        }
        if (offer)
        {
            facts |= 1 << (int)MaturityCriterion.ConcreteOffer;
        }
        if (onTime)
        {
            facts |= 1 << (int)MaturityCriterion.AccountabilityOnTime;
        }
        IReadOnlyList<ThemeShare> themes = id == "midden-nederland"
            ? [new("cybercrime", 50), new("ondermijning", 20), new("winkelcriminaliteit", 15), new("overvallen", 5), new("afpersing", 5), new("lokaal", 5)]
            : DefaultThemes;
        return new RegionPlan(id, fte, inKind, ccvDays,
            Money.FromCents(pipeline * 100), new Percentage(overhead), Money.FromCents(scheme * 100), Money.FromCents(province * 100),
            new Rate(levy), Money.FromCents(privateMoney * 100), facts, themes, source);
    }
}
