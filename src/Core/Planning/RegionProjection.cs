using System.Text.Json.Serialization;

namespace PvoFinance.Planning;

/// <summary>An amount on a named line, as exact text (<c>1234.50</c>).</summary>
/// <param name="Line">The line's API name, e.g. <c>municipal-levy</c>.</param>
/// <param name="Amount">The amount.</param>
public sealed record AmountLine(string Line, string Amount);

/// <summary>What a projection's figure rests on (docs/planning.md, "Committed, assumed, actual").</summary>
public static class ProjectionBasis
{
    /// <summary>Money a funder committed in the ledger for the year.</summary>
    public const string Committed = "committed";

    /// <summary>An assumption of the status quo or the scenario (nothing committed covers it), or a figure computed from one.</summary>
    public const string Assumed = "assumed";

    /// <summary>What the ledger recorded (money received, in kind given) or a counted number (inhabitants of a recorded year).</summary>
    public const string Actual = "actual";
}

/// <summary>One source's commitment inside a committed income line.</summary>
/// <param name="Source">The funding source's id (empty when the ledger reader did not name it).</param>
/// <param name="Amount">What it committed to the region for the year.</param>
/// <param name="LastYear">
/// True when this is the last year of the source's commitment: it committed nothing for the next year. The last year of
/// the horizon is only marked when the year after it was read (<see cref="EdgeCommitments"/>).
/// </param>
public sealed record CommittedPart(string Source, string Amount, bool LastYear);

/// <summary>A figure of a projection with what it rests on.</summary>
/// <param name="Line">The line's API name, e.g. <c>province</c>.</param>
/// <param name="Amount">The amount, exact text.</param>
/// <param name="Basis"><see cref="ProjectionBasis.Committed"/>, <see cref="ProjectionBasis.Assumed"/> or <see cref="ProjectionBasis.Actual"/>.</param>
/// <param name="Commitments">For a committed line: the sources' commitments it is made of, by source id; otherwise absent.</param>
/// <param name="EndedIn">
/// For an assumed line whose funders committed in an earlier year of the horizon but not in this one: the last year
/// committed (the assumption applies again after it); otherwise absent.
/// </param>
/// <param name="Note">What the basis means here, in words (the end of a commitment); otherwise absent.</param>
public sealed record ProjectionLine(
    string Line,
    string Amount,
    string Basis,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CommittedPart>? Commitments = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? EndedIn = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note = null);

/// <summary>The ledger's figures for a year, beside the plan.</summary>
/// <param name="Received">Cash received per income line (every line, zero included), each with basis <c>actual</c>.</param>
/// <param name="Cash">All cash received.</param>
/// <param name="Committed">Committed by schemes and provinces.</param>
/// <param name="InKind">In-kind value recorded.</param>
/// <param name="CashVersusPlan">Cash received minus planned cash income (negative: behind plan).</param>
public sealed record ActualsView(IReadOnlyList<ProjectionLine> Received, string Cash, string Committed, string InKind, string CashVersusPlan);

/// <summary>One year of a region's projection.</summary>
/// <param name="Year">The year.</param>
/// <param name="Inhabitants">Inhabitants on 1 January (grown by the scenario's assumption).</param>
/// <param name="InhabitantsBasis"><c>actual</c> for a counted year (up to the region's reference year), <c>assumed</c> for a grown one.</param>
/// <param name="Income">Cash income per line, in <see cref="IncomeSource"/> order, each committed or assumed.</param>
/// <param name="CashIncome">The sum of <paramref name="Income"/>.</param>
/// <param name="CashIncomeBasis"><c>committed</c> when every line with money is committed, else <c>assumed</c>.</param>
/// <param name="InKind">In-kind value per line, apart from cash (assumed).</param>
/// <param name="InKindTotal">The sum of <paramref name="InKind"/>.</param>
/// <param name="Costs">Costs per line (assumed).</param>
/// <param name="CostTotal">The sum of <paramref name="Costs"/>.</param>
/// <param name="Gap">Costs minus cash minus in-kind: positive is a shortfall (assumed: costs always are).</param>
/// <param name="MaturityScore">The region's maturity score on current arrangements.</param>
/// <param name="Adjustment">The bonus or malus of the score's band.</param>
/// <param name="Actuals">The ledger's figures for past and current years; null for future years.</param>
public sealed record ProjectionYear(
    int Year, long Inhabitants, string InhabitantsBasis, IReadOnlyList<ProjectionLine> Income, string CashIncome, string CashIncomeBasis,
    IReadOnlyList<ProjectionLine> InKind, string InKindTotal, IReadOnlyList<ProjectionLine> Costs, string CostTotal, string Gap, int MaturityScore,
    string Adjustment, ActualsView? Actuals);

