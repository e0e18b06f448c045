using NodaTime;
using PvoFinance.Access;

namespace PvoFinance.Applications;

/// <summary>
/// The conditions of the application lifecycle, each a named, side-effect-free <see cref="ApplicationRule"/>.
/// <see cref="ApplicationWorkflow"/> attaches them to transitions; the order there is who → four-eyes →
/// the file's position → the request's content, so a refusal names the most basic problem first.
/// </summary>
internal static class ApplicationRules
{
    // ---- Who (role and scope) ----

    /// <summary>The PVO-manager of the application's region acts for the applicant.</summary>
    public static readonly ApplicationRule RegionManager = ApplicationRule.On("PVO-manager of the region", (app, actor, ctx) =>
        ctx.Access.CanManage(actor.Caller, Scope.Region(app.Region))
            ? null
            : Refusal.Forbidden($"Only the PVO-manager of region {app.Region} may do this."));

    /// <summary>The fund's owner decides: the provincial officer of the fund's province, or the ministry for a national scheme.</summary>
    public static readonly ApplicationRule FundOwner = ApplicationRule.On("owner of the fund", (app, actor, ctx) =>
        ctx.Access.CanManage(actor.Caller, app.FundOwner)
            ? null
            : Refusal.Forbidden($"Only the owner of the fund ({app.FundOwner}) may decide on this application."));

    /// <summary>
    /// Money moves are recorded by a treasurer who keeps the fund's books: the payer is the fund, so its scope
    /// (not the region's) is what the treasurer's reach must cover.
    /// </summary>
    public static readonly ApplicationRule FundTreasurer = ApplicationRule.On("treasurer of the fund", (app, actor, ctx) =>
        actor.Caller.Role == Role.Treasurer && ctx.Access.Covers(actor.Caller.Reach, app.FundOwner)
            ? null
            : Refusal.Forbidden($"Only a treasurer whose reach covers the fund ({app.FundOwner}) may record its payments."));

    // ---- Four-eyes ----

    /// <summary>Whoever prepared, submitted or accounted for the application never approves a decision on it.</summary>
    public static readonly ApplicationRule NotApplicantSide = ApplicationRule.On("four-eyes, not on the applicant side", (app, actor, _) =>
        app.ApplicantSide.Contains(actor.UserId, StringComparer.Ordinal)
            ? Refusal.Forbidden("You prepared, submitted or accounted for this application; someone else must approve it.")
            : null);

    /// <summary>A tier C decision needs two different approvers: the first approval records, a second person completes.</summary>
    public static readonly ApplicationRule SecondApproverDiffers = ApplicationRule.On("four-eyes, second approver differs from the first", (app, actor, _) =>
        app.PendingApproval is { } first && string.Equals(first.UserId, actor.UserId, StringComparison.Ordinal)
            ? Refusal.Forbidden("You gave the first approval; a second, different approver must complete this tier C decision.")
            : null);

    /// <summary>The second approver approves exactly what the first approved, not a variant of it.</summary>
    public static readonly ApplicationRule ConfirmsFirstApproval = new("second approval confirms the first", (app, _, payload, _) =>
    {
        if (app.PendingApproval is not { } first || payload is null)
        {
            return null;
        }
        var (amount, terms) = payload switch
        {
            GrantDecision g => (g.Amount, g.Terms(CoFinancing.GrantSplit(app, g))),
            AmendmentDecision a => (a.Budget, a.Terms(CoFinancing.AmendSplit(app, a))),
            Determination d => (d.Amount, d.Terms()),
            ObjectionDecision o => (o.Amount, o.Terms(app)),
            _ => (Money.Zero, ""),
        };
        if (amount != first.Amount)
        {
            return Refusal.Invalid("amount", $"The first approval was for {first.Amount}; the second approval must be for the same amount.");
        }
        return terms == first.Terms ? null : Refusal.Invalid("terms", "The second approval must approve the same terms (dates, schedule) as the first.");
    });

