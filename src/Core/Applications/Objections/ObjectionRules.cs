using NodaTime;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Applications;

/// <summary>
/// The conditions of objections and of the penalty for a late decision, each a named <see cref="ApplicationRule"/> (see
/// <see cref="ApplicationRules"/> for the order they are attached in). Refusals name the request's field and the rule.
/// </summary>
internal static class ObjectionRules
{
    // ---- Objection ----

    /// <summary>Objections are bounded; one is open at a time.</summary>
    public static readonly ApplicationRule ObjectionsLeft = ApplicationRule.On("no objection open, objections left", (app, _, ctx) =>
        ObjectionClocks.Open(app) is { } open
            ? Refusal.Conflict("decision", $"The objection of {GrantDecision.Iso(open.LodgedOn)} is still open; it is decided first.")
            : app.Objections.Count >= ApplicationLimits.MaxObjections
                ? Refusal.Conflict("decision", $"This application had {ApplicationLimits.MaxObjections} objections already.")
                : !app.History.Any(h => ObjectionClocks.IsObjectable(h) && !app.Objections.Any(o => o.Decision == h.Sequence)
                    && ctx.Today <= AwbTerms.At(ObjectionClocks.MadeKnown(h)).ObjectionTermEnds(ObjectionClocks.MadeKnown(h)))
                    ? Refusal.Conflict("decision", "No decision on this application can be objected to now: each was objected to once, or its six weeks have passed (Awb 6:7).")
                    : null);

    /// <summary>The objection names a decision not objected to before, within its term, with grounds (Awb 6:5, 6:7, 6:8).</summary>
    public static readonly ApplicationRule ObjectionInTime = ApplicationRule.OnPayload<ObjectionLodging>("one objection per decision, within six weeks, with grounds", (app, o, ctx) =>
    {
        if (string.IsNullOrWhiteSpace(o.Grounds))
        {
            return Refusal.Invalid("grounds", "An objection states its grounds (Awb 6:5).");
        }
        if (ApplicationRules.Text("grounds", o.Grounds) is { } tooLong)
        {
            return tooLong;
        }
        var decision = o.Decision is { } seq ? ObjectionClocks.DecisionAt(app, seq) : ObjectionClocks.NewestDecision(app);
        if (decision is null)
        {
            return Refusal.Invalid("decision", o.Decision is null
                ? "There is no decision on this application to object to."
                : $"History entry {o.Decision} is not a decision one can object to (a grant, rejection, amendment, determination or revocation).");
        }
        if (app.Objections.FirstOrDefault(x => x.Decision == decision.Sequence) is { } earlier)
        {
            return Refusal.Conflict("decision", $"The {Name(decision.Trigger)} of {GrantDecision.Iso(earlier.MadeKnown)} was objected to on {GrantDecision.Iso(earlier.LodgedOn)}; a decision can be objected to once.");
        }
        var madeKnown = ObjectionClocks.MadeKnown(decision);
        var last = AwbTerms.At(madeKnown).ObjectionTermEnds(madeKnown);
        return ctx.Today > last
            ? Refusal.Conflict("decision", $"The objection term for the {Name(decision.Trigger)} made known on {GrantDecision.Iso(madeKnown)} ended on {GrantDecision.Iso(last)} (six weeks from the day after, Awb 6:7 and 6:8).")
            : null;
    });

    /// <summary>Extending and deciding need an open objection.</summary>
    public static readonly ApplicationRule ObjectionOpen = ApplicationRule.On("an objection is open", (app, _, _) =>
        ObjectionClocks.Open(app) is null ? Refusal.Conflict("objection", "No objection is open on this application.") : null);

