using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// A saved draft's funding plan changes through <c>edit-draft</c> (what the manager's page sends): a source added,
/// a wrong part refused naming its field with the draft left as it was, and the source removed again.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationDraftPlanTests(ServiceFixture fixture)
{
    private const string Region = "limburg";

    [Fact]
    public async Task A_drafts_plan_gains_and_loses_a_source_and_a_wrong_part_changes_nothing()
    {
        var year = int.Parse(Today[..4], CultureInfo.InvariantCulture);
        var (officer, manager) = (await fixture.As(Who.Officer("Limburg")), await fixture.As(Who.Manager(Region)));
        var fund = $"dp-fonds-{Suffix}";
        var fundBody = Source(fund, $"Fonds {fund}", "provincial-fund", "Provincie Limburg", province: "Limburg");
        fundBody["maxCofinancing"] = "60";
        await officer.CreateAsync(fundBody);
        await officer.CeilingAsync(fund, year, "100000.00");
        var sponsor = $"dp-spons-{Suffix}";
        await manager.CreateAsync(Source(sponsor, $"Sponsors {sponsor}", "private", "Ondernemersvereniging", region: Region));
        (await manager.PostJsonAsync($"api/funding-sources/{sponsor}/contributions",
            new JsonObject { ["contributionId"] = "c1", ["year"] = year, ["contributor"] = "Ondernemersvereniging", ["amount"] = "5000.00" })).Expect(HttpStatusCode.Created);

        var appId = $"dp-{Suffix}";
        (await manager.PostJsonAsync("api/applications", new JsonObject
        {
            ["id"] = appId,
            ["region"] = Region,
            ["fundingSource"] = fund,
            ["title"] = "Winkelschouw",
            ["requested"] = "24000.00",
            ["projectCosts"] = "40000.00",
        })).Expect(HttpStatusCode.Created);
        Assert.Equal([(fund, "24000.00")], Plan(await Get(manager, appId)));

        static JsonObject Edit(string requested, params (string Source, string Amount)[] parts) => new()
        {
            ["title"] = "Winkelschouw",
            ["requested"] = requested,
            ["projectCosts"] = "40000.00",
            ["funding"] = new JsonArray([.. parts.Select(p => (JsonNode)new JsonObject { ["source"] = p.Source, ["amount"] = p.Amount })]),
        };

        // Added: the sponsor pays 4,000 of 28,000.
        var added = await manager.Act(appId, "edit-draft", Edit("28000.00", (fund, "24000.00"), (sponsor, "4000.00")));
        Assert.Equal([(fund, "24000.00"), (sponsor, "4000.00")], Plan(added));
        Assert.Equal("28000.00", added.GetProperty("requested").GetString());

        // More than 60 % from the fund: refused naming the part, the draft unchanged.
        var before = (await Get(manager, appId)).GetRawText();
        (await manager.TryAct(appId, "edit-draft", Edit("28000.00", (fund, "25000.00"), (sponsor, "3000.00"))))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "funding[0].amount");
        // A source named twice is refused naming the second.
        (await manager.TryAct(appId, "edit-draft", Edit("28000.00", (fund, "24000.00"), (fund, "4000.00"))))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "funding[1].source");
        Assert.Equal(before, (await Get(manager, appId)).GetRawText());

        // Removed: the fund alone again.
        var removed = await manager.Act(appId, "edit-draft", Edit("24000.00", (fund, "24000.00")));
        Assert.Equal([(fund, "24000.00")], Plan(removed));
        Assert.Equal("24000.00", removed.GetProperty("requested").GetString());
        Assert.Equal("Draft", State(removed));
    }

    private static async Task<JsonElement> Get(LedgerApi api, string appId) =>
        (await api.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK).Json;

    private static (string Source, string Amount)[] Plan(JsonElement app) =>
        [.. app.GetProperty("plan").EnumerateArray().Select(p => (p.GetProperty("source").GetString()!, p.GetProperty("amount").GetString()!))];
}