    // ---- Texts ----

    /// <summary>A motivation is required: refusals, revocations, information requests and refused amendments must say why (Awb 3:46).</summary>
    public static readonly ApplicationRule ReasonGiven = ApplicationRule.OnPayload<Note>("reason given", (_, note, _) =>
        string.IsNullOrWhiteSpace(note.Reason)
            ? Refusal.Invalid("reason", "A reason is required.")
            : Text("reason", note.Reason));

    /// <summary>An optional note stays within the text limit.</summary>
    public static readonly ApplicationRule NoteWithinLimit = ApplicationRule.OnPayload<Note>("note within limit", (_, note, _) => Text("reason", note.Reason));

    /// <summary>A draft has a title, asks for a positive amount, and its funding plan holds (<see cref="CoFinancing.CheckPlan"/>).</summary>
    public static readonly ApplicationRule DraftValid = ApplicationRule.OnPayload<DraftContent>("draft has title, amount and a funding plan", (app, d, ctx) =>
        Draft(d) ?? CoFinancing.CheckPlan(app.Region, ctx.Sources.GetValueOrDefault(app.LeadSource) ?? Lead(app), d, ctx.Sources));

    // ---- The decision term ----

    /// <summary>The decision term may be extended once (Awb 4:14 lid 3); a second extension is refused.</summary>
    public static readonly ApplicationRule NotExtendedBefore = ApplicationRule.On("decision term not extended before", (app, _, _) =>
        app.Deadlines.DecisionExtended
            ? Refusal.Conflict("extension", $"The decision term was already extended once ({app.Deadlines.DecisionExtensionReason}); it cannot be extended again.")
            : null);

    /// <summary>An extension names its length and its reason.</summary>
    public static readonly ApplicationRule ExtensionValid = ApplicationRule.OnPayload<DecisionTermExtension>("extension with weeks and reason", (app, e, _) =>
        e.Weeks < 1 || e.Weeks > app.Scheme.Clocks.MaxDecisionExtensionWeeks
            ? Refusal.Invalid("weeks", $"An extension is 1..{app.Scheme.Clocks.MaxDecisionExtensionWeeks} weeks.")
            : string.IsNullOrWhiteSpace(e.Reason) ? Refusal.Invalid("reason", "An extension needs a reason (Awb 4:14 lid 3).") : Text("reason", e.Reason));

    /// <summary>Information requests are bounded.</summary>
    public static readonly ApplicationRule InformationRequestsLeft = ApplicationRule.On("information requests left", (app, _, _) =>
        app.InformationRequests >= ApplicationLimits.MaxInformationRequests
            ? Refusal.Conflict("state", $"Information was requested {ApplicationLimits.MaxInformationRequests} times already; decide on the application.")
            : null);

    // ---- Grant ----

    /// <summary>A grant is positive and never more than was requested.</summary>
    public static readonly ApplicationRule GrantWithinRequest = ApplicationRule.OnPayload<GrantDecision>("amount at most requested", (app, g, _) =>
        g.Amount.Cents <= 0
            ? Refusal.Invalid("amount", "A grant must be a positive amount.")
            : g.Amount > app.Requested
                ? Refusal.Invalid("amount", $"The grant of {g.Amount} exceeds the requested {app.Requested}.")
                : null);

    /// <summary>The grant's dates and schedule fit its tier: tier A is paid at once, tier B and C set an accountability date and a schedule within the grant.</summary>
    public static readonly ApplicationRule GrantTermsValid = ApplicationRule.OnPayload<GrantDecision>("grant terms fit the tier", (app, g, ctx) =>
    {
        if (Text("reason", g.Reason) is { } text)
        {
            return text;
        }
        if (g.EndDate < ctx.Today)
        {
            return Refusal.Invalid("endDate", "The end date lies in the past.");
        }
        if (app.Scheme.Tiers.TierOf(g.Amount) == AccountabilityTier.A)
        {
            if (g.Advances.Count > 0)
            {
                return Refusal.Invalid("advances", "A tier A grant is determined at once and paid in one go; it has no advances.");
            }
            return g.AccountabilityDue is null ? null : Refusal.Invalid("accountabilityDue", "A tier A grant has no accountability afterwards.");
        }
        if (g.AccountabilityDue is not { } due)
        {
            return Refusal.Invalid("accountabilityDue", "A tier B or C grant sets the date the accountability is due (Awb 4:44).");
        }
        if (due < g.EndDate)
        {
            return Refusal.Invalid("accountabilityDue", "The accountability cannot be due before the activities end.");
        }
        return Schedule("advances", [], g.Advances, g.Amount);
    });