    /// <summary>The term is referred to a committee once and extended once, each with a reason, before it ended (Awb 7:10).</summary>
    public static readonly ApplicationRule ObjectionExtensionValid = ApplicationRule.OnPayload<ObjectionTermExtension>("committee or extension once, in time, with a reason", (app, e, ctx) =>
    {
        if (ObjectionClocks.Open(app) is not { } open)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(e.Reason))
        {
            return Refusal.Invalid("reason", "The objector is told why the term is longer (Awb 7:10 lid 3).");
        }
        if (ApplicationRules.Text("reason", e.Reason) is { } tooLong)
        {
            return tooLong;
        }
        if (ctx.Today > open.DecisionDue)
        {
            return Refusal.Conflict("objection", $"The term for the decision on the objection ended on {GrantDecision.Iso(open.DecisionDue)}; a passed term cannot be extended.");
        }
        if (e.AdvisoryCommittee && open.AdvisoryCommittee)
        {
            return Refusal.Conflict("advisoryCommittee", "The objection was already referred to an advisory committee.");
        }
        return !e.AdvisoryCommittee && open.Extended
            ? Refusal.Conflict("advisoryCommittee", "The term for the decision on the objection was already extended once (Awb 7:10 lid 3).")
            : null;
    });

    /// <summary>
    /// The decision on the objection is motivated (Awb 7:12); a founded objection to a rejection names the grant that replaces
    /// it, one to a determination the new amount; other outcomes move no money here.
    /// </summary>
    public static readonly ApplicationRule ObjectionDecisionValid = new("decision on the objection fits the contested decision", (app, actor, payload, ctx) =>
    {
        if (payload is not ObjectionDecision d || ObjectionClocks.Open(app) is not { } open)
        {
            return payload is null or ObjectionDecision ? null : Refusal.Invalid("payload", "Expected an ObjectionDecision.");
        }
        if (string.IsNullOrWhiteSpace(d.Reason))
        {
            return Refusal.Invalid("reason", "The decision on an objection gives its reasons (Awb 7:12).");
        }
        if (ApplicationRules.Text("reason", d.Reason) is { } tooLong)
        {
            return tooLong;
        }
        var revisesRejection = d.Founded && open.DecisionTrigger == T.Reject;
        var revisesDetermination = d.Founded && open.DecisionTrigger == T.Determine && app.State is S.Determined or S.Settled;
        if (revisesRejection != (d.Grant is not null))
        {
            return Refusal.Invalid("grant", revisesRejection
                ? "A founded objection to a rejection names the grant that replaces it."
                : "Only a founded objection to a rejection names a grant.");
        }
        if (revisesDetermination != (d.Determined is not null))
        {
            return Refusal.Invalid("determined", revisesDetermination
                ? "A founded objection to a determination names the revised amount."
                : d.Founded && open.DecisionTrigger == T.Determine
                    ? $"The determination can no longer be revised here: the application is {app.State}."
                    : "Only a founded objection to a determination names a revised amount.");
        }
        if (d.Grant is { } g)
        {
            foreach (var rule in new[] { ApplicationRules.GrantWithinRequest, ApplicationRules.GrantTermsValid, ApplicationRules.GrantSplitValid })
            {
                if (rule.Check(app, actor, g, ctx) is { } bad)
                {
                    return bad with { Field = "grant." + bad.Field };
                }
            }
        }
        if (d.Determined is { } amount)
        {
            if (amount.IsNegative || amount > app.Granted)
            {
                return Refusal.Invalid("determined", $"The revised determination is 0..{app.Granted} (Awb 4:46 lid 1).");
            }
            if (amount == app.Determined)
            {
                return Refusal.Invalid("determined", $"The revised determination equals the determination of {amount}; decide the objection unfounded instead.");
            }
        }
        return null;
    });

    /// <summary>The destination of a decision on an objection: the state stays unless a founded objection moves money.</summary>
    public static S Target(Application app, object? payload)
    {
        if (payload is not ObjectionDecision { Founded: true } d || (d.Grant is null && d.Determined is null))
        {
            return app.State;
        }
        var tier = d.Grant is { } g ? app.Scheme.Tiers.TierOf(g.Amount) : app.Tier;
        if (tier == AccountabilityTier.C && app.PendingApproval is null)
        {
            return app.State;
        }
        if (d.Grant is { } grant)
        {
            return app.State != S.Rejected ? app.State
                : app.Scheme.Tiers.TierOf(grant.Amount) == AccountabilityTier.A ? S.Determined : S.Granted;
        }
        // Only a revision the rules accept is computed; any other request is refused by them, here it just stays.
        if (d.Determined is not { } amount || amount.IsNegative || amount > app.Granted || app.State is not (S.Determined or S.Settled)
            || ObjectionClocks.Open(app)?.DecisionTrigger != T.Determine)
        {
            return app.State;
        }
        var after = app.Amounts;
        foreach (var e in ObjectionSettlement.Redetermine(app.Positions(), app.Split, d.Determined!.Value))
        {
            after = after.Apply(e);
        }
        return after.NothingOutstanding ? S.Settled : S.Determined;
    }

    /// <summary>True when the decision on the objection is the first of two approvals a tier C revision needs.</summary>
    public static bool IsFirstOfTwo(Application app, ObjectionDecision d) =>
        d.Founded && (d.Grant is not null || d.Determined is not null) && app.PendingApproval is null
        && (d.Grant is { } g ? app.Scheme.Tiers.TierOf(g.Amount) : app.Tier) == AccountabilityTier.C;

    /// <summary>Picks <paramref name="to"/> as the destination of a decision on an objection.</summary>
    public static ApplicationRule Leads(S to, string description) => ApplicationRule.Branch(description, (app, p, _) => Target(app, p) == to);

    // ---- Penalty for a late decision ----

    /// <summary>Notice of default is given once, after the decision term passed (Awb 4:17 lid 3).</summary>
    public static readonly ApplicationRule NoticeAfterTerm = ApplicationRule.On("decision term passed, no notice before", (app, _, ctx) =>
    {
        if (app.Penalty is { } p)
        {
            return Refusal.Conflict("notice", $"Notice of default was already received on {GrantDecision.Iso(p.NoticeReceived)}.");
        }
        if (app.Deadlines.Decision is not { } due)
        {
            return Refusal.Conflict("notice", "No decision term runs.");
        }
        // A term suspended before it ended has not passed (Awb 4:15).
        if (app.Deadlines.DecisionSuspendedSince is { } since && since <= due)
        {
            return Refusal.Conflict("notice", $"The decision term is suspended since {GrantDecision.Iso(since)} while information is awaited (Awb 4:15); it has not passed.");
        }
        return ctx.Today <= due
            ? Refusal.Conflict("notice", $"The decision term runs until {GrantDecision.Iso(due)}; notice of default can be given from {GrantDecision.Iso(due.PlusDays(1))} (Awb 4:17 lid 3).")
            : null;
    });

    /// <summary>The penalty's amount is decided once it no longer runs, when days were owed (Awb 4:18).</summary>
    public static readonly ApplicationRule PenaltyToDecide = ApplicationRule.On("penalty final, not decided", (app, _, ctx) =>
    {
        if (app.Penalty is not { } p)
        {
            return Refusal.Conflict("penalty", "No notice of default was given; no penalty is owed.");
        }
        if (p.Decided is { } decided)
        {
            return Refusal.Conflict("penalty", $"The penalty was decided on {GrantDecision.Iso(p.DecidedOn!.Value)}: {decided}.");
        }
        if (!p.IsFinal(ctx.Today))
        {
            return Refusal.Conflict("penalty", $"The penalty still runs (from {GrantDecision.Iso(p.FirstDay)}, until the decision or {GrantDecision.Iso(p.LastPossibleDay)}); its amount is decided after.");
        }
        return p.LastDayOwed(ctx.Today) is null
            ? Refusal.Conflict("penalty", $"The application was decided before the penalty's first day ({GrantDecision.Iso(p.FirstDay)}); none is owed.")
            : null;
    });

    /// <summary>The amount is the law's, or zero with a ground of Awb 4:17 lid 6.</summary>
    public static readonly ApplicationRule PenaltyAmountAsLaw = ApplicationRule.OnPayload<PenaltyDecision>("amount as Awb 4:17 lid 2, or none on a ground of lid 6", (app, d, ctx) =>
    {
        if (app.Penalty is not { } p)
        {
            return null;
        }
        if (ApplicationRules.Text("reason", d.Reason) is { } tooLong)
        {
            return tooLong;
        }
        var owed = p.OwedOn(ctx.Today);
        if (d.Amount.Cents == 0)
        {
            return string.IsNullOrWhiteSpace(d.Reason)
                ? Refusal.Invalid("reason", "No penalty is owed only on a ground of Awb 4:17 lid 6 (notice unreasonably late, application manifestly inadmissible or unfounded); name it.")
                : null;
        }
        return d.Amount == owed
            ? null
            : Refusal.Invalid("amount", $"The penalty owed is {owed} for {p.DaysOwed(ctx.Today)} days in default (Awb 4:17 lid 2: 23.00, 35.00 and 45.00 a day, at most 42 days); decide that amount, or zero on a ground of lid 6.");
    });

    /// <summary>A penalty payment needs a decided, unpaid penalty.</summary>
    public static readonly ApplicationRule PenaltyOutstanding = ApplicationRule.On("a penalty is outstanding", (app, _, _) =>
        app.Penalty is { Outstanding.Cents: > 0 } ? null : Refusal.Conflict("amount", "No decided penalty is outstanding."));

    /// <summary>Four-eyes where money moves: who decided the penalty does not also pay it.</summary>
    public static readonly ApplicationRule PayerIsNotDecider = ApplicationRule.On("four-eyes, payer did not decide the penalty", (app, actor, _) =>
        app.Penalty?.DecidedBy is { } by && string.Equals(by, actor.UserId, StringComparison.Ordinal)
            ? Refusal.Forbidden("You decided this penalty; someone else records its payment.")
            : null);

    /// <summary>A penalty payment is positive and at most what is outstanding.</summary>
    public static readonly ApplicationRule PenaltyPaymentWithin = ApplicationRule.OnPayload<MoneyRecord>("amount at most the penalty outstanding", (app, m, _) =>
        app.Penalty is { } p && (m.Amount.Cents <= 0 || m.Amount > p.Outstanding)
            ? Refusal.Invalid("amount", $"A penalty payment is positive and at most the {p.Outstanding} outstanding.")
            : ApplicationRules.Text("reference", m.Reference));

    /// <summary>A file is archived only when no objection is open and no penalty is undecided or unpaid.</summary>
    public static readonly ApplicationRule NothingOpenUnderAwb = ApplicationRule.On("no objection open, no penalty owed", (app, _, ctx) =>
        ObjectionClocks.Open(app) is not null
            ? Refusal.Conflict("state", "An objection is still open.")
            : app.Penalty is { } p && (p.Outstanding.Cents > 0 || (p.Decided is null && (!p.IsFinal(ctx.Today) || p.LastDayOwed(ctx.Today) is not null)))
                ? Refusal.Conflict("state", "The penalty for the late decision is still to be decided or paid.")
                : null);

    private static string Name(ApplicationTrigger decision) => decision switch
    {
        T.Grant => "grant",
        T.Reject => "rejection",
        T.ApproveAmendment => "amendment",
        T.RefuseAmendment => "refused amendment",
        T.Determine => "determination",
        T.Revoke => "revocation",
        _ => decision.ToString(),
    };

    /// <summary>The first day of a penalty for a notice received on <paramref name="received"/> (Awb 4:17 lid 3).</summary>
    public static LocalDate PenaltyFirstDay(LocalDate received) => received.PlusDays(AwbTerms.At(received).PenaltyGraceDays);
}
