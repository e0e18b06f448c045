using NodaTime;
using PvoFinance.Access;
using Stateless;
using Stateless.Reflection;
using static PvoFinance.Applications.ApplicationRules;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Applications;

/// <summary>
/// The subsidy application lifecycle (Awb title 4.2) as one Stateless state machine over an
/// <see cref="Application"/> value. The workflow decides; the caller persists the new value and books the
/// returned <see cref="LedgerEffect"/>s. No I/O happens here.
/// </summary>
/// <remarks>
/// <para>The machine keeps no state of its own: its accessor and mutator read and replace
/// <see cref="Application"/>. Every trigger carries the acting <see cref="Actor"/> and one payload; its guards
/// are <see cref="ApplicationRule"/>s whose descriptions appear in the diagram (<see cref="ApplicationDiagram"/>).</para>
/// <para>A request is first judged with <c>CanFire</c> (guards are pure); a refused request returns a
/// <see cref="Refusal"/> and changes nothing. Entry actions then compute the new value and the effects; if
/// anything throws, or the result breaks an <see cref="ApplicationInvariants">invariant</see>, the value
/// before the request is restored and the request is refused. No exception reaches the caller.</para>
/// <para>Not thread-safe: one request at a time per workflow (a non-reentrant grain gives exactly that).</para>
/// </remarks>
public sealed partial class ApplicationWorkflow
{
    private readonly StateMachine<S, T> _machine;
    private readonly AccessRules _access;
    private readonly IClock _clock;
    private readonly IReadOnlyDictionary<string, FundingTerms> _sources;
    private readonly Dictionary<T, Type> _payloadTypes = [];
    private readonly Dictionary<T, Func<Actor, object?, Task>> _fire = [];
    private readonly Dictionary<T, Func<Actor, object?, (bool Ok, ICollection<string>? Unmet)>> _canFire = [];
    private readonly Dictionary<(S, T), List<ApplicationRule>> _rules = [];

    // Parameterised triggers, created once (Stateless keeps their parameter types with the machine).
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, DraftContent?> _editDraft;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, Note?> _submit;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, Note?> _startReview;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, DecisionTermExtension?> _extend;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, Note?> _requestInformation;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, Note?> _supplyInformation;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, GrantDecision?> _grant;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, Note?> _reject;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, Note?> _withdraw;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, AdvancePayment?> _payAdvance;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, AmendmentRequest?> _requestAmendment;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, AmendmentDecision?> _approveAmendment;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, Note?> _refuseAmendment;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, AccountabilityReport?> _submitAccountability;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, Determination?> _determine;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, MoneyRecord?> _recordPayment;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, MoneyRecord?> _recordReclaim;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, Note?> _revoke;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, Note?> _close;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, ObjectionLodging?> _lodgeObjection;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, ObjectionTermExtension?> _extendObjection;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, ObjectionDecision?> _decideObjection;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, Note?> _noticeOfDefault;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, PenaltyDecision?> _decidePenalty;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, MoneyRecord?> _payPenalty;
    private readonly StateMachine<S, T>.TriggerWithParameters<Actor, DocumentRecord?> _recordDocument;

    private Application _app;

    // The request being judged or fired: read by guards and actions, set before each CanFire/FireAsync.
    private GuardContext _context;
    private Instant _now;
    private List<LedgerEffect> _effects = [];
    private string? _reason;