    /// <summary>The grant's split over the plan: each part at most what the plan asked of that source, within its share, adding up to the grant.</summary>
    public static readonly ApplicationRule GrantSplitValid = ApplicationRule.OnPayload<GrantDecision>("split within the plan and the shares", (app, g, _) =>
        g.Amount.Cents <= 0 || g.Amount > app.Requested ? null : CoFinancing.CheckSplit(app, CoFinancing.GrantSplit(app, g), g.Amount, cappedByPlan: true));

    /// <summary>Tier A: granted and determined at once.</summary>
    public static readonly ApplicationRule GrantTierA = ApplicationRule.Branch("tier A, granted and determined at once", (app, p, _) =>
        GrantTier(app, p) == AccountabilityTier.A);

    /// <summary>Tier C without a first approval: this approval is the first of two.</summary>
    public static readonly ApplicationRule GrantFirstOfTwo = ApplicationRule.Branch("tier C, first of two approvals", (app, p, _) =>
        GrantTier(app, p) == AccountabilityTier.C && app.PendingApproval is null);

    /// <summary>Tier B, or tier C with a first approval recorded: this approval completes the grant.</summary>
    public static readonly ApplicationRule GrantCompletes = ApplicationRule.Branch("tier B, or tier C second approval", (app, p, _) =>
        GrantTier(app, p) == AccountabilityTier.B || (GrantTier(app, p) == AccountabilityTier.C && app.PendingApproval is not null));

    // ---- Advances ----

    /// <summary>Advances are paid only while the schedule has one left.</summary>
    public static readonly ApplicationRule AdvanceRemains = ApplicationRule.On("an advance remains", (app, _, _) =>
        app.NextAdvance is null ? Refusal.Conflict("advances", "Every advance in the grant's schedule has been paid.") : null);

    /// <summary>The advance paid is the next one of the schedule, in full, not before its date, and never beyond the grant.</summary>
    public static readonly ApplicationRule AdvanceAsScheduled = ApplicationRule.OnPayload<AdvancePayment>("advance as scheduled", (app, p, ctx) =>
    {
        if (app.NextAdvance is not { } next)
        {
            return null;
        }
        if (p.Number is { } number && number != app.AdvancesPaidCount + 1)
        {
            // The advance named was paid already (recorded by hand while a bank batch held it): paying the next one with
            // this money would pay it twice over.
            return number <= app.AdvancesPaidCount
                ? Refusal.Conflict("advance", $"Advance {number} of the schedule was already paid; this payment is not the next advance ({app.AdvancesPaidCount + 1}).")
                : Refusal.Conflict("advance", $"Advance {number} is not the next one of the schedule; advance {app.AdvancesPaidCount + 1} is paid first.");
        }
        if (p.Amount != next.Amount)
        {
            return Refusal.Invalid("amount", $"The next advance in the schedule is {next.Amount}, not {p.Amount}.");
        }
        if (ctx.Today < next.Due)
        {
            return Refusal.Invalid("amount", $"The next advance may be paid from {GrantDecision.Iso(next.Due)}.");
        }
        if (app.Amounts.AdvancesPaid + p.Amount > app.Granted || p.Amount > app.Amounts.OpenCommitment)
        {
            return Refusal.Invalid("amount", $"Advances would exceed the grant of {app.Granted}.");
        }
        return Text("reference", p.Reference);
    });

