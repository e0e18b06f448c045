using static PvoFinance.Applications.ApplicationRules;
using static PvoFinance.Applications.ObjectionRules;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Applications;

/// <summary>Objections (Awb chapter 6–7) and the penalty for a late decision (Awb 4:17–4:18) in the one machine.</summary>
public sealed partial class ApplicationWorkflow
{
    /// <summary>The states after a decision one can object to (until the file is closed).</summary>
    private static readonly S[] Decided = [S.Granted, S.AmendmentRequested, S.AccountabilitySubmitted, S.Determined, S.Settled, S.Rejected, S.Revoked];

    /// <summary>The states in which a penalty can be decided and paid: once notice could be given, until closed.</summary>
    private static readonly S[] PenaltyStates =
        [S.Submitted, S.UnderReview, S.InformationRequested, S.Granted, S.AmendmentRequested, S.AccountabilitySubmitted, S.Determined, S.Settled, S.Rejected, S.Withdrawn, S.Revoked];

    // Objections are reentries (the application keeps its state while the objection runs), except a founded objection
    // that moves money: a rejection becomes a grant (tier A: granted and determined), a revised determination settles
    // the file or leaves money to pay or reclaim. Tier C revisions need two approvers, as the grant and determination do.
    private void ConfigureObjections()
    {
        foreach (var s in Decided)
        {
            Permit(s, _lodgeObjection, s, RegionManager, ObjectionInTime, ObjectionsLeft);
            Permit(s, _extendObjection, s, FundOwner, ObjectionOpen, ObjectionExtensionValid);
            On(s, _lodgeObjection, "open objection", (actor, o) => LodgeObjection(actor, o));
            On(s, _extendObjection, "lengthen objection term", (_, e) => ExtendObjection(e));
        }
        foreach (var s in new[] { S.Granted, S.AmendmentRequested, S.AccountabilitySubmitted, S.Revoked })
        {
            Permit(s, _decideObjection, s, FundOwner, NotApplicantSide, ObjectionOpen, ObjectionDecisionValid);
        }
        var stays = "unfounded, recorded, or first of two approvals";
        Permit(S.Rejected, _decideObjection, S.Rejected, FundOwner, NotApplicantSide, SecondApproverDiffers, ConfirmsFirstApproval, ObjectionOpen, ObjectionDecisionValid, Leads(S.Rejected, stays));
        Permit(S.Rejected, _decideObjection, S.Granted, FundOwner, NotApplicantSide, SecondApproverDiffers, ConfirmsFirstApproval, ObjectionOpen, ObjectionDecisionValid, Leads(S.Granted, "founded, rejection becomes a tier B or C grant"));
        Permit(S.Rejected, _decideObjection, S.Determined, FundOwner, NotApplicantSide, SecondApproverDiffers, ConfirmsFirstApproval, ObjectionOpen, ObjectionDecisionValid, Leads(S.Determined, "founded, rejection becomes a tier A grant"));
        foreach (var s in new[] { S.Determined, S.Settled })
        {
            Permit(s, _decideObjection, S.Determined, FundOwner, NotApplicantSide, SecondApproverDiffers, ConfirmsFirstApproval, ObjectionOpen, ObjectionDecisionValid,
                Leads(S.Determined, s == S.Determined ? "unfounded, or revised determination leaves money to pay or reclaim" : "revised determination leaves money to pay or reclaim"));
            Permit(s, _decideObjection, S.Settled, FundOwner, NotApplicantSide, SecondApproverDiffers, ConfirmsFirstApproval, ObjectionOpen, ObjectionDecisionValid,
                Leads(S.Settled, s == S.Settled ? "unfounded, or revised determination settles" : "revised determination settles"));
        }
        foreach (var s in new[] { S.Granted, S.AmendmentRequested, S.AccountabilitySubmitted, S.Revoked, S.Rejected, S.Determined, S.Settled })
        {
            On(s, _decideObjection, "decide objection, revise when founded", (actor, d) => DecideObjection(actor, d));
        }

        // The penalty: notice while undecided; decided and paid afterwards (or after 42 days without a decision).
        foreach (var s in ObjectionClocks.Undecided)
        {
            Permit(s, _noticeOfDefault, s, RegionManager, NoticeAfterTerm, NoteWithinLimit);
            On(s, _noticeOfDefault, "start penalty clock", (_, n) =>
            {
                _reason = n.Reason;
                _app = _app with { Penalty = new Penalty(_context.Today, PenaltyFirstDay(_context.Today)) };
            });
        }
        foreach (var s in PenaltyStates)
        {
            Permit(s, _decidePenalty, s, FundOwner, NotApplicantSide, PenaltyToDecide, PenaltyAmountAsLaw);
            Permit(s, _payPenalty, s, FundTreasurer, PayerIsNotDecider, PenaltyOutstanding, PenaltyPaymentWithin);
            On(s, _decidePenalty, "decide penalty, owe it to the region", (actor, d) =>
            {
                _reason = d.Reason;
                _app = _app with { Penalty = _app.Penalty! with { Decided = d.Amount, DecidedOn = _context.Today, DecidedBy = actor.UserId } };
                Emit(d.Amount.Cents > 0 ? [new LedgerEffect(_app.LeadSource, LedgerEffectKind.PenaltyPayable, d.Amount)] : []);
            });
            On(s, _payPenalty, "pay penalty to the region", (_, m) =>
            {
                _reason = m.Reference;
                _app = _app with { Penalty = _app.Penalty! with { Paid = _app.Penalty.Paid + m.Amount } };
                Emit([new LedgerEffect(_app.LeadSource, LedgerEffectKind.PenaltyPayment, m.Amount)]);
            });
        }
    }