    /// <summary>Builds the machine over <paramref name="application"/>.</summary>
    /// <param name="application">The current value, as loaded.</param>
    /// <param name="access">Who may do what where.</param>
    /// <param name="clock">The clock that dates transitions and judges terms (a fake one in tests).</param>
    /// <param name="sources">The terms of the funding sources a draft edit may name in its plan (looked up by the caller); none needed otherwise.</param>
    public ApplicationWorkflow(Application application, AccessRules access, IClock clock, IReadOnlyDictionary<string, FundingTerms>? sources = null)
    {
        _app = application ?? throw new ArgumentNullException(nameof(application));
        _access = access ?? throw new ArgumentNullException(nameof(access));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _sources = sources ?? new Dictionary<string, FundingTerms>();
        _context = new GuardContext(access, LegalClocks.Today(clock.GetCurrentInstant()), _sources);

        _machine = new StateMachine<S, T>(() => _app.State, s => _app = _app with { State = s })
        {
            // Vital inside an Orleans grain: keep continuations on the grain's scheduler.
            RetainSynchronizationContext = true,
        };

        _editDraft = Trigger<DraftContent>(T.EditDraft);
        _submit = Trigger<Note>(T.Submit);
        _startReview = Trigger<Note>(T.StartReview);
        _extend = Trigger<DecisionTermExtension>(T.ExtendDecisionTerm);
        _requestInformation = Trigger<Note>(T.RequestInformation);
        _supplyInformation = Trigger<Note>(T.SupplyInformation);
        _grant = Trigger<GrantDecision>(T.Grant);
        _reject = Trigger<Note>(T.Reject);
        _withdraw = Trigger<Note>(T.Withdraw);
        _payAdvance = Trigger<AdvancePayment>(T.PayAdvance);
        _requestAmendment = Trigger<AmendmentRequest>(T.RequestAmendment);
        _approveAmendment = Trigger<AmendmentDecision>(T.ApproveAmendment);
        _refuseAmendment = Trigger<Note>(T.RefuseAmendment);
        _submitAccountability = Trigger<AccountabilityReport>(T.SubmitAccountability);
        _determine = Trigger<Determination>(T.Determine);
        _recordPayment = Trigger<MoneyRecord>(T.RecordPayment);
        _recordReclaim = Trigger<MoneyRecord>(T.RecordReclaim);
        _revoke = Trigger<Note>(T.Revoke);
        _close = Trigger<Note>(T.Close);
        _lodgeObjection = Trigger<ObjectionLodging>(T.LodgeObjection);
        _extendObjection = Trigger<ObjectionTermExtension>(T.ExtendObjectionTerm);
        _decideObjection = Trigger<ObjectionDecision>(T.DecideObjection);
        _noticeOfDefault = Trigger<Note>(T.GiveNoticeOfDefault);
        _decidePenalty = Trigger<PenaltyDecision>(T.DecidePenalty);
        _payPenalty = Trigger<MoneyRecord>(T.PayPenalty);
        _recordDocument = Trigger<DocumentRecord>(T.RecordDocument);

        Configure();
        ConfigureObjections();
        ConfigureDocuments();
    }

    /// <summary>The current value: persist it after a successful request.</summary>
    public Application Application => _app;

    /// <summary>The payload type a trigger carries (<see cref="Note"/> for motivation-only triggers).</summary>
    public static Type PayloadTypeOf(ApplicationTrigger trigger) => trigger switch
    {
        T.EditDraft => typeof(DraftContent),
        T.ExtendDecisionTerm => typeof(DecisionTermExtension),
        T.Grant => typeof(GrantDecision),
        T.PayAdvance => typeof(AdvancePayment),
        T.RequestAmendment => typeof(AmendmentRequest),
        T.ApproveAmendment => typeof(AmendmentDecision),
        T.SubmitAccountability => typeof(AccountabilityReport),
        T.Determine => typeof(Determination),
        T.RecordPayment or T.RecordReclaim or T.PayPenalty => typeof(MoneyRecord),
        T.LodgeObjection => typeof(ObjectionLodging),
        T.ExtendObjectionTerm => typeof(ObjectionTermExtension),
        T.DecideObjection => typeof(ObjectionDecision),
        T.DecidePenalty => typeof(PenaltyDecision),
        T.RecordDocument => typeof(DocumentRecord),
        _ => typeof(Note),
    };

    /// <summary>
    /// Whether a person asks for <paramref name="trigger"/> as an action (<c>POST /api/applications/{id}/{action}</c>, the
    /// page's buttons, <see cref="PermittedTriggers"/>). <see cref="ApplicationTrigger.RecordDocument"/> is not: the upload
    /// of a document fires it once the file is stored, and asked for on its own it would record a file that is not there.
    /// </summary>
    public static bool IsAction(ApplicationTrigger trigger) => trigger != T.RecordDocument;

