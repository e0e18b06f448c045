using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using PvoFinance.Access;
using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>The stored JSON of an application reads back to the same value, field for field.</summary>
public sealed class ApplicationJsonTests
{
    [Fact]
    public void A_tier_C_file_with_every_kind_of_field_filled_round_trips()
    {
        var kit = new ApplicationKit();
        var scheme = new SchemeRules(new TierRules(M("20000"), M("100000"), TierBoundary.AboveThresholdIsTierC), new LegalClocks(6, 4, 20, 5, 7));
        var wf = kit.UnderReview("150000", scheme: scheme);
        Ok(wf, T.ExtendDecisionTerm, Officer, new DecisionTermExtension(3, "advies nodig"));
        Ok(wf, T.RequestInformation, Officer, new Note("begroting ontbreekt"));
        Ok(wf, T.SupplyInformation, Manager, new Note("bijgevoegd"));
        var grant = kit.Grant("150000", (0, "50000"), (60, "40000"));
        Ok(wf, T.Grant, Officer, grant);
        Ok(wf, T.Grant, Officer2, grant);
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("50000"), "bank-1"));
        Ok(wf, T.RequestAmendment, Manager, new AmendmentRequest(M("140000"), kit.Today.PlusMonths(12), "minder winkels"));
        Ok(wf, T.ApproveAmendment, Officer, new AmendmentDecision(M("140000"), kit.Today.PlusMonths(12), kit.Today.PlusMonths(13), Reason: "akkoord"));
        var app = wf.Application;
        Assert.NotNull(app.PendingApproval);
        Assert.NotNull(app.Amendment);

        AssertRoundTrips(app);
        var json = JsonNode.Parse(ApplicationJson.Serialize(app))!.AsObject();
        foreach (var p in typeof(Application).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            Assert.True(json.ContainsKey(JsonNamingPolicy.CamelCase.ConvertName(p.Name)), $"{p.Name} is not stored.");
        }
        Assert.Equal("150000.00", (string?)json["requested"]);
        Assert.Equal("province:Limburg", (string?)json["fundOwner"]);
        Assert.False(json.ContainsKey("nextAdvance"));
    }

    [Fact]
    public void A_determined_file_with_a_reclaim_round_trips_and_the_workflow_goes_on_from_the_copy()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("30000", (0, "20000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("20000")));
        Ok(wf, T.SubmitAccountability, Manager, new AccountabilityReport("verslag"));
        Ok(wf, T.Determine, Officer, new Determination(M("15000"), "minder gedaan"));
        AssertRoundTrips(wf.Application);

        var copy = new ApplicationWorkflow(ApplicationJson.Deserialize(ApplicationJson.Serialize(wf.Application)), Rules, kit.Clock);
        var r = Ok(copy, T.RecordReclaim, Treasurer, new MoneyRecord(M("5000"), "terug"));
        Assert.Equal(ApplicationState.Settled, r.Application.State);
        Assert.Equal(M("5000"), r.Application.Amounts.Reclaimed);
    }

    [Fact]
    public void Payloads_read_from_request_json_and_unknown_members_are_refused()
    {
        var grant = JsonSerializer.Deserialize<GrantDecision>(
            """{"amount":"30000.00","endDate":"2027-01-31","accountabilityDue":"2027-03-01","advances":[{"due":"2026-04-01","amount":"20000"}],"reason":"ok"}""",
            ApplicationJson.Options)!;
        Assert.Equal(M("30000"), grant.Amount);
        Assert.Equal(M("20000"), grant.Advances[0].Amount);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Note>("""{"reasn":"x"}""", ApplicationJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MoneyRecord>("""{"amount":12.5}""", ApplicationJson.Options));
    }

    private static void AssertRoundTrips(Application app)
    {
        var json = ApplicationJson.Serialize(app);
        var back = ApplicationJson.Deserialize(json);
        Assert.Equal(json, ApplicationJson.Serialize(back));
        Assert.Equal(app.Scheme, back.Scheme);
        Assert.Equal(app.FundOwner, back.FundOwner);
        Assert.Equal(app.Amounts, back.Amounts);
        Assert.Equal(app.Deadlines, back.Deadlines);
        Assert.Equal(app.PendingApproval, back.PendingApproval);
        Assert.Equal(app.History.Count, back.History.Count);
        Assert.Equal(app.History[^1].Effects, back.History[^1].Effects);
        Assert.Empty(ApplicationInvariants.Violations(back));
    }
}