    private void LodgeObjection(Actor actor, ObjectionLodging o)
    {
        _reason = o.Grounds;
        var decision = o.Decision is { } seq ? ObjectionClocks.DecisionAt(_app, seq)! : ObjectionClocks.NewestDecision(_app)!;
        var madeKnown = ObjectionClocks.MadeKnown(decision);
        _app = _app with
        {
            ApplicantSide = WithUser(actor),
            Objections =
            [
                .. _app.Objections,
                new Objection(decision.Sequence, decision.Trigger, madeKnown, _context.Today, _app.History.Count + 1,
                    ObjectionClocks.DecisionDue(madeKnown, committee: false, extended: false)),
            ],
        };
    }

    private void ExtendObjection(ObjectionTermExtension e)
    {
        _reason = e.Reason;
        ReplaceOpen(o =>
        {
            var committee = o.AdvisoryCommittee || e.AdvisoryCommittee;
            var extended = o.Extended || !e.AdvisoryCommittee;
            return o with { AdvisoryCommittee = committee, Extended = extended, DecisionDue = ObjectionClocks.DecisionDue(o.MadeKnown, committee, extended) };
        });
    }

    private void DecideObjection(Actor actor, ObjectionDecision d)
    {
        _reason = d.Reason;
        // A tier C revision is approved twice (the state is already the destination here: a first approval stays).
        var before = _app with { State = _app.History[^1].To };
        if (ObjectionRules.IsFirstOfTwo(before, d))
        {
            _app = _app with { PendingApproval = new PendingApproval(T.DecideObjection, actor.UserId, _now, d.Amount, d.Terms(before)) };
            return;
        }
        if (d.Founded && d.Grant is { } g)
        {
            ApplyGrant(g);
            if (_app.State == S.Determined)
            {
                Emit(Settlement.GrantAndDetermine(_app.Split));
                ApplyDetermination(g.Amount);
            }
            else
            {
                Emit(Settlement.Grant(_app.Split));
            }
        }
        else if (d.Founded && d.Determined is { } amount)
        {
            Emit(ObjectionSettlement.Redetermine(_app.Positions(), _app.Split, amount));
            var clocks = _app.Scheme.Clocks;
            _app = _app with
            {
                Determined = amount,
                PendingApproval = null,
                // The revised decision has its own clocks: what becomes payable is due six weeks from today.
                Deadlines = _app.Deadlines with { Payment = _app.Amounts.Payable.Cents > 0 ? clocks.PaymentDue(_context.Today) : null },
            };
        }
        _app = _app with { PendingApproval = null };
        ReplaceOpen(o => o with { Outcome = d.Founded ? ObjectionOutcome.Founded : ObjectionOutcome.Unfounded, DecidedOn = _context.Today });
    }

    private void ReplaceOpen(Func<Objection, Objection> change) =>
        _app = _app with { Objections = [.. _app.Objections.Select(o => o.IsOpen ? change(o) : o)] };
}
