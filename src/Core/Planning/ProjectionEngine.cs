namespace PvoFinance.Planning;

/// <summary>
/// Computes a scenario over a base: inhabitants per municipality and year, costs with indexation, income per source,
/// the ministry's co-financing with bonus/malus (budget-neutral when a pot is set), in-kind value and the gap.
/// Pure and deterministic: integer arithmetic only, every rounding half away from zero and done once per figure, splits
/// by largest remainder. The same base and scenario always give the same cents.
/// </summary>
public static class ProjectionEngine
{
    /// <summary>Runs <paramref name="scenario"/> over <paramref name="planningBase"/>.</summary>
    public static ScenarioRun Run(PlanningBase planningBase, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(planningBase);
        ArgumentNullException.ThrowIfNull(scenario);
        if (Math.Abs(scenario.Assumptions.PopulationGrowth.BasisPoints) > PlanningAssumptions.MaxGrowth
            || Math.Abs(scenario.Assumptions.Indexation.BasisPoints) > PlanningAssumptions.MaxIndexation)
        {
            throw new ArgumentException("Population growth is bounded to ±5 % and indexation to ±10 % a year.", nameof(scenario));
        }
        var run = new ScenarioRun(planningBase, scenario);
        var years = planningBase.Years;
        var regions = planningBase.Regions;
        ProjectInhabitants(planningBase, scenario.Assumptions.PopulationGrowth, run.Inhabitants);

        // National unit costs indexed year by year from the price year; before it, the price year's figures stand.
        var fteCost = new long[years];
        var dayCost = new long[years];
        var index = scenario.Assumptions.Indexation;
        long fte = StatusQuo.ManagerCostPerFte.Cents, day = StatusQuo.CcvDayCost.Cents;
        var pipelines = new long[regions];
        for (var r = 0; r < regions; r++)
        {
            pipelines[r] = planningBase.Plans[r].ProjectPipeline.Cents;
        }
        var pipelineByYear = new long[regions * years];
        // Each figure is grown once per year past the price year, rounded each year (as a budget is indexed yearly);
        // years up to the price year keep the price year's figures.
        var grownTo = StatusQuo.PriceYear;
        for (var t = 0; t < years; t++)
        {
            var year = planningBase.From + t;
            while (grownTo < year)
            {
                fte = index.Grow(fte);
                day = index.Grow(day);
                for (var r = 0; r < regions; r++)
                {
                    pipelines[r] = index.Grow(pipelines[r]);
                }
                grownTo++;
            }
            fteCost[t] = fte;
            dayCost[t] = day;
            for (var r = 0; r < regions; r++)
            {
                pipelineByYear[r * years + t] = pipelines[r];
            }
        }

        var rules = scenario.Rules;
        var mandate = scenario.Mandate;
        for (var r = 0; r < regions; r++)
        {
            var plan = planningBase.Plans[r];
            for (var t = 0; t < years; t++)
            {
                var cell = r * years + t;
                var inhabitants = run.Inhabitants[cell];
                var costs = run.Costs.AsSpan(cell * CostItems.Count, CostItems.Count);
                costs[(int)CostItem.Manager] = SignedPercentage.Scale(fteCost[t], plan.ManagerFte, 100);
                costs[(int)CostItem.CcvAdviser] = SignedPercentage.Scale(dayCost[t], (long)plan.CcvAdviserDaysPerWeek * StatusQuo.WeeksPerYear, 10);
                costs[(int)CostItem.Projects] = pipelineByYear[cell];

                var inKind = run.InKind.AsSpan(cell * CostItems.InKindCount, CostItems.InKindCount);
                inKind[(int)InKindItem.Manager] = plan.ManagerInKind ? costs[(int)CostItem.Manager] : 0;
                inKind[(int)InKindItem.CcvAdviser] = costs[(int)CostItem.CcvAdviser];

                var (committedScheme, committedProvince) = planningBase.Committed(r, t);
                var income = run.Income.AsSpan(cell * IncomeSources.Count, IncomeSources.Count);
                // What is committed replaces the assumption for the year (docs/planning.md, "Committed, assumed,
                // actual"): the assumption stands for what the line's funders are expected to give in all, so once they
                // have committed for a year the commitment is what the year has — neither topped up to the assumption
                // nor counted on top of it. Years nothing is committed for keep the assumption.
                income[(int)IncomeSource.RijkScheme] = committedScheme > 0 ? committedScheme : plan.RijkScheme.Cents;
                income[(int)IncomeSource.Province] = committedProvince > 0 ? committedProvince : plan.Province.Cents;
                var statusQuoLevy = plan.LevyRate.Times(inhabitants).Cents;
                income[(int)IncomeSource.MunicipalLevy] = mandate is null ? statusQuoLevy : mandate.Municipalities.Times(inhabitants).Cents;
                income[(int)IncomeSource.RijkPerInhabitant] = mandate is null ? 0 : mandate.Rijk.Times(inhabitants).Cents;
                income[(int)IncomeSource.ProvincePerInhabitant] = mandate is null ? 0 : mandate.Province.Times(inhabitants).Cents;
                income[(int)IncomeSource.ProjectOverhead] = plan.OverheadRate.Of(new Money(costs[(int)CostItem.Projects])).Cents;
                income[(int)IncomeSource.Private] = plan.Private.Cents;

                // The score is measured on current arrangements (status-quo levy, no scenario money), so a scenario's
                // own money never moves its score and the solver's search stays monotone.
                var regional = income[(int)IncomeSource.Province] + statusQuoLevy + income[(int)IncomeSource.ProjectOverhead] + income[(int)IncomeSource.Private];
                var denominator = regional + income[(int)IncomeSource.RijkScheme];
                var met = plan.Facts & ~(1 << (int)MaturityCriterion.RegionalCoFunding);
                if (denominator > 0 && (Int128)regional * 10_000 >= (Int128)rules.CoFundingThreshold.BasisPoints * denominator)
                {
                    met |= 1 << (int)MaturityCriterion.RegionalCoFunding;
                }
                var score = rules.Score(met);
                run.Scores[cell] = score;
                run.Adjustments[cell] = rules.AdjustmentFor(score).BasisPoints;
            }
        }

        if (scenario.CoFinancing is { } co)
        {
            if (co.Pot is { } pot)
            {
                BudgetNeutral(run, pot);
            }
            else
            {
                for (var cell = 0; cell < regions * years; cell++)
                {
                    var costTotal = 0L;
                    for (var c = 0; c < CostItems.Count; c++)
                    {
                        costTotal += run.Costs[cell * CostItems.Count + c];
                    }
                    // rate × costs × (1 + adjustment), formed exactly and rounded once.
                    var amount = SignedPercentage.Scale(costTotal, (long)co.Rate.BasisPoints * (SignedPercentage.MaxBasisPoints + run.Adjustments[cell]), 100_000_000);
                    run.Income[cell * IncomeSources.Count + (int)IncomeSource.RijkCoFinancing] = amount;
                }
            }
        }
        return run;
    }