/// <summary>A region's projection under one scenario version.</summary>
/// <param name="Region">Region id.</param>
/// <param name="Scenario">The scenario id used.</param>
/// <param name="Version">The scenario version used.</param>
/// <param name="Kind">The scenario's kinds, e.g. <c>per-inhabitant+co-financing</c>.</param>
/// <param name="From">First year.</param>
/// <param name="Years">The years, in order.</param>
/// <param name="HorizonGap">The gaps of all years added up.</param>
public sealed record RegionProjection(string Region, string Scenario, int Version, string Kind, int From, IReadOnlyList<ProjectionYear> Years, string HorizonGap);

/// <summary>
/// A region's commitments in the year before and the year after a horizon, read so a projection can say that a commitment
/// ended just before it starts, or that one goes on past its last year.
/// </summary>
/// <param name="Before">The commitments of the year before the first year (empty when none, or when that year is not a planning year).</param>
/// <param name="After">The commitments of the year after the last year (empty when none, or when that year is not a planning year).</param>
public sealed record EdgeCommitments(IReadOnlyList<PlannedCommitment> Before, IReadOnlyList<PlannedCommitment> After);

/// <summary>Builds the report of one region from a run.</summary>
public static class RegionProjections
{
    /// <summary>
    /// The projection of <paramref name="regionId"/>. <paramref name="actuals"/> are placed beside the years they name
    /// (others get none); the scenario's id and version are written into the report so it says what it used. Each
    /// figure says what it rests on: an income line a funder committed in the ledger for the year is
    /// <c>committed</c> (with the sources' parts, the last year of each commitment marked), every other plan figure
    /// <c>assumed</c> (an assumed line after a commitment ended says so in <see cref="ProjectionLine.EndedIn"/>), the
    /// ledger's figures <c>actual</c>.
    /// </summary>
    /// <param name="run">The scenario run.</param>
    /// <param name="regionId">The region to report.</param>
    /// <param name="scenarioId">The scenario's id, written into the report.</param>
    /// <param name="version">The scenario's version, written into the report.</param>
    /// <param name="actuals">The ledger's figures of past and current years.</param>
    /// <param name="edges">
    /// The region's commitments just outside the horizon. Without them the last year of the horizon is never marked as a
    /// commitment's last year and a commitment that ended before the first year is not named; with them both are.
    /// </param>
    public static RegionProjection Build(ScenarioRun run, string regionId, string scenarioId, int version, IReadOnlyList<LedgerActuals>? actuals = null,
        EdgeCommitments? edges = null)
    {
        var r = run.Base.RegionIndex(regionId);
        if (r < 0)
        {
            throw new ArgumentException($"No region '{regionId}'.", nameof(regionId));
        }
        var first = run.Base.From;
        var last = first + run.Base.Years - 1;
        // The horizon's commitments, with those of the year before and after it when they were read.
        var commitments = run.Base.Commitments.Where(c => c.RegionId == regionId)
            .Concat((edges?.Before ?? []).Where(c => c.RegionId == regionId && c.Year == first - 1 && c.Amount.Cents > 0))
            .Concat((edges?.After ?? []).Where(c => c.RegionId == regionId && c.Year == last + 1 && c.Amount.Cents > 0))
            .ToList();
        var knownUntil = edges is null ? last : last + 1;
        var rows = new List<ProjectionYear>(run.Base.Years);
        long horizonGap = 0;
        for (var t = 0; t < run.Base.Years; t++)
        {
            var year = run.Base.From + t;
            var cash = run.CashOf(r, t);
            ActualsView? actual = null;
            if (actuals?.FirstOrDefault(a => a.Year == year && a.RegionId == regionId) is { } a)
            {
                var received = IncomeSources.All.Select(s => new ProjectionLine(IncomeSources.Name(s), a.Received.GetValueOrDefault(s).ToString(), ProjectionBasis.Actual)).ToList();
                var receivedCash = a.Received.Values.Aggregate(Money.Zero, (x, y) => x + y);
                actual = new ActualsView(received, receivedCash.ToString(), a.Committed.ToString(), a.InKind.ToString(), (receivedCash - cash).ToString());
            }
            var gap = run.GapOf(r, t);
            horizonGap += gap.Cents;
            var income = IncomeSources.All.Select(s => IncomeLine(run, r, t, s, commitments, knownUntil)).ToList();
            var allCommitted = income.All(l => l.Basis == ProjectionBasis.Committed || Money.Parse(l.Amount).Cents == 0) && income.Any(l => l.Basis == ProjectionBasis.Committed);
            rows.Add(new ProjectionYear(
                year,
                run.InhabitantsOf(r, t),
                year <= run.Base.PopulationYears[r] ? ProjectionBasis.Actual : ProjectionBasis.Assumed,
                income,
                cash.ToString(),
                allCommitted ? ProjectionBasis.Committed : ProjectionBasis.Assumed,
                [.. Enum.GetValues<InKindItem>().Select(i => new ProjectionLine(CostItems.Name(i), run.InKindOf(r, t, i).ToString(), ProjectionBasis.Assumed))],
                run.InKindTotalOf(r, t).ToString(),
                [.. Enum.GetValues<CostItem>().Select(c => new ProjectionLine(CostItems.Name(c), run.CostOf(r, t, c).ToString(), ProjectionBasis.Assumed))],
                run.CostTotalOf(r, t).ToString(),
                gap.ToString(),
                run.ScoreOf(r, t),
                run.AdjustmentOf(r, t).ToString(),
                actual));
        }
        return new RegionProjection(regionId, scenarioId, version, run.Scenario.Kind, run.Base.From, rows, new Money(horizonGap).ToString());
    }

