using PvoFinance.Access;

namespace PvoFinance.Applications;

/// <summary>
/// The co-financing rules: how a funding plan names its sources, which sources may take part, how a grant or an
/// amendment splits its amount over them, and the checks each source's terms impose. Pure functions.
/// </summary>
/// <remarks>
/// <para>A plan holds the fund applied to (the lead, whose owner decides) and, optionally, other sources of the
/// same owner (another scheme of the ministry) and the region's own sources (its levy pot, overhead or private
/// money: the own contribution, pledged by the PVO-manager who submits the plan). A fund of another owner is
/// applied to separately: one administrative body decides only over its own money (Awb 4:1).</para>
/// <para>Shares are judged exactly against the project's costs (<c>part × 10,000 ≤ basis points × costs</c>);
/// default splits use the largest-remainder <see cref="Allocation"/>, so parts always add up to the whole.</para>
/// </remarks>
public static class CoFinancing
{
    /// <summary>Most sources in one plan.</summary>
    public const int MaxParts = 8;

    /// <summary>Longest theme name (as in the funding sources' themes).</summary>
    public const int MaxThemeLength = 60;

    /// <summary>The plan a draft names: its funding, or the whole requested amount from the lead.</summary>
    public static IReadOnlyList<FundingPart> PlanOf(DraftContent draft, string lead)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return draft.Funding is { Count: > 0 } parts ? [.. parts] : [new FundingPart(lead, draft.Requested)];
    }

    /// <summary>
    /// Checks a draft's plan: bounded, distinct positive parts adding up to the requested amount, the lead among
    /// them, every source known, paying in money, owned by the lead's owner or by the region, earmarked for the
    /// project's theme, and within its maximum share of the project's costs.
    /// </summary>
    /// <param name="region">The applying region.</param>
    /// <param name="lead">The fund applied to.</param>
    /// <param name="draft">The draft's content.</param>
    /// <param name="terms">The terms of the sources the plan may name (the lead's included), by id.</param>
    public static Refusal? CheckPlan(string region, FundingTerms lead, DraftContent draft, IReadOnlyDictionary<string, FundingTerms> terms)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(terms);
        var costs = draft.ProjectCosts ?? draft.Requested;
        if (costs < draft.Requested)
        {
            return Refusal.Invalid("projectCosts", $"The project's costs ({costs}) cannot be less than the {draft.Requested} requested.");
        }
        if (draft.Theme is { } theme && (string.IsNullOrWhiteSpace(theme) || theme.Length > MaxThemeLength || theme.Any(char.IsControl)))
        {
            return Refusal.Invalid("theme", $"A theme has 1..{MaxThemeLength} printable characters.");
        }
        var plan = PlanOf(draft, lead.Source);
        if (plan.Count > MaxParts)
        {
            return Refusal.Invalid("funding", $"A plan names at most {MaxParts} sources.");
        }
        var total = Money.Zero;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Count; i++)
        {
            var part = plan[i];
            if (string.IsNullOrEmpty(part.Source) || !seen.Add(part.Source))
            {
                return Refusal.Invalid($"funding[{i}].source", "Every part names a different funding source.");
            }
            if (part.Amount.Cents <= 0)
            {
                return Refusal.Invalid($"funding[{i}].amount", "Every part is a positive amount.");
            }
            total += part.Amount;
            var t = part.Source == lead.Source ? lead : terms.GetValueOrDefault(part.Source);
            if (t is null)
            {
                return Refusal.Invalid($"funding[{i}].source", $"No funding source '{part.Source}'.");
            }
            if (Source(region, lead, t, $"funding[{i}].source") is { } wrong)
            {
                return wrong;
            }
            if (!t.Allows(draft.Theme))
            {
                return Refusal.Invalid("theme", $"'{t.Source}' is earmarked for {string.Join(", ", t.Themes)}; the project's theme is {(draft.Theme is null ? "not given" : $"'{draft.Theme}'")}.");
            }
            if (!t.ShareAllows(part.Amount, costs))
            {
                return Refusal.Invalid($"funding[{i}].amount", $"'{t.Source}' pays at most {t.MaxCofinancing} % of the project's costs of {costs}; {part.Amount} is more.");
            }
        }
        if (!seen.Contains(lead.Source))
        {
            return Refusal.Invalid("funding", $"The fund applied to ('{lead.Source}') must carry a part of the plan.");
        }
        return total == draft.Requested
            ? null
            : Refusal.Invalid("funding", $"The parts add up to {total}; the requested amount is {draft.Requested}.");
    }

    /// <summary>
    /// The split a grant decides: the one it names, else the plan when the whole request is granted, else the
    /// grant spread over the plan in proportion to its parts (largest remainder; never more than a part).
    /// </summary>
    public static IReadOnlyList<FundingPart> GrantSplit(Application app, GrantDecision grant)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Split is { Count: > 0 } named)
        {
            return named;
        }
        if (grant.Amount == app.Requested || app.Plan.Count == 0)
        {
            return app.Plan;
        }
        return Spread(grant.Amount, app.Plan, p => p.Amount.Cents);
    }

    /// <summary>
    /// The split an amendment decides: the one it names, else the current split with an increase spread in
    /// proportion to the granted parts, or a decrease taken in proportion to what each source still has committed
    /// (so no source drops below what it already advanced).
    /// </summary>
    public static IReadOnlyList<FundingPart> AmendSplit(Application app, AmendmentDecision amendment)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(amendment);
        if (amendment.Split is { Count: > 0 } named)
        {
            return named;
        }
        var delta = amendment.Budget - app.Granted;
        if (delta.Cents == 0 || app.Split.Count == 0)
        {
            return app.Split;
        }
        if (!delta.IsNegative)
        {
            var more = Spread(delta, app.Split, p => p.Amount.Cents);
            return Combine(app.Split, more, +1);
        }
        var open = app.Positions().ToDictionary(p => p.Source, p => p.Amounts.OpenCommitment.Cents, StringComparer.Ordinal);
        if (app.Split.Sum(p => open.GetValueOrDefault(p.Source)) == 0)
        {
            return app.Split; // nothing left to take back; the budget check refuses the request
        }
        var less = Spread(-delta, app.Split, p => open.GetValueOrDefault(p.Source));
        return Combine(app.Split, less, -1);
    }

    /// <summary>
    /// Checks a split of <paramref name="total"/> over the plan: bounded, distinct sources of the plan, positive
    /// parts adding up to the total, the lead among them, each within its maximum share and at least its floor.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="split">The split to check.</param>
    /// <param name="total">What the parts must add up to.</param>
    /// <param name="cappedByPlan">True for a grant: no part exceeds what the plan asked of that source.</param>
    /// <param name="floor">The least each source may keep (what it already advanced); null for none.</param>
    public static Refusal? CheckSplit(Application app, IReadOnlyList<FundingPart> split, Money total, bool cappedByPlan, IReadOnlyDictionary<string, Money>? floor = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(split);
        if (split.Count is 0 || split.Count > MaxParts)
        {
            return Refusal.Invalid("split", $"A split names 1..{MaxParts} sources of the plan.");
        }
        var sum = Money.Zero;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < split.Count; i++)
        {
            var part = split[i];
            if (part.Source is null || !seen.Add(part.Source))
            {
                return Refusal.Invalid($"split[{i}].source", "Every part names a different funding source.");
            }
            var planned = app.Plan.FirstOrDefault(p => p.Source == part.Source);
            var terms = app.Sources.FirstOrDefault(t => t.Source == part.Source);
            if (planned is null || terms is null)
            {
                return Refusal.Invalid($"split[{i}].source", $"'{part.Source}' is not in the application's funding plan.");
            }
            if (part.Amount.Cents <= 0)
            {
                return Refusal.Invalid($"split[{i}].amount", "Every part is a positive amount.");
            }
            if (cappedByPlan && part.Amount > planned.Amount)
            {
                return Refusal.Invalid($"split[{i}].amount", $"'{part.Source}' was asked for {planned.Amount}; it cannot be granted {part.Amount}.");
            }
            if (!terms.ShareAllows(part.Amount, app.ProjectCosts))
            {
                return Refusal.Invalid($"split[{i}].amount", $"'{part.Source}' pays at most {terms.MaxCofinancing} % of the project's costs of {app.ProjectCosts}; {part.Amount} is more.");
            }
            sum += part.Amount;
        }
        if (floor is not null)
        {
            foreach (var (source, least) in floor)
            {
                var kept = split.FirstOrDefault(p => p.Source == source)?.Amount ?? Money.Zero;
                if (kept < least)
                {
                    return Refusal.Invalid("split", $"'{source}' already advanced {least}; its part cannot drop to {kept}.");
                }
            }
        }
        if (!seen.Contains(app.LeadSource))
        {
            return Refusal.Invalid("split", $"The fund applied to ('{app.LeadSource}') must carry a part.");
        }
        return sum == total ? null : Refusal.Invalid("split", $"The parts add up to {sum}, not {total}.");
    }

    /// <summary>
    /// Spreads <paramref name="amount"/> over positions in proportion to <paramref name="weight"/>. When the amount is
    /// at most the sum of the weights, no share exceeds its weight (largest remainder), so a source is never asked
    /// for more than it has in that position. Zero shares are left out.
    /// </summary>
    public static IReadOnlyList<(string Source, Money Amount)> SpreadOver(Money amount, IReadOnlyList<SourcePosition> positions, Func<ApplicationAmounts, Money> weight)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(weight);
        if (amount.Cents == 0)
        {
            return [];
        }
        var weights = positions.Select(p => weight(p.Amounts).Cents).ToArray();
        if (weights.Sum() < amount.Cents)
        {
            throw new InvalidOperationException($"Invariant broken: {amount} cannot be spread over positions holding {new Money(weights.Sum())}.");
        }
        var shares = Allocation.Split(amount, weights);
        var result = new List<(string, Money)>();
        for (var i = 0; i < shares.Length; i++)
        {
            if (shares[i].Cents > weights[i])
            {
                throw new InvalidOperationException($"Invariant broken: a share {shares[i]} exceeds its weight {new Money(weights[i])}.");
            }
            if (shares[i].Cents > 0)
            {
                result.Add((positions[i].Source, shares[i]));
            }
        }
        return result;
    }

    /// <summary>Whether <paramref name="source"/> may take part in a plan led by <paramref name="lead"/> for <paramref name="region"/>.</summary>
    private static Refusal? Source(string region, FundingTerms lead, FundingTerms source, string field)
    {
        if (!source.PaysInMoney)
        {
            return Refusal.Invalid(field, $"'{source.Source}' gives hours in kind; they are valued separately and do not pay a subsidy.");
        }
        if (source.Owner == lead.Owner || source.Owner == Scope.Region(region))
        {
            return null;
        }
        return Refusal.Invalid(field, $"'{source.Source}' belongs to {source.Owner}; a plan combines the fund applied to with funds of the same owner ({lead.Owner}) and the region's own sources. Apply to that fund separately.");
    }

    private static FundingPart[] Spread(Money amount, IReadOnlyList<FundingPart> parts, Func<FundingPart, long> weight)
    {
        var shares = Allocation.Split(amount, [.. parts.Select(weight)]);
        return [.. parts.Select((p, i) => new FundingPart(p.Source, shares[i])).Where(p => p.Amount.Cents != 0)];
    }

    private static FundingPart[] Combine(IReadOnlyList<FundingPart> split, IReadOnlyList<FundingPart> change, int sign) =>
    [
        .. split
            .Select(p => new FundingPart(p.Source, p.Amount + new Money(sign * (change.FirstOrDefault(c => c.Source == p.Source)?.Amount.Cents ?? 0))))
            .Where(p => p.Amount.Cents > 0),
    ];
}