    /// <summary>How many municipality-years one run computes (for throughput figures).</summary>
    public static long Cells(PlanningBase planningBase) => (long)planningBase.Municipalities * planningBase.Years;

    // Inhabitants of every municipality grown year by year from its region's reference year (the CBS count of 2024,
    // or a recorded year), each rounded to a whole person (a municipality has whole inhabitants); a region's count is
    // the sum of its municipalities. Years up to the reference year keep the reference count: the plan looks ahead,
    // it does not reconstruct the past.
    private static void ProjectInhabitants(PlanningBase b, SignedPercentage growth, long[] target)
    {
        var current = (long[])b.BaseInhabitants.Clone();
        var lastYear = b.From + b.Years - 1;
        // The hottest loop of a sweep. Counts are whole, 0..PopulationHistory.MaxInhabitants (times at most 1.05 a
        // year for the years of a horizon stays far below 2^31), so count × (10,000 + growth) fits a long and a
        // constant divisor lets the JIT replace the division by a multiplication. Same rounding as
        // SignedPercentage.Grow (half up; counts are never negative).
        var factor = (long)SignedPercentage.MaxBasisPoints + growth.BasisPoints;
        System.Diagnostics.Debug.Assert(factor > 0, "growth is bounded to -5 %");
        for (var r = 0; r < b.Regions; r++)
        {
            var first = b.MunicipalityStart[r];
            var end = b.MunicipalityStart[r + 1];
            var referenceYear = b.PopulationYears[r];
            var sum = 0L;
            for (var m = first; m < end; m++)
            {
                sum += current[m];
            }
            for (var t = 0; t < b.Years && b.From + t <= referenceYear; t++)
            {
                target[r * b.Years + t] = sum;
            }
            for (var year = referenceYear + 1; year <= lastYear; year++)
            {
                sum = 0;
                for (var m = first; m < end; m++)
                {
                    var grown = ((current[m] * factor) + 5_000) / 10_000;
                    current[m] = grown;
                    sum += grown;
                }
                var t = year - b.From;
                if (t >= 0)
                {
                    target[r * b.Years + t] = sum;
                }
            }
        }
    }

    // The pot is split over the regions by inhabitants (largest remainder). Regions in a malus band give up their
    // malus; the maluses together are paid to the regions in a bonus band, pro rata to the bonus each would earn on
    // its base. With no bonus region the maluses stay where they are (there is nobody to pay them to and the pot is
    // fixed); with no malus there is no bonus. Either way the regions' amounts add up to the pot exactly.
    private static void BudgetNeutral(ScenarioRun run, Money pot)
    {
        var b = run.Base;
        var weights = new long[b.Regions];
        var entitlements = new long[b.Regions];
        for (var t = 0; t < b.Years; t++)
        {
            for (var r = 0; r < b.Regions; r++)
            {
                weights[r] = run.Inhabitants[r * b.Years + t];
            }
            var anyone = false;
            foreach (var w in weights)
            {
                anyone |= w > 0;
            }
            var bases = anyone ? Allocation.Split(pot, weights) : new Money[b.Regions];
            long maluses = 0, entitled = 0;
            for (var r = 0; r < b.Regions; r++)
            {
                var adjustment = new SignedPercentage(run.Adjustments[r * b.Years + t]);
                entitlements[r] = adjustment.BasisPoints > 0 ? adjustment.Of(bases[r].Cents) : 0;
                entitled += entitlements[r];
                if (adjustment.BasisPoints < 0)
                {
                    maluses -= adjustment.Of(bases[r].Cents);
                }
            }
            var payMaluses = maluses > 0 && entitled > 0;
            var bonuses = payMaluses ? Allocation.Split(new Money(maluses), entitlements) : null;
            long total = 0;
            for (var r = 0; r < b.Regions; r++)
            {
                var adjustment = new SignedPercentage(run.Adjustments[r * b.Years + t]);
                var amount = bases[r].Cents;
                if (payMaluses)
                {
                    amount += adjustment.BasisPoints < 0 ? adjustment.Of(bases[r].Cents) : bonuses![r].Cents;
                }
                run.Income[(r * b.Years + t) * IncomeSources.Count + (int)IncomeSource.RijkCoFinancing] = amount;
                total += amount;
            }
            if (total != pot.Cents)
            {
                throw new InvalidOperationException($"Invariant broken: a budget-neutral year paid {total} cents from a pot of {pot.Cents}.");
            }
        }
    }
}