    // ---- Amendments ----

    /// <summary>Amendment requests are bounded.</summary>
    public static readonly ApplicationRule AmendmentsLeft = ApplicationRule.On("amendments left", (app, _, _) =>
        app.Amendments >= ApplicationLimits.MaxAmendments
            ? Refusal.Conflict("state", $"This grant was amended {ApplicationLimits.MaxAmendments} times already.")
            : null);

    /// <summary>An amendment asks for a change, never below what was already advanced, with a reason.</summary>
    public static readonly ApplicationRule AmendmentRequestValid = ApplicationRule.OnPayload<AmendmentRequest>("amendment changes budget or end date", (app, r, ctx) =>
    {
        if (r.Budget is null && r.EndDate is null)
        {
            return Refusal.Invalid("budget", "An amendment asks for a new budget, a new end date, or both.");
        }
        if (r.Budget is { } b && (b.Cents <= 0 || b < app.Amounts.AdvancesPaid))
        {
            return Refusal.Invalid("budget", $"The budget must be positive and at least the {app.Amounts.AdvancesPaid} already advanced.");
        }
        if (r.EndDate is { } e && e < ctx.Today)
        {
            return Refusal.Invalid("endDate", "The end date lies in the past.");
        }
        return string.IsNullOrWhiteSpace(r.Reason) ? Refusal.Invalid("reason", "An amendment needs a reason.") : Text("reason", r.Reason);
    });

    /// <summary>An approved amendment gives at most what was asked, keeps what was advanced, and keeps the schedule within the budget.</summary>
    public static readonly ApplicationRule AmendmentWithinRequest = ApplicationRule.OnPayload<AmendmentDecision>("amendment within request", (app, d, ctx) =>
    {
        var asked = app.Amendment?.Budget ?? app.Granted;
        if (d.Budget.Cents <= 0 || d.Budget > asked)
        {
            return Refusal.Invalid("budget", $"The amended budget must be positive and at most the {asked} asked for.");
        }
        if (d.Budget < app.Amounts.AdvancesPaid)
        {
            return Refusal.Invalid("budget", $"The amended budget cannot be below the {app.Amounts.AdvancesPaid} already advanced.");
        }
        var current = app.EndDate ?? d.EndDate;
        var latest = app.Amendment?.EndDate is { } e && e > current ? e : current;
        if (d.EndDate > latest || d.EndDate < ctx.Today)
        {
            return Refusal.Invalid("endDate", $"The end date must lie between today and {GrantDecision.Iso(latest)}.");
        }
        var due = d.AccountabilityDue ?? app.Deadlines.Accountability;
        if (due is { } a && a < d.EndDate)
        {
            return Refusal.Invalid("accountabilityDue", "The accountability cannot be due before the activities end.");
        }
        var paid = app.Advances.Take(app.AdvancesPaidCount).ToArray();
        var remaining = d.RemainingAdvances ?? app.Advances.Skip(app.AdvancesPaidCount).ToArray();
        if ((Schedule(d.RemainingAdvances is null ? "budget" : "remainingAdvances", paid, remaining, d.Budget) ?? Text("reason", d.Reason)) is { } bad)
        {
            return bad;
        }
        // No source may keep less than it already advanced: what was paid out of a commitment stays committed.
        var floor = app.Positions().Where(p => p.Amounts.AdvancesPaid.Cents > 0).ToDictionary(p => p.Source, p => p.Amounts.AdvancesPaid, StringComparer.Ordinal);
        return CoFinancing.CheckSplit(app, CoFinancing.AmendSplit(app, d), d.Budget, cappedByPlan: false, floor);
    });

    /// <summary>Tier C (of the current or the new budget) without a first approval: this is the first of two.</summary>
    public static readonly ApplicationRule AmendFirstOfTwo = ApplicationRule.Branch("tier C, first of two approvals", (app, p, _) =>
        AmendTier(app, p) == AccountabilityTier.C && app.PendingApproval is null);