    // ------------------------------------------------------------------------------------------------
    // The lifecycle. Rules per transition: who → four-eyes → the file's position → the request's content;
    // branch rules last (they pick the destination, they never explain a refusal).
    // ------------------------------------------------------------------------------------------------
    private void Configure()
    {
        // Draft: the PVO prepares.
        Permit(S.Draft, _editDraft, S.Draft, RegionManager, DraftValid);
        Permit(S.Draft, _submit, S.Submitted, RegionManager, NoteWithinLimit);
        Permit(S.Draft, _withdraw, S.Withdrawn, RegionManager, NoteWithinLimit);

        // Submitted: the decision term runs.
        Permit(S.Submitted, _startReview, S.UnderReview, FundOwner, NoteWithinLimit);
        Permit(S.Submitted, _extend, S.Submitted, FundOwner, NotExtendedBefore, ExtensionValid);
        Permit(S.Submitted, _withdraw, S.Withdrawn, RegionManager, NoteWithinLimit);

        // Under review: information, the grant (tier A determined at once; tier C by two approvers), or refusal.
        Permit(S.UnderReview, _extend, S.UnderReview, FundOwner, NotExtendedBefore, ExtensionValid);
        Permit(S.UnderReview, _requestInformation, S.InformationRequested, FundOwner, InformationRequestsLeft, ReasonGiven);
        Permit(S.UnderReview, _grant, S.UnderReview, FundOwner, NotApplicantSide, GrantWithinRequest, GrantTermsValid, GrantSplitValid, GrantFirstOfTwo);
        Permit(S.UnderReview, _grant, S.Granted, FundOwner, NotApplicantSide, SecondApproverDiffers, ConfirmsFirstApproval, GrantWithinRequest, GrantTermsValid, GrantSplitValid, GrantCompletes);
        Permit(S.UnderReview, _grant, S.Determined, FundOwner, NotApplicantSide, GrantWithinRequest, GrantTermsValid, GrantSplitValid, GrantTierA);
        Permit(S.UnderReview, _reject, S.Rejected, FundOwner, ReasonGiven);
        Permit(S.UnderReview, _withdraw, S.Withdrawn, RegionManager, NoteWithinLimit);

        // Information requested: the term stands still until the PVO answers.
        Permit(S.InformationRequested, _supplyInformation, S.UnderReview, RegionManager, NoteWithinLimit);
        Permit(S.InformationRequested, _extend, S.InformationRequested, FundOwner, NotExtendedBefore, ExtensionValid);
        Permit(S.InformationRequested, _withdraw, S.Withdrawn, RegionManager, NoteWithinLimit);

        // Granted: advances per the schedule, amendments, accountability, or revocation.
        Permit(S.Granted, _payAdvance, S.Granted, FundTreasurer, AdvanceRemains, AdvanceAsScheduled);
        Permit(S.Granted, _requestAmendment, S.AmendmentRequested, RegionManager, AmendmentsLeft, AmendmentRequestValid);
        Permit(S.Granted, _submitAccountability, S.AccountabilitySubmitted, RegionManager, AccountabilityEvidence);
        Permit(S.Granted, _revoke, S.Revoked, FundOwner, ReasonGiven);

        // Amendment requested: decided like a grant.
        Permit(S.AmendmentRequested, _approveAmendment, S.AmendmentRequested, FundOwner, NotApplicantSide, AmendmentWithinRequest, AmendFirstOfTwo);
        Permit(S.AmendmentRequested, _approveAmendment, S.Granted, FundOwner, NotApplicantSide, SecondApproverDiffers, ConfirmsFirstApproval, AmendmentWithinRequest, AmendCompletes);
        Permit(S.AmendmentRequested, _refuseAmendment, S.Granted, FundOwner, ReasonGiven);
        Permit(S.AmendmentRequested, _revoke, S.Revoked, FundOwner, ReasonGiven);

        // Accountability submitted: the determination (tier C by two approvers).
        Permit(S.AccountabilitySubmitted, _determine, S.AccountabilitySubmitted, FundOwner, NotApplicantSide, DeterminationWithinGrant, DetermineFirstOfTwo);
        Permit(S.AccountabilitySubmitted, _determine, S.Determined, FundOwner, NotApplicantSide, SecondApproverDiffers, ConfirmsFirstApproval, DeterminationWithinGrant, DetermineLeavesBalance);
        Permit(S.AccountabilitySubmitted, _determine, S.Settled, FundOwner, NotApplicantSide, SecondApproverDiffers, ConfirmsFirstApproval, DeterminationWithinGrant, DetermineSettles);
        Permit(S.AccountabilitySubmitted, _revoke, S.Revoked, FundOwner, ReasonGiven);

        // Determined: pay what is still due or receive the reclaim; revocable within five years.
        Permit(S.Determined, _recordPayment, S.Determined, FundTreasurer, PaymentDue, PaymentWithinPayable, PaymentLeavesBalance);
        Permit(S.Determined, _recordPayment, S.Settled, FundTreasurer, PaymentDue, PaymentWithinPayable, PaymentSettles);
        Permit(S.Determined, _recordReclaim, S.Determined, FundTreasurer, ReclaimDue, ReclaimWithinReceivable, ReceiptLeavesBalance);
        Permit(S.Determined, _recordReclaim, S.Settled, FundTreasurer, ReclaimDue, ReclaimWithinReceivable, ReceiptSettles);
        Permit(S.Determined, _revoke, S.Revoked, FundOwner, WithinLimitation, ReasonGiven);

        // Settled: still revocable within five years; archived after.
        Permit(S.Settled, _revoke, S.Revoked, FundOwner, WithinLimitation, ReasonGiven);
        Permit(S.Settled, _close, S.Closed, FundOwner, LimitationPassed, ObjectionRules.NothingOpenUnderAwb, NoteWithinLimit);

        // Revoked: receive back what is reclaimed, then archive.
        Permit(S.Revoked, _recordReclaim, S.Revoked, FundTreasurer, ReclaimDue, ReclaimWithinReceivable);
        Permit(S.Revoked, _close, S.Closed, FundOwner, NothingOutstanding, ObjectionRules.NothingOpenUnderAwb, NoteWithinLimit);

        Permit(S.Rejected, _close, S.Closed, FundOwner, ObjectionRules.NothingOpenUnderAwb, NoteWithinLimit);
        Permit(S.Withdrawn, _close, S.Closed, FundOwner, ObjectionRules.NothingOpenUnderAwb, NoteWithinLimit);

        // What each transition does to the value, by destination and trigger.
        On(S.Draft, _editDraft, "update draft and plan", (actor, d) => _app = WithContent(_app, d, _sources.GetValueOrDefault(_app.LeadSource) ?? Lead(_app), _sources) with
        {
            ApplicantSide = WithUser(actor),
        });
        On(S.Submitted, _submit, "start decision term", (actor, n) =>
        {
            _reason = n.Reason;
            _app = _app with
            {
                SubmittedBy = actor.UserId,
                SubmittedAt = _now,
                ApplicantSide = WithUser(actor),
                Deadlines = Deadlines.None.WithDecisionTerm(_app.Scheme.Clocks.DecisionDue(_context.Today)),
            };
        });
        On(S.UnderReview, _startReview, "review", (_, n) => _reason = n.Reason);
        foreach (var s in new[] { S.Submitted, S.UnderReview, S.InformationRequested })
        {
            On(s, _extend, "extend decision term", (_, e) =>
            {
                _reason = e.Reason;
                var d = _app.Deadlines;
                // The extension adds weeks to the term as the law counts it (its calendar end), then the term ends on a working day.
                var extended = d.DecisionTermCalendarEnd is { } end ? d.WithDecisionTerm(end.PlusWeeks(e.Weeks)) : d;
                _app = _app with { Deadlines = extended with { DecisionExtensionReason = e.Reason } };
            });
        }
        On(S.InformationRequested, _requestInformation, "suspend decision term", (_, n) =>
        {
            _reason = n.Reason;
            _app = _app with
            {
                InformationRequests = _app.InformationRequests + 1,
                // An approval was given on the file as it was; new information reopens the assessment.
                PendingApproval = null,
                Deadlines = _app.Deadlines with { DecisionSuspendedSince = _context.Today },
            };
        });
        On(S.UnderReview, _supplyInformation, "resume decision term", (actor, n) =>
        {
            _reason = n.Reason;
            var d = _app.Deadlines;
            // Awb 4:15: the term is suspended from the request until the information is in.
            var suspended = d.DecisionSuspendedSince is { } since ? Period.Between(since, _context.Today, PeriodUnits.Days).Days : 0;
            _app = _app with
            {
                ApplicantSide = WithUser(actor),
                Deadlines = (d.DecisionTermCalendarEnd is { } end ? d.WithDecisionTerm(end.PlusDays(suspended)) : d) with { DecisionSuspendedSince = null },
            };
        });
        On(S.UnderReview, _grant, "record first approval", (actor, g) =>
        {
            _reason = g.Reason;
            _app = _app with { PendingApproval = new PendingApproval(T.Grant, actor.UserId, _now, g.Amount, g.Terms(CoFinancing.GrantSplit(_app, g))) };
        });
        On(S.Granted, _grant, "commit every part of the split", (_, g) =>
        {
            ApplyGrant(g);
            Emit(Settlement.Grant(_app.Split));
        });
        On(S.Determined, _grant, "commit and determine at once", (_, g) =>
        {
            ApplyGrant(g);
            Emit(Settlement.GrantAndDetermine(_app.Split));
            ApplyDetermination(g.Amount);
        });
        On(S.Rejected, _reject, "end", (_, n) => End(n));
        On(S.Withdrawn, _withdraw, "end", (_, n) => End(n));
        On(S.Granted, _payAdvance, "pay advance", (_, p) =>
        {
            _reason = p.Reference;
            Emit(Settlement.Advance(_app.Positions(), p.Amount));
            _app = _app with { AdvancesPaidCount = _app.AdvancesPaidCount + 1 };
        });
        On(S.AmendmentRequested, _requestAmendment, "open amendment", (actor, r) =>
        {
            _reason = r.Reason;
            _app = _app with { Amendment = r, Amendments = _app.Amendments + 1, ApplicantSide = WithUser(actor) };
        });
        On(S.AmendmentRequested, _approveAmendment, "record first approval", (actor, d) =>
        {
            _reason = d.Reason;
            _app = _app with { PendingApproval = new PendingApproval(T.ApproveAmendment, actor.UserId, _now, d.Budget, d.Terms(CoFinancing.AmendSplit(_app, d))) };
        });
        On(S.Granted, _approveAmendment, "amend grant", (_, d) =>
        {
            _reason = d.Reason;
            var split = CoFinancing.AmendSplit(_app, d);
            Emit(Settlement.Amend(_app.Split, split));
            var paid = _app.Advances.Take(_app.AdvancesPaidCount);
            _app = _app with
            {
                Granted = d.Budget,
                Split = split,
                Tier = AmendTier(_app, d),
                EndDate = d.EndDate,
                Advances = d.RemainingAdvances is { } remaining ? [.. paid, .. remaining] : _app.Advances,
                Amendment = null,
                PendingApproval = null,
                Deadlines = _app.Deadlines with { Accountability = d.AccountabilityDue ?? _app.Deadlines.Accountability },
            };
        });
        On(S.Granted, _refuseAmendment, "close amendment", (_, n) =>
        {
            _reason = n.Reason;
            _app = _app with { Amendment = null, PendingApproval = null };
        });
        On(S.AccountabilitySubmitted, _submitAccountability, "start determination term", (actor, r) =>
        {
            _app = _app with
            {
                Accountability = r,
                ApplicantSide = WithUser(actor),
                Deadlines = _app.Deadlines with { Accountability = null, Determination = _app.Scheme.Clocks.DeterminationDue(_context.Today) },
            };
        });
        On(S.AccountabilitySubmitted, _determine, "record first approval", (actor, d) =>
        {
            _reason = d.Reason;
            _app = _app with { PendingApproval = new PendingApproval(T.Determine, actor.UserId, _now, d.Amount, d.Terms()) };
        });
        foreach (var s in new[] { S.Determined, S.Settled })
        {
            On(s, _determine, "set off advances", (_, d) =>
            {
                _reason = d.Reason;
                Emit(Settlement.Determine(_app.Positions(), d.Amount));
                ApplyDetermination(d.Amount);
            });
            On(s, _recordPayment, "pay", (_, m) =>
            {
                _reason = m.Reference;
                Emit(Settlement.Payment(_app.Positions(), m.Amount));
                ClearPaymentDueWhenPaid();
            });
            On(s, _recordReclaim, "receive", (_, m) =>
            {
                _reason = m.Reference;
                Emit(Settlement.Receipt(_app.Positions(), m.Amount));
            });
        }
        On(S.Revoked, _revoke, "reverse and reclaim", (_, n) =>
        {
            _reason = n.Reason;
            Emit(Settlement.Revoke(_app.Positions()));
            _app = _app with
            {
                Amendment = null,
                PendingApproval = null,
                Deadlines = Deadlines.None with { BarredFrom = _app.Deadlines.BarredFrom },
            };
        });
        On(S.Revoked, _recordReclaim, "receive", (_, m) =>
        {
            _reason = m.Reference;
            Emit(Settlement.Receipt(_app.Positions(), m.Amount));
        });
        On(S.Closed, _close, "archive", (_, n) => End(n));
    }

