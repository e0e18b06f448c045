using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>
/// Every trigger, per role and own or other scope, in each state: what <see cref="ApplicationWorkflow.PermittedTriggers"/>
/// lists, and that firing anything not listed is refused without a change.
/// </summary>
public sealed class RoleMatrixTests
{
    private static readonly Dictionary<string, Actor> People = new()
    {
        ["manager"] = Manager,
        ["other-manager"] = OtherManager,
        ["officer"] = Officer,
        ["other-officer"] = OtherOfficer,
        ["ministry"] = Ministry,
        ["treasurer"] = Treasurer,
        ["national-treasurer"] = NationalTreasurer,
        ["region-treasurer"] = RegionTreasurer,
        ["other-treasurer"] = OtherTreasurer,
    };

    /// <summary>Brings a fresh application of the Limburg fund to a named position.</summary>
    private static ApplicationWorkflow Setup(string position, ApplicationKit kit)
    {
        switch (position)
        {
            case "draft":
                return kit.Draft("60000");
            case "submitted":
                var s = kit.Draft("60000");
                Ok(s, T.Submit, Manager);
                return s;
            case "review":
                return kit.UnderReview("60000");
            case "information":
                var i = kit.UnderReview("60000");
                Ok(i, T.RequestInformation, Officer2, new Note("vraag"));
                return i;
            case "granted":
                return kit.Granted("60000", (0, "10000"));
            case "amendment":
                var a = kit.Granted("60000");
                Ok(a, T.RequestAmendment, Manager2, new AmendmentRequest(M("70000"), null, "meer"));
                return a;
            case "accounted":
                var c = kit.Granted("60000");
                Ok(c, T.SubmitAccountability, Manager2, new AccountabilityReport("resultaten"));
                return c;
            case "determined":
                var d = kit.Granted("60000");
                Ok(d, T.SubmitAccountability, Manager2, new AccountabilityReport("resultaten"));
                Ok(d, T.Determine, Officer2, new Determination(M("60000")));
                return d;
            case "revoked":
                var r = kit.Granted("60000", (0, "10000"));
                Ok(r, T.PayAdvance, Treasurer, new AdvancePayment(M("10000")));
                Ok(r, T.Revoke, Officer2, new Note("ingetrokken"));
                return r;
            case "rejected":
                var j = kit.UnderReview("60000");
                Ok(j, T.Reject, Officer2, new Note("nee"));
                return j;
            case "objection":
                var o = kit.UnderReview("60000");
                Ok(o, T.Reject, Officer2, new Note("nee"));
                Ok(o, T.LodgeObjection, Manager, new ObjectionLodging("bezwaar"));
                return o;
            case "late":
                var l = kit.UnderReview("60000");
                kit.AdvanceDays(58);   // the term's calendar end is King's Day 2026; it ends the day after
                return l;
            case "penalty":
            case "penalty-decided":
                var p = kit.UnderReview("60000");
                kit.AdvanceDays(58);
                Ok(p, T.GiveNoticeOfDefault, Manager2, new Note("ingebrekestelling"));
                kit.AdvanceDays(20);
                Ok(p, T.Reject, Officer2, new Note("nee"));
                kit.AdvanceDays(50);   // the objection term has passed: only the penalty is left
                if (position == "penalty-decided")
                {
                    Ok(p, T.DecidePenalty, Officer2, new PenaltyDecision(M("138.00")));
                }
                return p;
            default:
                throw new ArgumentException(position);
        }
    }