    /// <summary>Tier B, or tier C with a first approval recorded: this approval completes the amendment.</summary>
    public static readonly ApplicationRule AmendCompletes = ApplicationRule.Branch("tier B, or tier C second approval", (app, p, _) =>
        AmendTier(app, p) != AccountabilityTier.C || app.PendingApproval is not null);

    // ---- Accountability and determination ----

    /// <summary>The accountability carries what the tier requires: results (B, C), costs and an auditor's statement (C).</summary>
    public static readonly ApplicationRule AccountabilityEvidence = ApplicationRule.OnPayload<AccountabilityReport>("evidence the tier requires", (app, r, _) =>
    {
        var need = app.Requirements ?? TierRules.Requirements(AccountabilityTier.C);
        if (need.Results && string.IsNullOrWhiteSpace(r.Results))
        {
            return Refusal.Invalid("results", "The accountability must report the realised results.");
        }
        if (need.Costs && r.RealisedCosts is null)
        {
            return Refusal.Invalid("realisedCosts", "A tier C accountability must report the realised costs.");
        }
        if (r.RealisedCosts is { IsNegative: true })
        {
            return Refusal.Invalid("realisedCosts", "Realised costs cannot be negative.");
        }
        if (need.AuditorStatement && string.IsNullOrWhiteSpace(r.AuditorStatement))
        {
            return Refusal.Invalid("auditorStatement", "A tier C accountability needs an auditor's statement (controleverklaring).");
        }
        return Text("results", r.Results) ?? Text("auditorStatement", r.AuditorStatement);
    });

    /// <summary>The determination is at most the grant (Awb 4:46 lid 1); a lower one says on which ground (lid 2).</summary>
    public static readonly ApplicationRule DeterminationWithinGrant = ApplicationRule.OnPayload<Determination>("amount at most granted", (app, d, _) =>
    {
        if (d.Amount.IsNegative)
        {
            return Refusal.Invalid("amount", "A determination cannot be negative.");
        }
        if (d.Amount > app.Granted)
        {
            return Refusal.Invalid("amount", $"The determination of {d.Amount} exceeds the grant of {app.Granted}.");
        }
        if (d.Amount < app.Granted && string.IsNullOrWhiteSpace(d.Reason))
        {
            return Refusal.Invalid("reason", "A determination below the grant must give its ground (Awb 4:46 lid 2).");
        }
        return Text("reason", d.Reason);
    });

    /// <summary>Tier C without a first approval: the first of two.</summary>
    public static readonly ApplicationRule DetermineFirstOfTwo = ApplicationRule.Branch("tier C, first of two approvals", (app, _, _) =>
        app.Tier == AccountabilityTier.C && app.PendingApproval is null);

    /// <summary>The determination completes and leaves money to pay or to reclaim.</summary>
    public static readonly ApplicationRule DetermineLeavesBalance = ApplicationRule.Branch("completes, money to pay or reclaim", (app, p, _) =>
        DeterminationCompletes(app) && DeterminedAmount(app, p) != app.Amounts.AdvancesPaid);

    /// <summary>The determination completes and equals what was advanced: nothing to pay or reclaim.</summary>
    public static readonly ApplicationRule DetermineSettles = ApplicationRule.Branch("completes, nothing to pay or reclaim", (app, p, _) =>
        DeterminationCompletes(app) && DeterminedAmount(app, p) == app.Amounts.AdvancesPaid);

    // ---- Settlement ----

    /// <summary>A payment needs something due to the recipient.</summary>
    public static readonly ApplicationRule PaymentDue = ApplicationRule.On("a payment is due", (app, _, _) =>
        app.Amounts.Payable.Cents > 0 ? null : Refusal.Conflict("amount", "Nothing is due to the recipient."));