    /// <summary>
    /// What <paramref name="actor"/> may do now, judged on who they are, the file's position and today's date.
    /// The content of a request (amounts, dates, evidence) is judged when it is fired, so a listed trigger
    /// can still be refused for its content. Only actions (<see cref="IsAction"/>): adding a document is the upload's.
    /// </summary>
    public IReadOnlyList<ApplicationTrigger> PermittedTriggers(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _context = new GuardContext(_access, LegalClocks.Today(_clock.GetCurrentInstant()), _sources);
        var permitted = new List<T>();
        foreach (var (trigger, canFire) in _canFire.Where(t => IsAction(t.Key)))
        {
            try
            {
                if (canFire(actor, null).Ok)
                {
                    permitted.Add(trigger);
                }
            }
            catch (InvalidOperationException)
            {
                // Two destinations permitted at once would be a configuration error; the randomized tests
                // make sure it never happens. Here it simply means "not permitted".
            }
        }
        return permitted;
    }

    /// <summary>
    /// Asks for <paramref name="trigger"/> on behalf of <paramref name="actor"/>. Returns the new value with its
    /// history entry and ledger effects, or a refusal with the unchanged value. Never throws for a refused or
    /// failing request.
    /// </summary>
    /// <param name="trigger">What is asked.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="payload">The request's content, of type <see cref="PayloadTypeOf"/>; may be null for <see cref="Note"/> triggers.</param>
    public async Task<TransitionResult> FireAsync(ApplicationTrigger trigger, Actor actor, object? payload = null)
    {
        if (actor is null)
        {
            return TransitionResult.Refused(_app, Refusal.Forbidden("An authenticated user is required."));
        }
        if (!_fire.TryGetValue(trigger, out var fire))
        {
            return TransitionResult.Refused(_app, Refusal.Invalid("trigger", $"Unknown trigger {trigger}."));
        }
        var expected = _payloadTypes[trigger];
        if (payload is null && expected == typeof(Note))
        {
            payload = Note.None;
        }
        if (payload is null || payload.GetType() != expected)
        {
            return TransitionResult.Refused(_app, Refusal.Invalid("payload", $"{trigger} needs a {expected.Name}."));
        }
        if (_app.History.Count >= ApplicationLimits.MaxHistoryEntries)
        {
            return TransitionResult.Refused(_app, Refusal.Conflict("history", $"This application reached its limit of {ApplicationLimits.MaxHistoryEntries} transitions."));
        }

        var before = _app;
        _now = _clock.GetCurrentInstant();
        _context = new GuardContext(_access, LegalClocks.Today(_now), _sources);
        _effects = [];
        _reason = null;
        try
        {
            var (ok, unmet) = _canFire[trigger](actor, payload);
            if (!ok)
            {
                return TransitionResult.Refused(_app, Explain(before.State, trigger, actor, payload, unmet));
            }
            await fire(actor, payload);
            var entry = new HistoryEntry(before.History.Count + 1, _now, actor.UserId, actor.Caller.Role, trigger, before.State, _app.State, _reason, [.. _effects], actor.Name,
                DocumentSha256: (payload as DocumentRecord)?.Sha256);
            // With the entry in the history: it may be the newest decision, whose objection term is then listed.
            var after = ObjectionClocks.Settle(before, _app with { History = [.. before.History, entry] }, _context.Today);
            var broken = ApplicationInvariants.Violations(after);
            if (broken.Count > 0)
            {
                _app = before;
                return TransitionResult.Refused(before, new Refusal(RefusalCode.Internal, "state", "Refused: the result would break an invariant: " + broken[0]));
            }
            _app = after;
            return TransitionResult.Done(after, entry);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Stateless changes the state before entry actions run and rolls nothing back; we do.
            _app = before;
            return TransitionResult.Refused(before, new Refusal(RefusalCode.Internal, "state", $"{trigger} failed and changed nothing: {ex.Message}"));
        }
    }

