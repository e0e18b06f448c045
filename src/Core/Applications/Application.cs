using NodaTime;
using PvoFinance.Access;

namespace PvoFinance.Applications;

/// <summary>
/// Everything known about one subsidy application, as an immutable value. The workflow turns one value into
/// the next; the caller persists it. Nothing here does I/O.
/// </summary>
public sealed record Application
{
    /// <summary>The application's id.</summary>
    public required string Id { get; init; }

    /// <summary>The region (PVO) that applies; its PVO-manager acts for the applicant.</summary>
    public required string Region { get; init; }

    /// <summary>Who owns the fund: a province (its provincial officer decides) or national (the ministry decides).</summary>
    public required Scope FundOwner { get; init; }

    /// <summary>The scheme's tiers and terms, as they were when the application was made.</summary>
    public required SchemeRules Scheme { get; init; }

    /// <summary>Where it stands.</summary>
    public ApplicationState State { get; init; } = ApplicationState.Draft;

    /// <summary>What the activities are.</summary>
    public string Title { get; init; } = "";

    /// <summary>The amount requested in the application.</summary>
    public Money Requested { get; init; }

    /// <summary>The project's total costs (begroting); co-financing shares are shares of these. At least <see cref="Requested"/>.</summary>
    public Money ProjectCosts { get; init; }

    /// <summary>The project's theme, checked against earmarked sources; null when none was given.</summary>
    public string? Theme { get; init; }

    /// <summary>The fund applied to; its owner (<see cref="FundOwner"/>) decides.</summary>
    public string LeadSource { get; init; } = "";

    /// <summary>The funding plan: what is requested of each source, the lead first. The parts add up to <see cref="Requested"/>.</summary>
    public IReadOnlyList<FundingPart> Plan { get; init; } = [];

    /// <summary>The terms of each source in <see cref="Plan"/>, as they were when the plan was saved.</summary>
    public IReadOnlyList<FundingTerms> Sources { get; init; } = [];

    /// <summary>The granted split over the plan's sources (after amendments); empty before the grant. The parts add up to <see cref="Granted"/>.</summary>
    public IReadOnlyList<FundingPart> Split { get; init; } = [];

    /// <summary>The user ids on the applicant's side (who prepared, submitted, supplied information, asked for amendments, accounted); none of them may approve.</summary>
    public IReadOnlyList<string> ApplicantSide { get; init; } = [];

    /// <summary>Who submitted it.</summary>
    public string? SubmittedBy { get; init; }

    /// <summary>When it was submitted.</summary>
    public Instant? SubmittedAt { get; init; }

    /// <summary>Information requests so far (bounded by <see cref="ApplicationLimits.MaxInformationRequests"/>).</summary>
    public int InformationRequests { get; init; }

    /// <summary>A first approval waiting for a second, different approver (tier C).</summary>
    public PendingApproval? PendingApproval { get; init; }

    /// <summary>The tier fixed by the grant (raised, never lowered, by an amendment); null before the grant.</summary>
    public AccountabilityTier? Tier { get; init; }

    /// <summary>The granted amount (after amendments); zero before the grant.</summary>
    public Money Granted { get; init; }

    /// <summary>The end date of the activities, from the grant or an amendment.</summary>
    public LocalDate? EndDate { get; init; }

    /// <summary>The advance schedule fixed by the grant (paid ones first).</summary>
    public IReadOnlyList<ScheduledAdvance> Advances { get; init; } = [];

    /// <summary>How many scheduled advances were paid; the next one to pay is <c>Advances[AdvancesPaidCount]</c>.</summary>
    public int AdvancesPaidCount { get; init; }

    /// <summary>The open amendment request, while <see cref="ApplicationState.AmendmentRequested"/>.</summary>
    public AmendmentRequest? Amendment { get; init; }

    /// <summary>Amendments requested so far (bounded by <see cref="ApplicationLimits.MaxAmendments"/>).</summary>
    public int Amendments { get; init; }

    /// <summary>The accountability submitted, if any.</summary>
    public AccountabilityReport? Accountability { get; init; }

    /// <summary>The determined final amount; null before the determination.</summary>
    public Money? Determined { get; init; }

    /// <summary>The day of the determination (Amsterdam); the five-year bar counts from here.</summary>
    public LocalDate? DeterminedOn { get; init; }

    /// <summary>The money position, a fold over the effects in <see cref="History"/>.</summary>
    public ApplicationAmounts Amounts { get; init; } = ApplicationAmounts.None;

    /// <summary>The objections lodged, oldest first; at most one per decision and one open (<see cref="ApplicationLimits.MaxObjections"/>).</summary>
    public IReadOnlyList<Objection> Objections { get; init; } = [];

    /// <summary>The penalty for a late decision, once notice of default was given; null before.</summary>
    public Penalty? Penalty { get; init; }

    /// <summary>The dates that run now.</summary>
    public Deadlines Deadlines { get; init; } = Deadlines.None;

    /// <summary>
    /// Every transition, oldest first. As stored by the application grain the entries are compact
    /// (<see cref="HistoryCompaction"/>): no reason, no user id and no effects but those of the first commitment;
    /// the whole entries are rows of the history store.
    /// </summary>
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>
    /// Each source's money position folded from effects that <see cref="History"/> no longer carries (compacted away,
    /// see <see cref="HistoryCompaction"/>); empty for a value whose history holds every effect.
    /// </summary>
    public IReadOnlyList<SourcePosition> Carried { get; init; } = [];

    /// <summary>What the tier of this grant requires; null before the grant.</summary>
    public TierRequirements? Requirements => Tier is { } t ? TierRules.Requirements(t) : null;

    /// <summary>The next scheduled advance not yet paid, or null when none remain.</summary>
    public ScheduledAdvance? NextAdvance => AdvancesPaidCount < Advances.Count ? Advances[AdvancesPaidCount] : null;

    /// <summary>
    /// Each source's money position, folded from <see cref="Carried"/> and the effects in <see cref="History"/>: the plan's sources in plan
    /// order (also those with nothing booked yet), then any other source an effect names.
    /// </summary>
    public IReadOnlyList<SourcePosition> Positions()
    {
        var folds = new Dictionary<string, ApplicationAmounts>(StringComparer.Ordinal);
        foreach (var carried in Carried)
        {
            folds[carried.Source] = folds.GetValueOrDefault(carried.Source, ApplicationAmounts.None).Add(carried.Amounts);
        }
        foreach (var entry in History)
        {
            foreach (var e in entry.Effects)
            {
                folds[e.Source] = folds.GetValueOrDefault(e.Source, ApplicationAmounts.None).Apply(e);
            }
        }
        var order = Plan.Select(p => p.Source).ToList();
        order.AddRange(folds.Keys.Where(k => !order.Contains(k)).Order(StringComparer.Ordinal));
        return [.. order.Select(source => new SourcePosition(source, folds.GetValueOrDefault(source, ApplicationAmounts.None)))];
    }
}
