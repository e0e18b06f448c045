namespace PvoFinance.Planning;

/// <summary>
/// How a maturity score is built and what it earns: a weight per criterion (a met criterion adds its weight), the
/// share of regional co-funding that counts as met, and score bands with their bonus or malus.
/// </summary>
/// <param name="Weights">One weight per <see cref="MaturityCriterion"/>, in order, each 0..<see cref="PlanningLimits.MaxWeight"/>.</param>
/// <param name="CoFundingThreshold">The regional share of cash income at or above which <see cref="MaturityCriterion.RegionalCoFunding"/> is met.</param>
/// <param name="Bands">Bands by ascending <see cref="ScoreBand.MinScore"/>; the first starts at 0.</param>
public sealed record MaturityRules(IReadOnlyList<int> Weights, Funding.Percentage CoFundingThreshold, IReadOnlyList<ScoreBand> Bands)
{
    /// <summary>
    /// The default rule (an assumption; the field report names the criteria, not their weights): the five organisation
    /// criteria and co-funding 15 points each, accountability 10, so 100 in all; 50 % co-funding counts as met; below
    /// 40 points a 20 % malus, from 70 points a 20 % bonus.
    /// </summary>
    public static MaturityRules Default { get; } = new(
        [15, 15, 15, 15, 15, 10, 15],
        new Funding.Percentage(50_00),
        [new(0, new(-20_00)), new(40, new(0)), new(70, new(20_00))]);

    /// <summary>The highest score possible: the sum of the weights.</summary>
    public int MaxScore => Weights.Sum();

    /// <summary>The score of a region that meets <paramref name="met"/> (a bit per criterion, bit i = criterion i).</summary>
    public int Score(int met)
    {
        var score = 0;
        for (var i = 0; i < MaturityCriteria.Count; i++)
        {
            if ((met & (1 << i)) != 0)
            {
                score += Weights[i];
            }
        }
        return score;
    }

    /// <summary>The adjustment of the highest band whose minimum the score reaches.</summary>
    public SignedPercentage AdjustmentFor(int score)
    {
        var adjustment = Bands[0].Adjustment;
        for (var i = 1; i < Bands.Count && Bands[i].MinScore <= score; i++)
        {
            adjustment = Bands[i].Adjustment;
        }
        return adjustment;
    }

    /// <summary>The first problem, or null. Field names are relative to <paramref name="prefix"/>.</summary>
    public PlanningProblem? Validate(string prefix)
    {
        if (Weights is null || Weights.Count != MaturityCriteria.Count)
        {
            return new($"{prefix}.weights", $"One weight per criterion ({string.Join(", ", MaturityCriteria.All.Select(MaturityCriteria.Name))}).");
        }
        for (var i = 0; i < Weights.Count; i++)
        {
            if (Weights[i] is < 0 or > PlanningLimits.MaxWeight)
            {
                return new($"{prefix}.weights.{MaturityCriteria.Name(MaturityCriteria.All[i])}", $"A weight is a whole number 0..{PlanningLimits.MaxWeight}.");
            }
        }
        if (Bands is null || Bands.Count is 0 or > PlanningLimits.MaxBands)
        {
            return new($"{prefix}.bands", $"1..{PlanningLimits.MaxBands} score bands, the first from score 0.");
        }
        for (var i = 0; i < Bands.Count; i++)
        {
            var band = Bands[i];
            if (band is null)
            {
                return new($"{prefix}.bands[{i}]", "A band needs minScore and adjustment.");
            }
            if (i == 0 && band.MinScore != 0)
            {
                return new($"{prefix}.bands[0].minScore", "The first band starts at score 0, so every score has a band.");
            }
            if (i > 0 && band.MinScore <= Bands[i - 1].MinScore)
            {
                return new($"{prefix}.bands[{i}].minScore", "Bands go up by minScore, each higher than the one before.");
            }
            if (band.MinScore > MaturityCriteria.Count * PlanningLimits.MaxWeight)
            {
                return new($"{prefix}.bands[{i}].minScore", $"minScore is at most {MaturityCriteria.Count * PlanningLimits.MaxWeight}.");
            }
            if (Math.Abs(band.Adjustment.BasisPoints) > SignedPercentage.MaxBasisPoints)
            {
                return new($"{prefix}.bands[{i}].adjustment", "An adjustment lies between -100 and 100 %.");
            }
        }
        return null;
    }
}