    /// <summary>
    /// Starts a single-source draft on behalf of the PVO-manager of <paramref name="region"/>, applying to a fund of
    /// <paramref name="fundOwner"/> named <c>fund</c> with no share limit and no earmark (tests of the lifecycle alone).
    /// </summary>
    public static TransitionResult CreateDraft(string id, string region, Scope fundOwner, SchemeRules scheme, Actor actor, DraftContent content, AccessRules access, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(fundOwner);
        return CreateDraft(id, region, FundingTerms.Fund("fund", fundOwner), new Dictionary<string, FundingTerms>(), scheme, actor, content, access, clock);
    }

    /// <summary>
    /// Starts a draft on behalf of the PVO-manager of <paramref name="region"/>, applying to <paramref name="lead"/>.
    /// The fund must be owned by a province or nationally: a region deciding on its own application would have no
    /// second pair of eyes.
    /// </summary>
    /// <param name="id">The application's id.</param>
    /// <param name="region">The applying region.</param>
    /// <param name="lead">The fund applied to; its owner decides.</param>
    /// <param name="sources">The terms of the other sources the plan may name, by id.</param>
    /// <param name="scheme">The scheme's tiers and terms.</param>
    /// <param name="actor">Who starts it.</param>
    /// <param name="content">What it asks for.</param>
    /// <param name="access">Who may do what where.</param>
    /// <param name="clock">The clock.</param>
    public static TransitionResult CreateDraft(string id, string region, FundingTerms lead, IReadOnlyDictionary<string, FundingTerms> sources, SchemeRules scheme,
        Actor actor, DraftContent content, AccessRules access, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(clock);
        var app = new Application { Id = id, Region = region, FundOwner = lead.Owner, Scheme = scheme, LeadSource = lead.Source, Sources = [lead] };
        if (string.IsNullOrWhiteSpace(id) || id.Length > 200)
        {
            return TransitionResult.Refused(app, Refusal.Invalid("id", "An id of 1..200 characters is required."));
        }
        if (lead.Owner.Level == ScopeLevel.Region)
        {
            return TransitionResult.Refused(app, Refusal.Invalid("fundOwner", "A fund deciding on applications is owned by a province or nationally."));
        }
        if (!access.CanManage(actor.Caller, Scope.Region(region)))
        {
            return TransitionResult.Refused(app, Refusal.Forbidden($"Only the PVO-manager of region {region} may start its application."));
        }
        if (ApplicationRules.CheckDraft(region, lead, content, sources) is { } invalid)
        {
            return TransitionResult.Refused(app, invalid);
        }
        var entry = new HistoryEntry(1, clock.GetCurrentInstant(), actor.UserId, actor.Caller.Role, T.EditDraft, S.Draft, S.Draft, "created", [], actor.Name);
        app = WithContent(app, content, lead, sources) with { ApplicantSide = [actor.UserId], History = [entry] };
        return TransitionResult.Done(app, entry);
    }

