using System.Text.Json;
using PvoFinance.Funding;

namespace PvoFinance.Planning;

/// <summary>A per-inhabitant mandate as text: exact amounts with at most four decimals.</summary>
public sealed record MandateDocument(string? Rijk = null, string? Province = null, string? Municipalities = null);

/// <summary>The weight of each maturity criterion; a missing weight is 0.</summary>
public sealed record WeightsDocument(int FormalGovernance = 0, int MayorAsChair = 0, int BusinessAtTheTable = 0, int ManagerHalfFte = 0, int ConcreteOffer = 0, int AccountabilityOnTime = 0, int RegionalCoFunding = 0);

/// <summary>A score band as text.</summary>
public sealed record BandDocument(int MinScore, string? Adjustment = null);

/// <summary>Co-financing as text. <c>pot</c> set makes it budget-neutral; missing weights, threshold or bands take the defaults.</summary>
public sealed record CoFinancingDocument(string? Rate = null, string? Pot = null, WeightsDocument? Weights = null, string? CoFundingThreshold = null, IReadOnlyList<BandDocument>? Bands = null);

/// <summary>
/// A scenario as it travels and is stored: exact decimal strings, never numbers with a fraction, so nothing is rounded
/// on the way. <see cref="TryParse"/> refuses anything out of bounds; <see cref="From"/> writes the canonical form, so a
/// stored scenario reads back to the same bytes.
/// </summary>
public sealed record ScenarioDocument(
    string? Name,
    string? Description,
    MandateDocument? PerInhabitant,
    CoFinancingDocument? CoFinancing,
    string? Indexation,
    string? PopulationGrowth)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The canonical document of a scenario.</summary>
    public static ScenarioDocument From(Scenario s)
    {
        var co = s.CoFinancing;
        return new ScenarioDocument(
            s.Name,
            s.Description,
            s.Mandate is { } m ? new MandateDocument(m.Rijk.ToString(), m.Province.ToString(), m.Municipalities.ToString()) : null,
            co is null ? null : new CoFinancingDocument(
                co.Rate.ToString(),
                co.Pot?.ToString(),
                new WeightsDocument(co.Rules.Weights[0], co.Rules.Weights[1], co.Rules.Weights[2], co.Rules.Weights[3], co.Rules.Weights[4], co.Rules.Weights[5], co.Rules.Weights[6]),
                co.Rules.CoFundingThreshold.ToString(),
                [.. co.Rules.Bands.Select(b => new BandDocument(b.MinScore, b.Adjustment.ToString()))]),
            s.Assumptions.Indexation.ToString(),
            s.Assumptions.PopulationGrowth.ToString());
    }

    /// <summary>The canonical JSON text of a scenario (what is stored and hashed).</summary>
    public static string Serialize(Scenario s) => JsonSerializer.Serialize(From(s), Json);

    /// <summary>Reads stored JSON; a stored scenario that no longer parses fails loudly.</summary>
    public static Scenario Deserialize(string json)
    {
        var doc = JsonSerializer.Deserialize<ScenarioDocument>(json, Json) ?? throw new InvalidDataException("A stored scenario is empty.");
        var (scenario, problem) = doc.TryParse();
        return scenario ?? throw new InvalidDataException($"A stored scenario is not valid: {problem!.Field}: {problem.Reason}");
    }

    /// <summary>The scenario, or the first problem with the document (field names as a client sends them).</summary>
    public (Scenario? Scenario, PlanningProblem? Problem) TryParse()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > PlanningLimits.MaxNameChars || Name.Any(char.IsControl))
        {
            return Fail("name", $"A name of 1..{PlanningLimits.MaxNameChars} characters without control characters is required.");
        }
        var description = Description ?? "";
        if (description.Length > PlanningLimits.MaxDescriptionChars || description.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            return Fail("description", $"At most {PlanningLimits.MaxDescriptionChars} characters, no control characters but line breaks and tabs.");
        }
        PerInhabitantMandate? mandate = null;
        if (PerInhabitant is { } p)
        {
            if (ParseRate("perInhabitant.rijk", p.Rijk, out var rijk) is { } e1)
            {
                return (null, e1);
            }
            if (ParseRate("perInhabitant.province", p.Province, out var province) is { } e2)
            {
                return (null, e2);
            }
            if (ParseRate("perInhabitant.municipalities", p.Municipalities, out var municipalities) is { } e3)
            {
                return (null, e3);
            }
            mandate = new PerInhabitantMandate(rijk, province, municipalities);
        }
        CoFinancing? coFinancing = null;
        if (CoFinancing is { } c)
        {
            var (parsed, problem) = ParseCoFinancing(c);
            if (parsed is null)
            {
                return (null, problem);
            }
            coFinancing = parsed;
        }
        var indexation = StatusQuo.Indexation;
        if (Indexation is not null && !SignedPercentage.TryParse(Indexation, -PlanningAssumptions.MaxIndexation, PlanningAssumptions.MaxIndexation, out indexation, out var ie))
        {
            return Fail("indexation", ie!);
        }
        var growth = StatusQuo.PopulationGrowth;
        if (PopulationGrowth is not null && !SignedPercentage.TryParse(PopulationGrowth, -PlanningAssumptions.MaxGrowth, PlanningAssumptions.MaxGrowth, out growth, out var ge))
        {
            return Fail("populationGrowth", ge!);
        }
        return (new Scenario(Name, description, mandate, coFinancing, new PlanningAssumptions(indexation, growth)), null);
    }

    private static (CoFinancing?, PlanningProblem?) ParseCoFinancing(CoFinancingDocument c)
    {
        var rate = default(Percentage);
        if (c.Rate is not null && !Percentage.TryParse(c.Rate, out rate, out var re))
        {
            return (null, new("coFinancing.rate", re!));
        }
        Money? pot = null;
        if (c.Pot is not null)
        {
            if (!Money.TryParse(c.Pot, out var potValue, out var pe) || potValue.Cents < 0 || potValue.Cents > MaxPotCents)
            {
                return (null, new("coFinancing.pot", pe ?? $"The pot is an amount from 0 to {Money.FromCents(MaxPotCents)} a year."));
            }
            pot = potValue;
        }
        if (c.Rate is null && pot is null)
        {
            return (null, new("coFinancing.rate", "Co-financing needs a rate (share of costs) or a pot (budget-neutral)."));
        }
        var defaults = MaturityRules.Default;
        IReadOnlyList<int> weights = c.Weights is { } w
            ? [w.FormalGovernance, w.MayorAsChair, w.BusinessAtTheTable, w.ManagerHalfFte, w.ConcreteOffer, w.AccountabilityOnTime, w.RegionalCoFunding]
            : defaults.Weights;
        var threshold = defaults.CoFundingThreshold;
        if (c.CoFundingThreshold is not null && !Percentage.TryParse(c.CoFundingThreshold, out threshold, out var te))
        {
            return (null, new("coFinancing.coFundingThreshold", te!));
        }
        IReadOnlyList<ScoreBand> bands = defaults.Bands;
        if (c.Bands is not null)
        {
            if (c.Bands.Count is 0 or > PlanningLimits.MaxBands)
            {
                return (null, new("coFinancing.bands", $"1..{PlanningLimits.MaxBands} score bands, the first from score 0."));
            }
            var list = new List<ScoreBand>(c.Bands.Count);
            for (var i = 0; i < c.Bands.Count; i++)
            {
                var b = c.Bands[i];
                if (b is null)
                {
                    return (null, new($"coFinancing.bands[{i}]", "A band needs minScore and adjustment."));
                }
                if (!SignedPercentage.TryParse(b.Adjustment, -SignedPercentage.MaxBasisPoints, SignedPercentage.MaxBasisPoints, out var adj, out var ae))
                {
                    return (null, new($"coFinancing.bands[{i}].adjustment", ae!));
                }
                list.Add(new ScoreBand(b.MinScore, adj));
            }
            bands = list;
        }
        var rules = new MaturityRules(weights, threshold, bands);
        if (rules.Validate("coFinancing") is { } problem)
        {
            return (null, problem);
        }
        return (new CoFinancing(rate, rules, pot), null);
    }

    /// <summary>The largest budget-neutral pot: €10 billion a year, far above any PVO budget.</summary>
    public const long MaxPotCents = 10_000_000_000_00;

    private static PlanningProblem? ParseRate(string field, string? text, out Rate rate)
    {
        if (!Rate.TryParse(text, out rate, out var error))
        {
            return new(field, error!);
        }
        return rate.TenThousandths > PerInhabitantMandate.MaxTenThousandths
            ? new(field, $"At most {new Rate(PerInhabitantMandate.MaxTenThousandths)} per inhabitant.")
            : null;
    }

    private static (Scenario?, PlanningProblem?) Fail(string field, string reason) => (null, new(field, reason));
}