    // An income line of year t. Only the lines funders commit to in the ledger (national schemes, provinces) can be
    // committed; the engine put the commitments in place of the assumption for such a year, so the figure here is
    // exactly the parts listed.
    // knownUntil: the last year whose commitments were read; a commitment is only marked as ending before it.
    private static ProjectionLine IncomeLine(ScenarioRun run, int r, int t, IncomeSource line, List<PlannedCommitment> commitments, int knownUntil)
    {
        var name = IncomeSources.Name(line);
        var amount = run.IncomeOf(r, t, line).ToString();
        if (line is not (IncomeSource.RijkScheme or IncomeSource.Province))
        {
            return new ProjectionLine(name, amount, ProjectionBasis.Assumed);
        }
        var b = run.Base;
        var year = b.From + t;
        var ofLine = commitments.Where(c => c.Source == line).ToList();
        var now = ofLine.Where(c => c.Year == year).ToList();
        if (now.Count > 0)
        {
            var parts = now.Select(c => new CommittedPart(c.SourceId, c.Amount.ToString(),
                year < knownUntil && !ofLine.Any(n => n.SourceId == c.SourceId && n.Year == year + 1))).ToList();
            var ending = parts.Where(p => p.LastYear).Select(p => p.Source.Length > 0 ? p.Source : "a funder").ToList();
            return new ProjectionLine(name, amount, ProjectionBasis.Committed, parts, null,
                ending.Count == 0 ? null : $"The last year committed by {string.Join(", ", ending)}.");
        }
        // Nothing committed this year: the assumption. If a commitment of the line ran in an earlier year of the
        // horizon, say that it ended and when, so the step from committed money back to an assumption is visible.
        var before = ofLine.Where(c => c.Year < year).ToList();
        if (before.Count == 0)
        {
            return new ProjectionLine(name, amount, ProjectionBasis.Assumed);
        }
        var endedIn = before.Max(c => c.Year);
        var who = before.Where(c => c.Year == endedIn).Select(c => c.SourceId.Length > 0 ? c.SourceId : "a funder").Distinct().ToList();
        return new ProjectionLine(name, amount, ProjectionBasis.Assumed, null, endedIn,
            $"The commitment of {string.Join(", ", who)} ended in {endedIn}; the status-quo assumption applies again.");
    }
}