    /// <summary>A payment is positive and at most what is due.</summary>
    public static readonly ApplicationRule PaymentWithinPayable = ApplicationRule.OnPayload<MoneyRecord>("amount at most what is due", (app, m, _) =>
        m.Amount.Cents <= 0 || m.Amount > app.Amounts.Payable
            ? Refusal.Invalid("amount", $"A payment is positive and at most the {app.Amounts.Payable} due.")
            : Text("reference", m.Reference));

    /// <summary>A receipt needs an outstanding reclaim.</summary>
    public static readonly ApplicationRule ReclaimDue = ApplicationRule.On("a reclaim is outstanding", (app, _, _) =>
        app.Amounts.Receivable.Cents > 0 ? null : Refusal.Conflict("amount", "Nothing is being reclaimed."));

    /// <summary>A receipt is positive and at most what is claimed.</summary>
    public static readonly ApplicationRule ReclaimWithinReceivable = ApplicationRule.OnPayload<MoneyRecord>("amount at most what is claimed", (app, m, _) =>
        m.Amount.Cents <= 0 || m.Amount > app.Amounts.Receivable
            ? Refusal.Invalid("amount", $"A receipt is positive and at most the {app.Amounts.Receivable} claimed.")
            : Text("reference", m.Reference));

    /// <summary>This payment settles the file: nothing left either way.</summary>
    public static readonly ApplicationRule PaymentSettles = ApplicationRule.Branch("settles the file", (app, p, _) => SettlesAfter(app, p, payment: true));

    /// <summary>This payment leaves an amount outstanding.</summary>
    public static readonly ApplicationRule PaymentLeavesBalance = ApplicationRule.Branch("leaves an amount outstanding", (app, p, _) => !SettlesAfter(app, p, payment: true));

    /// <summary>This receipt settles the file.</summary>
    public static readonly ApplicationRule ReceiptSettles = ApplicationRule.Branch("settles the file", (app, p, _) => SettlesAfter(app, p, payment: false));

    /// <summary>This receipt leaves an amount outstanding.</summary>
    public static readonly ApplicationRule ReceiptLeavesBalance = ApplicationRule.Branch("leaves an amount outstanding", (app, p, _) => !SettlesAfter(app, p, payment: false));

    // ---- Revocation and closing ----

    /// <summary>A determination can be revoked or changed adversely only within five years (Awb 4:49 lid 3, 4:57 lid 4).</summary>
    public static readonly ApplicationRule WithinLimitation = ApplicationRule.On("within 5 years of the determination", (app, _, ctx) =>
        app.DeterminedOn is not { } on || app.Scheme.Clocks.WithinLimitation(on, ctx.Today)
            ? null
            : Refusal.Conflict("state", $"The determination of {GrantDecision.Iso(on)} can no longer be revoked: {app.Scheme.Clocks.LimitationYears} years have passed (Awb 4:49 lid 3)."));

    /// <summary>A settled file is archived only when nothing can change any more: the limitation period has passed.</summary>
    public static readonly ApplicationRule LimitationPassed = ApplicationRule.On("5 years after the determination passed", (app, _, ctx) =>
        app.DeterminedOn is { } on && app.Scheme.Clocks.WithinLimitation(on, ctx.Today)
            ? Refusal.Conflict("state", $"The determination can still be revoked until {GrantDecision.Iso(app.Scheme.Clocks.BarredFrom(on).PlusDays(-1))}; close it after that.")
            : null);

    /// <summary>A revoked file is archived only when nothing is owed either way.</summary>
    public static readonly ApplicationRule NothingOutstanding = ApplicationRule.On("nothing outstanding", (app, _, _) =>
        app.Amounts.NothingOutstanding ? null : Refusal.Conflict("state", $"{app.Amounts.Receivable} is still being reclaimed."));

    // ---- Helpers (pure) ----

    /// <summary>The tier a grant decision is judged by: the first approval's amount, else the request's, else what was requested.</summary>
    public static AccountabilityTier GrantTier(Application app, object? payload) =>
        app.Scheme.Tiers.TierOf(app.PendingApproval?.Amount ?? (payload as GrantDecision)?.Amount ?? app.Requested);