    // A draft's content replaces the previous one, plan and source terms included.
    private static Application WithContent(Application app, DraftContent d, FundingTerms lead, IReadOnlyDictionary<string, FundingTerms> sources)
    {
        var plan = CoFinancing.PlanOf(d, lead.Source);
        return app with
        {
            Title = d.Title,
            Requested = d.Requested,
            ProjectCosts = d.ProjectCosts ?? d.Requested,
            Theme = d.Theme,
            Plan = plan,
            Sources = [.. plan.Select(p => p.Source == lead.Source ? lead : sources[p.Source])],
        };
    }

    /// <summary>The machine's structure, for the diagram.</summary>
    public StateMachineInfo GetInfo() => _machine.GetInfo();

    // ---- Configuration helpers ----

    private StateMachine<S, T>.TriggerWithParameters<Actor, TPayload?> Trigger<TPayload>(T trigger) where TPayload : class
    {
        var twp = _machine.SetTriggerParameters<Actor, TPayload?>(trigger);
        _payloadTypes[trigger] = typeof(TPayload);
        _fire[trigger] = (actor, payload) => _machine.FireAsync(twp, actor, (TPayload?)payload);
        _canFire[trigger] = (actor, payload) =>
        {
            var ok = _machine.CanFire(twp, actor, (TPayload?)payload, out var unmet);
            return (ok, unmet);
        };
        return twp;
    }

