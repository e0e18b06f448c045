using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Real activity of every kind the invariant checker reads: a national scheme with a ceiling, commitments and payments
/// (transfers to a region), a transfer straight through the ledger API, and a tier B application from draft through
/// grant, advance, accountability and determination to the final payment.
/// </summary>
public static class DeploymentWorkload
{
    /// <summary>Runs the activity; answers the journals it wrote to.</summary>
    public static async Task<string[]> RunAsync(ServiceFixture fixture, string tag)
    {
        var year = int.Parse(ThisYear, System.Globalization.CultureInfo.InvariantCulture);
        var ministry = await fixture.As(Who.Ministry);
        var scheme = $"wl-{tag}";
        await ministry.CreateAsync(Source(scheme, $"Regeling {scheme}", "national-scheme", "JenV"));
        await ministry.CeilingAsync(scheme, year, "10000.00");
        (await ministry.PostJsonAsync($"api/funding-sources/{scheme}/commitments", Commitment("c1", "limburg", (year, "4000.00")))).Expect(HttpStatusCode.OK);
        (await ministry.PostJsonAsync($"api/funding-sources/{scheme}/commitments", Commitment("c2", "rotterdam", (year, "3000.00")))).Expect(HttpStatusCode.OK);
        var treasurer = await fixture.As(Who.Treasurer("national"));
        (await treasurer.PostJsonAsync($"api/funding-sources/{scheme}/payments", Payment("p1", "limburg", year, "1500.00"))).Expect(HttpStatusCode.Created);
        (await treasurer.PostJsonAsync($"api/funding-sources/{scheme}/payments", Payment("p2", "rotterdam", year, "3000.00"))).Expect(HttpStatusCode.Created);
        var transfer = new JsonObject
        {
            ["fromJournal"] = $"source.{scheme}.{year}",
            ["debitAccount"] = $"budget:{scheme}:{year}",
            ["toJournal"] = "region.zeeland-west-brabant",
            ["creditAccount"] = $"region:zeeland-west-brabant:{scheme}",
            ["amount"] = "250.00",
            ["valueDate"] = Today,
        };
        (await ministry.PostJsonAsync($"api/ledger/transfers/wl-{tag}-t1", transfer)).Expect(HttpStatusCode.OK);
        // Over the ceiling's remainder: refused, and the reservation voided.
        transfer["amount"] = "99999.00";
        (await ministry.PostJsonAsync($"api/ledger/transfers/wl-{tag}-t2", transfer)).Expect(HttpStatusCode.UnprocessableEntity);

        var fund = await fixture.FundAsync($"wlf-{tag}", "60000.00");
        var appId = $"wl-{tag}-app";
        await fixture.DraftAsync(appId, "limburg", fund, "40000.00");
        var (manager, officer, provincial) = (await fixture.As(Who.Manager("limburg")), await fixture.As(Who.Officer("Limburg")), await fixture.As(Who.Treasurer("province:Limburg")));
        await manager.Act(appId, "submit", Reason("compleet"));
        await officer.Act(appId, "start-review");
        await officer.Act(appId, "grant", GrantWith("30000.00", (0, "20000.00")));
        await provincial.Act(appId, "pay-advance", Amount("20000.00", "bank-1"));
        await manager.AccountAsync(appId, new JsonObject { ["results"] = "verslag" });
        await officer.Act(appId, "determine", new JsonObject { ["amount"] = "25000.00", ["reason"] = "een activiteit minder" });
        await provincial.Act(appId, "record-payment", Amount("5000.00", "bank-2"));
        return [$"source.{scheme}.{year}", $"source.{fund}.{year}", "region.limburg", "region.rotterdam", "region.zeeland-west-brabant"];
    }
}