    /// <summary>An amendment is judged by the stricter of the grant's tier and the new budget's; it never lowers the tier.</summary>
    public static AccountabilityTier AmendTier(Application app, object? payload)
    {
        var budget = app.PendingApproval?.Amount ?? (payload as AmendmentDecision)?.Budget ?? app.Amendment?.Budget ?? app.Granted;
        var byBudget = app.Scheme.Tiers.TierOf(budget);
        var current = app.Tier ?? AccountabilityTier.B;
        return (AccountabilityTier)Math.Max((int)Math.Max((int)byBudget, (int)current), (int)AccountabilityTier.B);
    }

    private static bool DeterminationCompletes(Application app) => app.Tier != AccountabilityTier.C || app.PendingApproval is not null;

    private static Money DeterminedAmount(Application app, object? payload) =>
        app.PendingApproval?.Amount ?? (payload as Determination)?.Amount ?? app.Granted;

    private static bool SettlesAfter(Application app, object? payload, bool payment)
    {
        var a = app.Amounts;
        var amount = (payload as MoneyRecord)?.Amount;
        var payable = payment ? a.Payable - (amount ?? a.Payable) : a.Payable;
        var receivable = payment ? a.Receivable : a.Receivable - (amount ?? a.Receivable);
        return payable.Cents == 0 && receivable.Cents == 0 && a.OpenCommitment.Cents == 0;
    }

    private static Refusal? Draft(DraftContent d)
    {
        if (string.IsNullOrWhiteSpace(d.Title))
        {
            return Refusal.Invalid("title", "A title is required.");
        }
        if (d.Requested.Cents <= 0 || d.Requested.Cents > Money.MaxCents)
        {
            return Refusal.Invalid("requested", "The requested amount must be positive.");
        }
        return Text("title", d.Title);
    }

    /// <summary>Checks a draft's content and plan; used when a draft is created.</summary>
    public static Refusal? CheckDraft(string region, FundingTerms lead, DraftContent d, IReadOnlyDictionary<string, FundingTerms> sources) =>
        Draft(d) ?? CoFinancing.CheckPlan(region, lead, d, sources);

    /// <summary>The terms of the fund applied to, as recorded with the application.</summary>
    public static FundingTerms Lead(Application app) =>
        app.Sources.FirstOrDefault(t => t.Source == app.LeadSource) ?? FundingTerms.Fund(app.LeadSource, app.FundOwner);

    internal static Refusal? Text(string field, string? text) =>
        text is { Length: > ApplicationLimits.MaxTextLength }
            ? Refusal.Invalid(field, $"At most {ApplicationLimits.MaxTextLength} characters.")
            : null;

    /// <summary>A schedule: bounded, positive amounts, dates in order after the paid ones, all together within the budget.</summary>
    private static Refusal? Schedule(string field, IReadOnlyList<ScheduledAdvance> paid, IReadOnlyList<ScheduledAdvance> remaining, Money budget)
    {
        if (paid.Count + remaining.Count > ApplicationLimits.MaxAdvances)
        {
            return Refusal.Invalid(field, $"A schedule has at most {ApplicationLimits.MaxAdvances} advances.");
        }
        LocalDate? previous = paid.Count > 0 ? paid[^1].Due : null;
        var total = Money.Zero;
        foreach (var a in paid)
        {
            total += a.Amount;
        }
        foreach (var a in remaining)
        {
            if (a.Amount.Cents <= 0 || a.Amount > budget)
            {
                return Refusal.Invalid(field, "Every advance is a positive amount within the grant.");
            }
            if (previous is { } p && a.Due < p)
            {
                return Refusal.Invalid(field, "Advances are scheduled in date order.");
            }
            previous = a.Due;
            total += a.Amount;
            if (total > budget)
            {
                return Refusal.Invalid(field, $"The advances ({total} so far) exceed the grant of {budget}.");
            }
        }
        return null;
    }
}