    private void Permit<TPayload>(S from, StateMachine<S, T>.TriggerWithParameters<Actor, TPayload?> trigger, S to, params ApplicationRule[] rules)
        where TPayload : class
    {
        var guards = rules
            .Select(r => new Tuple<Func<Actor, TPayload?, bool>, string>((actor, payload) => r.Check(_app, actor, payload, _context) is null, r.Description))
            .ToArray();
        var state = _machine.Configure(from);
        if (from == to)
        {
            state.PermitReentryIf(trigger, guards);
        }
        else
        {
            state.PermitIf(trigger, to, guards);
        }
        if (!_rules.TryGetValue((from, trigger.Trigger), out var list))
        {
            _rules[(from, trigger.Trigger)] = list = [];
        }
        list.AddRange(rules.Where(r => !list.Contains(r)));
    }

    private void On<TPayload>(S state, StateMachine<S, T>.TriggerWithParameters<Actor, TPayload?> trigger, string description, Action<Actor, TPayload> action)
        where TPayload : class =>
        _machine.Configure(state).OnEntryFrom(trigger, (actor, payload, _) => action(actor, payload!), description);

    // ---- Actions ----

    private void Emit(IReadOnlyList<LedgerEffect> effects)
    {
        foreach (var e in effects)
        {
            _effects.Add(e);
            _app = _app with { Amounts = _app.Amounts.Apply(e) };
        }
    }

