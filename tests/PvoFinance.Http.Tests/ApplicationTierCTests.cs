using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Tier C through HTTP: the grant and the determination each need two different approvers for exactly the same
/// terms, an information request voids a first approval, and the accountability needs results, realised costs
/// and an auditor's statement. Every figure equals the ledger.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationTierCTests(ServiceFixture fixture)
{
    private const string Region = "limburg";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Limburg");

    [Fact]
    public async Task A_tier_C_file_needs_two_approvers_for_grant_and_determination_and_full_evidence()
    {
        var source = await fixture.FundAsync("tc-full", "300000.00");
        var appId = $"tc-full-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "150000.00");
        var manager = await fixture.As(Manager);
        var first = await fixture.As(Officer.As($"tc-a-{Suffix}"));
        var second = await fixture.As(Officer.As($"tc-b-{Suffix}"));
        var treasurer = await fixture.As(Who.Treasurer("province:Limburg"));
        await manager.Act(appId, "submit");
        await first.Act(appId, "start-review");

        // The first approval is recorded in the history; nothing is committed yet.
        var terms = GrantWith("150000.00", (0, "50000.00"), (30, "50000.00"));
        var app = await first.Act(appId, "grant", terms);
        Assert.Equal("UnderReview", State(app));
        var last = app.GetProperty("history")[app.GetProperty("history").GetArrayLength() - 1];
        Assert.Equal("Grant", last.GetProperty("trigger").GetString());
        Assert.Equal($"tc-a-{Suffix}", last.GetProperty("userId").GetString());
        Assert.Equal("0.00", Figure(app, "open"));
        var journal = $"source.{source}.{ThisYear}";
        Assert.Equal("300000.00", await AvailableAsync(fixture, source));

        // The first approver cannot complete it; the second must approve the same amount and the same terms.
        var before = await first.ViewTextAsync(appId);
        var ledgerBefore = await fixture.Api.BalancesTextAsync(journal);
        (await first.TryAct(appId, "grant", terms)).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        (await second.TryAct(appId, "grant", GrantWith("140000.00", (0, "50000.00"), (30, "50000.00")))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        (await second.TryAct(appId, "grant", GrantWith("150000.00", (0, "40000.00"), (30, "50000.00")))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "terms");
        // The applicant's side never approves, whatever its token says.
        (await manager.TryAct(appId, "grant", terms)).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        Assert.Equal(before, await first.ViewTextAsync(appId));
        Assert.Equal(ledgerBefore, await fixture.Api.BalancesTextAsync(journal));

        app = await second.Act(appId, "grant", terms);
        Assert.Equal("Granted", State(app));
        Assert.Equal("C", app.GetProperty("tier").GetString());
        Assert.Equal("150000.00", Figure(app, "granted"));
        Assert.Equal("150000.00", Figure(app, "open"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("150000.00", await AvailableAsync(fixture, source));

        app = await treasurer.Act(appId, "pay-advance", Amount("50000.00", "bank-tc-1"));
        Assert.Equal("50000.00", Figure(app, "paid"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);

        // Tier C accountability: results, realised costs and the auditor's statement, each named when missing.
        before = await manager.ViewTextAsync(appId);
        (await manager.TryAct(appId, "submit-accountability", new JsonObject { ["realisedCosts"] = "140000.00", ["auditorStatement"] = "goedkeurend" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "results");
        (await manager.TryAct(appId, "submit-accountability", new JsonObject { ["results"] = "keurmerk", ["auditorStatement"] = "goedkeurend" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "realisedCosts");
        (await manager.TryAct(appId, "submit-accountability", new JsonObject { ["results"] = "keurmerk", ["realisedCosts"] = "140000.00" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "auditorStatement");
        (await manager.TryAct(appId, "submit-accountability", new JsonObject { ["results"] = "keurmerk", ["realisedCosts"] = "-1.00", ["auditorStatement"] = "goedkeurend" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "realisedCosts");
        // … and its documents: a content report and a financial statement are not enough in tier C; the refusal names the kind missing.
        var all = await manager.UploadAccountabilityDocumentsAsync(appId);
        before = await manager.ViewTextAsync(appId);
        var withoutAuditor = new JsonObject
        {
            ["results"] = "keurmerk behaald",
            ["realisedCosts"] = "120000.00",
            ["auditorStatement"] = "goedkeurende controleverklaring",
            ["documents"] = new JsonArray(all[0]!.GetValue<string>(), all[1]!.GetValue<string>()),
        };
        var missing = (await manager.TryAct(appId, "submit-accountability", withoutAuditor)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "documents");
        Assert.Contains("auditor-statement", missing.GetProperty("detail").GetString());
        withoutAuditor.Remove("documents");
        missing = (await manager.TryAct(appId, "submit-accountability", withoutAuditor)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "documents");
        Assert.Contains("content-report", missing.GetProperty("detail").GetString());
        Assert.Equal(before, await manager.ViewTextAsync(appId));
        app = await manager.AccountAsync(appId,
            new JsonObject { ["results"] = "keurmerk behaald", ["realisedCosts"] = "120000.00", ["auditorStatement"] = "goedkeurende controleverklaring" });
        Assert.Equal("AccountabilitySubmitted", State(app));
        Assert.False(app.GetProperty("deadlines").GetProperty("determination").ValueKind == System.Text.Json.JsonValueKind.Null);

        // The determination: a first approval records, the same person or the applicant is refused, a second completes.
        var determination = new JsonObject { ["amount"] = "120000.00", ["reason"] = "lagere kosten" };
        app = await first.Act(appId, "determine", determination);
        Assert.Equal("AccountabilitySubmitted", State(app));
        Assert.Equal(JsonValueKindNull, app.GetProperty("figures").GetProperty("determined").ValueKind);
        before = await first.ViewTextAsync(appId);
        (await first.TryAct(appId, "determine", determination)).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        (await manager.TryAct(appId, "determine", determination)).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        (await second.TryAct(appId, "determine", new JsonObject { ["amount"] = "125000.00", ["reason"] = "lagere kosten" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        Assert.Equal(before, await first.ViewTextAsync(appId));

        app = await second.Act(appId, "determine", determination);
        Assert.Equal("Determined", State(app));
        Assert.Equal("120000.00", Figure(app, "determined"));
        Assert.Equal("70000.00", Figure(app, "payable"));
        Assert.Equal("0.00", Figure(app, "open"));
        Assert.Equal("120000.00", Figure(app, "subsidy"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("180000.00", await AvailableAsync(fixture, source));

        app = await treasurer.Act(appId, "record-payment", Amount("70000.00", "bank-tc-2"));
        Assert.Equal("Settled", State(app));
        Assert.Equal("120000.00", Figure(app, "paid"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.True((await fixture.Api.VerifyAsync(journal)).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task An_information_request_voids_a_first_approval()
    {
        var source = await fixture.FundAsync("tc-void", "300000.00");
        var appId = $"tc-void-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "125000.00");
        var manager = await fixture.As(Manager);
        var first = await fixture.As(Officer.As($"tcv-a-{Suffix}"));
        var second = await fixture.As(Officer.As($"tcv-b-{Suffix}"));
        await manager.Act(appId, "submit");
        await first.Act(appId, "start-review");

        // Exactly 125,000.00 is tier C under the default rules ("125,000 or more").
        var terms = GrantWith("125000.00", (0, "25000.00"));
        Assert.Equal("UnderReview", State(await first.Act(appId, "grant", terms)));
        await second.Act(appId, "request-information", Reason("begroting ontbreekt"));
        await manager.Act(appId, "supply-information", Reason("bijgevoegd"));

        // The second approval now is a first approval again: nothing is granted, nothing committed.
        var app = await second.Act(appId, "grant", terms);
        Assert.Equal("UnderReview", State(app));
        Assert.Equal("0.00", Figure(app, "open"));
        Assert.Equal("300000.00", await AvailableAsync(fixture, source));
        (await second.TryAct(appId, "grant", terms)).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");

        // The earlier first approver may now complete it.
        app = await first.Act(appId, "grant", terms);
        Assert.Equal("Granted", State(app));
        Assert.Equal("C", app.GetProperty("tier").GetString());
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        Assert.Equal("175000.00", await AvailableAsync(fixture, source));
    }

    [Fact]
    public async Task Just_below_the_tier_C_threshold_one_approver_grants_and_the_accountability_needs_results_only()
    {
        var source = await fixture.FundAsync("tc-b", "200000.00");
        var appId = $"tc-b-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "124999.99");
        var manager = await fixture.As(Manager);
        var officer = await fixture.As(Officer);
        await manager.Act(appId, "submit");
        await officer.Act(appId, "start-review");
        var app = await officer.Act(appId, "grant", GrantWith("124999.99"));
        Assert.Equal("Granted", State(app));
        Assert.Equal("B", app.GetProperty("tier").GetString());
        await AssertFiguresMatchLedger(fixture, app, source, Region);
        (await manager.TryAct(appId, "submit-accountability", new JsonObject { ["realisedCosts"] = "1.00" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "results");
        app = await manager.AccountAsync(appId, new JsonObject { ["results"] = "verslag" });
        Assert.Equal("AccountabilitySubmitted", State(app));
        // With nothing advanced, a determination of the full grant is paid out; one approver suffices in tier B.
        app = await officer.Act(appId, "determine", new JsonObject { ["amount"] = "124999.99" });
        Assert.Equal("Determined", State(app));
        Assert.Equal("124999.99", Figure(app, "payable"));
        await AssertFiguresMatchLedger(fixture, app, source, Region);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
