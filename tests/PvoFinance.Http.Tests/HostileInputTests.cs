using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// A corpus of more than two hundred malformed or malicious requests against what a user can reach — applications
/// (drafts, funding plans, every action), funding sources, exports, planning and the ledger: broken and huge bodies,
/// overflowing, negative and non-ASCII amounts, unknown ids, path tricks, wrong roles and scopes, replayed keys with
/// other bodies. Every answer is a 4xx problem document, never a 5xx, and nothing changes: the application, the fund
/// and their journals read the same before and after each request.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class HostileInputTests(ServiceFixture fixture)
{
    private const string Region = "oost-nederland";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Gelderland");
    private static readonly Who OtherOfficer = Who.Officer("Limburg");
    private static readonly Who Treasurer = Who.Treasurer("province:Gelderland");
    private static readonly string S = "hostile-" + Suffix;

    /// <param name="ServerRejects">Kestrel refuses the request line itself (e.g. an encoded NUL in the path) before the
    /// application sees it: a bare 400, which must still change nothing.</param>
    private sealed record Attempt(string Name, Who Who, HttpMethod Method, string Path, string? Body, string? ContentType = "application/json", string? Key = null, bool ServerRejects = false);

    internal static readonly string[] Actions =
    [
        "edit-draft", "submit", "start-review", "extend-decision-term", "request-information", "supply-information", "grant", "reject", "withdraw",
        "pay-advance", "request-amendment", "approve-amendment", "refuse-amendment", "submit-accountability", "determine", "record-payment",
        "record-reclaim", "revoke", "close",
    ];

    private static readonly string[] BadBodies =
    [
        "not json",
        "[]",
        "{\"amount\":1e309}",
        "{\"amount\":\"-5.00\",\"reference\":\"x\",\"reason\":\"x\"}",
        "{\"amount\":\"\u0663\u0660\u0660.00\",\"reason\":\"x\"}",
        "{\"amount\":\"99999999999999999999.00\",\"reason\":\"x\"}",
        "{\"amount\":\"1.234\",\"reason\":\"x\"}",
        "{\"unknownField\":true}",
        "{\"reason\":\"" + new string('x', 2_001) + "\"}",
        "{\"amount\":\"10.00\",\"split\":[{\"source\":\"../../etc\",\"amount\":\"10.00\"}],\"reason\":\"x\"}",
        "{\"amount\":\"10.00\",\"endDate\":\"2026-02-30\",\"reason\":\"x\"}",
    ];

    private IEnumerable<Attempt> Corpus(string fund, string granted, string draft)
    {
        var year = Today[..4];
        // Every action with every broken body, by the person who could otherwise take it (and by an outsider).
        foreach (var action in Actions)
        {
            foreach (var body in BadBodies)
            {
                yield return new($"{action} {body[..Math.Min(20, body.Length)]}", action is "pay-advance" or "record-payment" or "record-reclaim" ? Treasurer : Officer,
                    HttpMethod.Post, $"api/applications/{granted}/{action}", body);
            }
            yield return new($"{action} by another province", OtherOfficer, HttpMethod.Post, $"api/applications/{granted}/{action}", "{\"reason\":\"x\",\"amount\":\"1.00\"}");
        }
        // A body larger than any action accepts.
        yield return new("huge body", Officer, HttpMethod.Post, $"api/applications/{granted}/grant", "{\"reason\":\"" + new string('x', 200_000) + "\"}");
        // Decisions the roles may not take, and amounts the rules refuse.
        yield return new("manager grants", Manager, HttpMethod.Post, $"api/applications/{draft}/grant", Grant("1000.00", false).ToJsonString());
        yield return new("treasurer submits", Treasurer, HttpMethod.Post, $"api/applications/{draft}/submit", "{}");
        yield return new("officer edits the draft", Officer, HttpMethod.Post, $"api/applications/{draft}/edit-draft", "{\"title\":\"x\",\"requested\":\"5.00\"}");
        yield return new("advance above the schedule", Treasurer, HttpMethod.Post, $"api/applications/{granted}/pay-advance", "{\"amount\":\"999999.00\",\"reference\":\"x\"}");
        yield return new("determination above the grant", Officer, HttpMethod.Post, $"api/applications/{granted}/determine", "{\"amount\":\"999999.00\",\"reason\":\"x\"}");
        // Drafts with hostile plans and ids.
        foreach (var (name, body) in new (string, JsonObject)[]
        {
            ("plan of a thousand parts", Draft($"{S}-p1", fund, "1000.00", [.. Enumerable.Range(0, 1000).Select(i => ($"src-{i}", "1.00"))])),
            ("negative part", Draft($"{S}-p2", fund, "1000.00", [(fund, "-1000.00")])),
            ("duplicate parts", Draft($"{S}-p3", fund, "1000.00", [(fund, "500.00"), (fund, "500.00")])),
            ("exponent costs", Draft($"{S}-p4", fund, "1e5", [(fund, "1000.00")])),
            ("upper-case id", Draft($"{S}-P5".ToUpperInvariant(), fund, "1000.00", [(fund, "1000.00")])),
            ("path in id", Draft("../../etc/passwd", fund, "1000.00", [(fund, "1000.00")])),
            ("unknown fund", Draft($"{S}-p6", "no-such-fund", "1000.00", [("no-such-fund", "1000.00")])),
            ("other region", Draft($"{S}-p7", fund, "1000.00", [(fund, "1000.00")], region: "limburg")),
            ("region that does not exist", Draft($"{S}-p8", fund, "1000.00", [(fund, "1000.00")], region: "atlantis")),
        })
        {
            yield return new($"draft: {name}", Manager, HttpMethod.Post, "api/applications", body.ToJsonString());
        }
        yield return new("draft of an existing id", Manager, HttpMethod.Post, "api/applications", Draft(draft, fund, "5.00", [(fund, "5.00")]).ToJsonString());
        // Path tricks and unknown things.
        foreach (var path in new[]
        {
            $"api/applications/{granted}/unknown-action", "api/applications/..%2F..%2Fetc%2Fpasswd", $"api/applications/{granted.ToUpperInvariant()}",
            $"api/funding-sources/{fund}%2F..%2F..", "api/funding-sources/%2e%2e", "api/exports/..%2F..%2Fappsettings.json",
            "api/exports/ledger.csv", "api/exports/transactions.csv/../../x", "api/ledger/journals/..%2Fregion.oost-nederland/balances",
            "api/regions/atlantis", "api/planning/regions/atlantis/projection",
        })
        {
            yield return new($"GET {path}", Treasurer, HttpMethod.Get, path, null);
        }
        yield return new("NUL in the path", Treasurer, HttpMethod.Get, "api/applications/%00", null, ServerRejects: true);
        // Queries with hostile values.
        foreach (var query in new[]
        {
            "api/exports/transactions.csv?scope=region:../x", "api/exports/transactions.csv?asOf=9999-99-99", "api/exports/transactions.csv?from=-1",
            "api/exports/transactions.csv?dialect=csv;drop", "api/exports/transactions.csv?scope=national", "api/exports/projects.csv?scope=province:Limburg",
            "api/exports/transactions.csv?asOf=" + new string('9', 5_000), $"api/exports/budgets.csv?scenario=..%2F..%2Fx&scope=region:{Region}",
            $"api/planning/regions/{Region}/projection?years=1000", $"api/planning/regions/{Region}/projection?from=abc",
            $"api/applications?state=Hacked", $"api/applications?region=../../x", $"api/regions/{Region}/funding?year=99999",
        })
        {
            yield return new($"GET {query[..Math.Min(60, query.Length)]}", Treasurer, HttpMethod.Get, query, null);
        }
        // Funding sources: overflowing ceilings, foreign provinces, unknown kinds.
        foreach (var (name, who, method, path, body) in new (string, Who, HttpMethod, string, string)[]
        {
            ("ceiling overflow", Officer, HttpMethod.Put, $"api/funding-sources/{fund}/years/{year}", "{\"ceiling\":\"999999999999999999999.00\"}"),
            ("ceiling negative", Officer, HttpMethod.Put, $"api/funding-sources/{fund}/years/{year}", "{\"ceiling\":\"-1.00\"}"),
            ("ceiling below committed", Officer, HttpMethod.Put, $"api/funding-sources/{fund}/years/{year}", "{\"ceiling\":\"1.00\"}"),
            ("ceiling by another province", OtherOfficer, HttpMethod.Put, $"api/funding-sources/{fund}/years/{year}", "{\"ceiling\":\"5.00\"}"),
            ("ceiling year 3000", Officer, HttpMethod.Put, $"api/funding-sources/{fund}/years/3000", "{\"ceiling\":\"5.00\"}"),
            ("commitment id reused with other content", Officer, HttpMethod.Post, $"api/funding-sources/{fund}/commitments", Commitment("c-hostile", Region, (int.Parse(year, System.Globalization.CultureInfo.InvariantCulture), "5.00")).ToJsonString()),
            ("commitment to a region outside the province", Officer, HttpMethod.Post, $"api/funding-sources/{fund}/commitments", Commitment("c-limburg", "limburg", (int.Parse(year, System.Globalization.CultureInfo.InvariantCulture), "5.00")).ToJsonString()),
            ("source of unknown kind", Officer, HttpMethod.Post, "api/funding-sources", "{\"id\":\"x-hostile\",\"name\":\"x\",\"kind\":\"lottery\",\"funder\":\"x\"}"),
            ("source with a formula name", Officer, HttpMethod.Post, "api/funding-sources", "{\"id\":\"" + S + "-f\",\"name\":\"=1+1\",\"kind\":\"provincial-fund\",\"funder\":\"x\",\"province\":\"Limburg\"}"),
        })
        {
            yield return new(name, who, method, path, body);
        }
        // Wrong content type, and no token at all.
        yield return new("form body", Officer, HttpMethod.Post, $"api/applications/{granted}/reject", "reason=x", "application/x-www-form-urlencoded");
        yield return new("anonymous", Who.Anonymous, HttpMethod.Post, $"api/applications/{granted}/revoke", "{\"reason\":\"x\"}");
    }

    private static JsonObject Draft(string id, string fund, string costs, (string Source, string Amount)[] plan, string region = Region) => new()
    {
        ["id"] = id,
        ["region"] = region,
        ["fundingSource"] = fund,
        ["title"] = "Keurmerk",
        ["requested"] = "1000.00",
        ["projectCosts"] = costs,
        ["funding"] = new JsonArray([.. plan.Select(p => (JsonNode)new JsonObject { ["source"] = p.Source, ["amount"] = p.Amount })]),
    };

    private async Task<string> Snapshot(string fund, string granted, string draft)
    {
        var api = fixture.Api;
        var b = new StringBuilder();
        foreach (var path in new[]
        {
            $"api/applications/{granted}", $"api/applications/{draft}", $"api/funding-sources/{fund}", $"api/ledger/journals/source.{fund}.{Today[..4]}",
            $"api/ledger/journals/source.{fund}.{Today[..4]}/balances", $"api/ledger/journals/region.{Region}", "api/funding-sources",
        })
        {
            var reply = await api.GetAsync(path);
            b.Append(path).Append(' ').Append((int)reply.Status).Append('\n').Append(reply.Text).Append('\n');
        }
        foreach (var id in new[] { $"{S}-p1", $"{S}-p2", $"{S}-p3", $"{S}-p4", $"{S}-p6", $"{S}-p7", $"{S}-p8", "x-hostile", $"{S}-f" })
        {
            b.Append(id).Append(' ').Append((int)(await api.GetAsync($"api/applications/{id}")).Status).Append(' ').Append((int)(await api.GetAsync($"api/funding-sources/{id}")).Status).Append('\n');
        }
        return b.ToString();
    }

    [Fact]
    public async Task Two_hundred_hostile_requests_are_each_a_4xx_problem_and_change_nothing()
    {
        var fund = await fixture.FundAsync("hostile-fund", "100000.00", province: "Gelderland");
        var (manager, officer, treasurer) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(Treasurer));
        var granted = $"{S}-granted";
        var grantedDraft = Draft(granted, fund, "50000.00", [(fund, "30000.00")]);
        grantedDraft["requested"] = "30000.00";
        (await manager.PostJsonAsync("api/applications", grantedDraft)).Expect(HttpStatusCode.Created);
        await manager.Act(granted, "submit");
        await officer.Act(granted, "start-review");
        await officer.Act(granted, "grant", new JsonObject
        {
            ["amount"] = "30000.00",
            ["endDate"] = Day(200),
            ["accountabilityDue"] = Day(230),
            ["reason"] = "ok",
            ["advances"] = new JsonArray(new JsonObject { ["due"] = Day(30), ["amount"] = "10000.00" }),
        });
        var draft = $"{S}-draft";
        (await manager.PostJsonAsync("api/applications", Draft(draft, fund, "1000.00", [(fund, "1000.00")]))).Expect(HttpStatusCode.Created);
        (await officer.PostJsonAsync($"api/funding-sources/{fund}/commitments", Commitment("c-hostile", Region, (int.Parse(Today[..4], System.Globalization.CultureInfo.InvariantCulture), "7.00")))).Expect(HttpStatusCode.OK);
        // A keyed action that worked, whose key the corpus then replays with other bodies.
        (await manager.TryActKeyed(granted, "request-amendment", new JsonObject { ["budget"] = "35000.00", ["reason"] = "meer winkelgebieden" }, "k-amend")).Expect(HttpStatusCode.OK);

        var attempts = Corpus(fund, granted, draft).ToList();
        foreach (var key in new[] { "k-replay-1", "k-replay-2", "k-replay-3" })
        {
            attempts.Add(new($"replayed key with another body ({key})", Manager, HttpMethod.Post, $"api/applications/{granted}/request-amendment", "{\"budget\":\"36000.00\",\"reason\":\"" + key + "\"}", Key: "k-amend"));
        }
        Assert.True(attempts.Count >= 200, $"only {attempts.Count} requests in the corpus");

        var before = await Snapshot(fund, granted, draft);
        var failures = new List<string>();
        foreach (var a in attempts)
        {
            var api = await fixture.As(a.Who);
            using var request = new HttpRequestMessage(a.Method, a.Path);
            if (a.Body is not null)
            {
                request.Content = new StringContent(a.Body, Encoding.UTF8, a.ContentType!);
            }
            if (a.Key is not null)
            {
                request.Headers.Add("Idempotency-Key", a.Key);
            }
            var reply = await api.SendAsync(request);
            var status = (int)reply.Status;
            if (status is < 400 or >= 500)
            {
                failures.Add($"{a.Name}: {status} {reply.Text[..Math.Min(200, reply.Text.Length)]}");
                continue;
            }
            if (!a.ServerRejects && (reply.ContentType != "application/problem+json" || !reply.Text.Contains("\"detail\"", StringComparison.Ordinal)))
            {
                failures.Add($"{a.Name}: {status} is not a problem document ({reply.ContentType}) {reply.Text[..Math.Min(200, reply.Text.Length)]}");
            }
            var after = await Snapshot(fund, granted, draft);
            if (after != before)
            {
                failures.Add($"{a.Name}: changed the state");
                before = after;
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {attempts.Count} hostile requests misbehaved:\n" + string.Join("\n", failures));
    }
}