    public static TheoryData<string, string, string> Matrix() => new()
    {
        { "draft", "manager", "EditDraft Submit Withdraw" },
        { "draft", "other-manager", "" },
        { "draft", "officer", "" },
        { "draft", "ministry", "" },
        { "draft", "treasurer", "" },
        { "submitted", "manager", "Withdraw" },
        { "submitted", "officer", "StartReview ExtendDecisionTerm" },
        { "submitted", "other-officer", "" },
        { "submitted", "ministry", "" },
        { "submitted", "other-manager", "" },
        { "review", "manager", "Withdraw" },
        { "review", "officer", "ExtendDecisionTerm RequestInformation Grant Reject" },
        { "review", "other-officer", "" },
        { "review", "ministry", "" },
        { "review", "treasurer", "" },
        { "information", "manager", "SupplyInformation Withdraw" },
        { "information", "other-manager", "" },
        { "information", "officer", "ExtendDecisionTerm" },
        { "granted", "manager", "RequestAmendment SubmitAccountability LodgeObjection" },
        { "granted", "other-manager", "" },
        { "granted", "officer", "Revoke" },
        { "granted", "other-officer", "" },
        { "granted", "treasurer", "PayAdvance" },
        { "granted", "national-treasurer", "PayAdvance" },
        { "granted", "region-treasurer", "" },
        { "granted", "other-treasurer", "" },
        { "amendment", "manager", "LodgeObjection" },
        { "amendment", "officer", "ApproveAmendment RefuseAmendment Revoke" },
        { "amendment", "other-officer", "" },
        { "amendment", "treasurer", "" },
        { "accounted", "manager", "LodgeObjection" },
        { "accounted", "officer", "Determine Revoke" },
        { "accounted", "ministry", "" },
        { "accounted", "treasurer", "" },
        { "determined", "treasurer", "RecordPayment" },
        { "determined", "region-treasurer", "" },
        { "determined", "officer", "Revoke" },
        { "determined", "manager", "LodgeObjection" },
        { "revoked", "treasurer", "RecordReclaim" },
        { "revoked", "officer", "" },
        { "revoked", "other-treasurer", "" },
        { "rejected", "officer", "Close" },
        { "rejected", "manager", "LodgeObjection" },
        { "objection", "manager", "" },
        { "objection", "officer", "ExtendObjectionTerm DecideObjection" },
        { "objection", "other-officer", "" },
        { "objection", "treasurer", "" },
        { "late", "manager", "Withdraw GiveNoticeOfDefault" },
        { "late", "officer", "ExtendDecisionTerm RequestInformation Grant Reject" },
        { "penalty", "officer", "DecidePenalty" },
        { "penalty", "manager", "" },
        { "penalty", "treasurer", "" },
        { "penalty-decided", "treasurer", "PayPenalty" },
        { "penalty-decided", "officer", "" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Permitted_triggers_per_role_and_scope(string position, string person, string expected)
    {
        var kit = new ApplicationKit();
        var wf = Setup(position, kit);
        var actor = People[person];
        var want = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<T>).Order().ToArray();
        Assert.Equal(want, wf.PermittedTriggers(actor).Order().ToArray());

        // Anything not permitted is refused, whatever the payload, and changes nothing.
        foreach (var trigger in Enum.GetValues<T>().Except(want))
        {
            var refusal = No(wf, trigger, actor, SamplePayload(trigger, kit));
            Assert.NotEqual(RefusalCode.Internal, refusal.Code);
        }
    }

    [Fact]
    public void The_matrix_covers_every_action_as_permitted_somewhere()
    {
        var seen = Matrix().SelectMany(row => ((string)row[2]).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(Enum.Parse<T>).ToHashSet();
        // Recording a document is no action (the upload fires it); who may record which kind where is DocumentRecordingTests'.
        Assert.Equal(Enum.GetValues<T>().Where(ApplicationWorkflow.IsAction).Order(), seen.Order());
        Assert.DoesNotContain(T.RecordDocument, Enum.GetValues<T>().Where(ApplicationWorkflow.IsAction));
    }

    /// <summary>A well-formed payload for each trigger, so that refusals come from role, scope or state, not from shape.</summary>
    internal static object SamplePayload(T trigger, ApplicationKit kit) => trigger switch
    {
        T.EditDraft => new DraftContent("x", M("100")),
        T.ExtendDecisionTerm => new DecisionTermExtension(2, "reden"),
        T.Grant => kit.Grant("60000"),
        T.PayAdvance => new AdvancePayment(M("10000")),
        T.RequestAmendment => new AmendmentRequest(M("61000"), null, "reden"),
        T.ApproveAmendment => new AmendmentDecision(M("60000"), kit.Today.PlusMonths(10)),
        T.SubmitAccountability => FullReport(),
        T.Determine => new Determination(M("60000")),
        T.RecordPayment or T.RecordReclaim or T.PayPenalty => new MoneyRecord(M("1")),
        T.LodgeObjection => new ObjectionLodging("bezwaar"),
        T.ExtendObjectionTerm => new ObjectionTermExtension("reden"),
        T.DecideObjection => new ObjectionDecision(false, "ongegrond"),
        T.DecidePenalty => new PenaltyDecision(M("138.00")),
        _ => new Note("reden"),
    };
}