    private IReadOnlyList<string> WithUser(Actor actor) =>
        _app.ApplicantSide.Contains(actor.UserId, StringComparer.Ordinal) ? _app.ApplicantSide : [.. _app.ApplicantSide, actor.UserId];

    private void ApplyGrant(GrantDecision g)
    {
        _reason = g.Reason;
        _app = _app with
        {
            Tier = _app.Scheme.Tiers.TierOf(g.Amount),
            Granted = g.Amount,
            Split = CoFinancing.GrantSplit(_app, g),
            EndDate = g.EndDate,
            Advances = [.. g.Advances],
            AdvancesPaidCount = 0,
            PendingApproval = null,
            Deadlines = Deadlines.None with { Accountability = g.AccountabilityDue },
        };
    }

    private void ApplyDetermination(Money amount)
    {
        var clocks = _app.Scheme.Clocks;
        _app = _app with
        {
            Determined = amount,
            DeterminedOn = _context.Today,
            PendingApproval = null,
            Deadlines = Deadlines.None with
            {
                Payment = _app.Amounts.Payable.Cents > 0 ? clocks.PaymentDue(_context.Today) : null,
                BarredFrom = clocks.BarredFrom(_context.Today),
            },
        };
    }

    private void ClearPaymentDueWhenPaid()
    {
        if (_app.Amounts.Payable.Cents == 0)
        {
            _app = _app with { Deadlines = _app.Deadlines with { Payment = null } };
        }
    }

    private void End(Note n)
    {
        _reason = n.Reason;
        _app = _app with { PendingApproval = null, Amendment = null, Deadlines = Deadlines.None };
    }

    // ---- Refusals ----

    private Refusal Explain(S state, T trigger, Actor actor, object payload, ICollection<string>? unmet)
    {
        if (!_rules.TryGetValue((state, trigger), out var rules))
        {
            return Refusal.Conflict("state", $"{trigger} is not possible while the application is {state}.");
        }
        foreach (var rule in rules.Where(r => !r.IsBranch))
        {
            if (rule.Check(_app, actor, payload, _context) is { } refusal)
            {
                return refusal;
            }
        }
        return Refusal.Conflict("state", $"{trigger} is not possible now: {string.Join(", ", unmet ?? [])}.");
    }
}
