using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Issue 13's examples of bodies that answered 500 or were taken although they should have been refused: each is
/// now a 400 problem naming the field by its JSON path, in the domain's words (no .NET type name), and changes
/// nothing; and a tier A grant needs no <c>advances</c>.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class StrictBodyTests(ServiceFixture fixture)
{
    private const string Region = "limburg";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Limburg");

    /// <summary>An application of a fresh Limburg fund, under review, and its fund.</summary>
    private async Task<(string App, string Fund)> UnderReviewAsync(string name, string requested = "20000.00")
    {
        var fund = await fixture.FundAsync($"sb-{name}", "1000000.00");
        var app = $"sb-{name}-{Suffix}";
        await fixture.DraftAsync(app, Region, fund, requested);
        await (await fixture.As(Manager)).Act(app, "submit");
        await (await fixture.As(Officer)).Act(app, "start-review");
        return (app, fund);
    }

    /// <summary>Asserts a 400 naming <paramref name="field"/> whose detail names no .NET type, and returns the detail.</summary>
    private static string Refused(Reply reply, string field)
    {
        var problem = reply.ExpectProblem(HttpStatusCode.BadRequest, "Invalid", field);
        var detail = problem.GetProperty("detail").GetString()!;
        AssertNoTypeName(reply);
        return detail;
    }

    private static void AssertNoTypeName(Reply reply)
    {
        foreach (var leak in new[] { "System.", "PvoFinance.", "`1", "Microsoft." })
        {
            Assert.False(reply.Text.Contains(leak, StringComparison.Ordinal), $"The problem names a .NET type ('{leak}'):\n{reply.Describe()}");
        }
    }

    [Fact]
    public async Task A_tier_A_grant_without_advances_is_granted_and_determined()
    {
        var (app, _) = await UnderReviewAsync("tier-a");
        var officer = await fixture.As(Officer);
        var granted = await officer.Act(app, "grant", new JsonObject { ["amount"] = "20000.00", ["endDate"] = Day(200) });
        Assert.Equal("A", granted.GetProperty("tier").GetString());
        Assert.Equal("Determined", State(granted));
        Assert.Equal(0, granted.GetProperty("advances").GetArrayLength());
    }

    [Fact]
    public async Task Null_elements_in_lists_are_refused_naming_the_element()
    {
        var (app, _) = await UnderReviewAsync("nulls");
        var officer = await fixture.As(Officer);
        var before = (await officer.GetAsync($"api/applications/{app}")).Expect(HttpStatusCode.OK).Text;
        var grant = Grant("20000.00", accountable: false);
        grant["split"] = new JsonArray((JsonNode?)null);
        Assert.Contains("must not be null", Refused(await officer.TryAct(app, "grant", grant), "split[0]"), StringComparison.Ordinal);
        var amend = new JsonObject { ["budget"] = "20000.00", ["endDate"] = Day(300), ["remainingAdvances"] = new JsonArray((JsonNode?)null) };
        Refused(await officer.TryAct(app, "approve-amendment", amend), "remainingAdvances[0]");
        amend = new JsonObject { ["budget"] = "20000.00", ["endDate"] = Day(300), ["split"] = new JsonArray(new JsonObject { ["source"] = "x", ["amount"] = "1.00" }, null) };
        Refused(await officer.TryAct(app, "approve-amendment", amend), "split[1]");
        Assert.Equal(before, (await officer.GetAsync($"api/applications/{app}")).Expect(HttpStatusCode.OK).Text);

        // A levy whose participants hold a null is not created (its invoice run would bill nobody).
        var manager = await fixture.As(Manager);
        var levy = $"sb-levy-{Suffix}";
        var body = Source(levy, "Heffing", "municipal-levy", "Gemeenten Limburg", region: Region, levyRate: "0.25");
        body["participants"] = new JsonArray((JsonNode?)null);
        Refused(await manager.PostJsonAsync("api/funding-sources", body), "participants[0]");
        (await manager.GetAsync($"api/funding-sources/{levy}")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
    }

    [Fact]
    public async Task A_member_sent_twice_is_refused_naming_it_and_nothing_changes()
    {
        var fund = await fixture.FundAsync("sb-dup", "1000.00");
        var officer = await fixture.As(Officer);
        var year = int.Parse(Today[..4], System.Globalization.CultureInfo.InvariantCulture);
        var before = (await officer.GetAsync($"api/funding-sources/{fund}")).Expect(HttpStatusCode.OK).Text;
        var detail = Refused(await officer.SendAsync(HttpMethod.Put, $"api/funding-sources/{fund}/years/{year}", """{"ceiling":"1.00","ceiling":"999999.00"}"""), "ceiling");
        Assert.Contains("twice", detail, StringComparison.Ordinal);
        Assert.Equal(before, (await officer.GetAsync($"api/funding-sources/{fund}")).Expect(HttpStatusCode.OK).Text);

        var manager = await fixture.As(Manager);
        var app = $"sb-dup-{Suffix}";
        var draft = $$"""{"id":"{{app}}","region":"{{Region}}","fundingSource":"{{fund}}","title":"T","requested":"100.00","requested":"900.00"}""";
        Refused(await manager.PostRawAsync("api/applications", draft), "requested");
        (await manager.GetAsync($"api/applications/{app}")).Expect(HttpStatusCode.NotFound);

        // Nested members too, with their path.
        var (review, _) = await UnderReviewAsync("dup-nested");
        var grant = $$"""{"amount":"20000.00","endDate":"{{Day(300)}}","accountabilityDue":"{{Day(330)}}","advances":[{"due":"{{Today}}","amount":"1.00","amount":"2.00"}]}""";
        Refused(await (await fixture.As(Officer)).PostRawAsync($"api/applications/{review}/grant", grant), "advances[0].amount");
    }

    [Fact]
    public async Task Dates_the_domain_needs_are_required()
    {
        var (app, _) = await UnderReviewAsync("dates", "40000.00");
        var officer = await fixture.As(Officer);
        var before = (await officer.GetAsync($"api/applications/{app}")).Expect(HttpStatusCode.OK).Text;

        var noDue = GrantWithAdvance();
        ((JsonObject)noDue["advances"]![0]!).Remove("due");
        Assert.Contains("required", Refused(await officer.TryAct(app, "grant", noDue), "advances[0].due"), StringComparison.Ordinal);

        var nullDue = GrantWithAdvance();
        Refused(await officer.TryAct(app, "grant", nullDue.Also(g => g["advances"]![0]!["due"] = null)), "advances[0].due");

        var noEnd = GrantWithAdvance();
        noEnd.Remove("endDate");
        var detail = Refused(await officer.TryAct(app, "grant", noEnd), "endDate");
        Assert.Contains("required", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("past", detail, StringComparison.Ordinal);
        Assert.Equal(before, (await officer.GetAsync($"api/applications/{app}")).Expect(HttpStatusCode.OK).Text);

        static JsonObject GrantWithAdvance() => new()
        {
            ["amount"] = "40000.00",
            ["endDate"] = Day(300),
            ["accountabilityDue"] = Day(330),
            ["advances"] = new JsonArray(new JsonObject { ["due"] = Today, ["amount"] = "10000.00" }),
        };
    }

    [Fact]
    public async Task Misspelt_and_mistyped_members_are_refused_in_domain_words()
    {
        var (app, fund) = await UnderReviewAsync("types");
        var officer = await fixture.As(Officer);
        var year = int.Parse(Today[..4], System.Globalization.CultureInfo.InvariantCulture);
        var cases = new (string Method, string Path, string Body, string Field, string Words)[]
        {
            ("POST", $"api/applications/{app}/grant", $$"""{"amount":"20000.00","endDate":"{{Day(300)}}","advance":[]}""", "advance", "not a field"),
            ("POST", $"api/applications/{app}/grant", $$"""{"amount":20000,"endDate":"{{Day(300)}}"}""", "amount", "text"),
            ("POST", $"api/applications/{app}/grant", $$"""{"amount":"20.000,00","endDate":"{{Day(300)}}"}""", "amount", "amount"),
            ("POST", $"api/applications/{app}/grant", """{"amount":"20000.00","endDate":"31-12-2027"}""", "endDate", "date"),
            ("POST", $"api/applications/{app}/grant", $$"""{"amount":"20000.00","endDate":"{{Day(300)}}","split":{ } }""", "split", "list"),
            ("POST", $"api/applications/{app}/grant", $$"""{"amount":"20000.00","endDate":"{{Day(300)}}","advances":["x"]}""", "advances[0]", "object"),
            ("POST", $"api/applications/{app}/grant", "[]", "body", "object"),
            ("POST", $"api/applications/{app}/extend-decision-term", """{"weeks":"four","reason":"advies"}""", "weeks", "whole number"),
            ("PUT", $"api/funding-sources/{fund}/years/{year}", """{"ceiling":5}""", "ceiling", "text"),
            ("PUT", $"api/funding-sources/{fund}/years/{year}", """{"ceiling":{}}""", "ceiling", "text"),
            ("PUT", $"api/funding-sources/{fund}/years/{year}", """{}""", "ceiling", "required"),
            ("PUT", $"api/funding-sources/{fund}/years/{year}", """{"ceiling":null}""", "ceiling", "null"),
        };
        var before = (await officer.GetAsync($"api/applications/{app}")).Expect(HttpStatusCode.OK).Text;
        foreach (var (method, path, body, field, words) in cases)
        {
            var reply = await officer.SendAsync(new HttpMethod(method), path, body);
            var detail = Refused(reply, field);
            Assert.True(detail.Contains(words, StringComparison.Ordinal), $"'{detail}' does not say '{words}'.\n{reply.Describe()}");
        }
        Assert.Equal(before, (await officer.GetAsync($"api/applications/{app}")).Expect(HttpStatusCode.OK).Text);
    }

    [Fact]
    public async Task A_query_parameter_of_the_wrong_kind_names_the_parameter_not_its_type()
    {
        var reply = await fixture.Api.GetAsync("api/ledger/journals/source.strict.2026/entries?limit=abc");
        var detail = Refused(reply, "limit");
        Assert.Contains("whole number", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("int", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_without_a_body_or_with_an_empty_object_is_read_alike()
    {
        var fund = await fixture.FundAsync("sb-empty", "1000000.00");
        var manager = await fixture.As(Manager);
        foreach (var (suffix, body) in new[] { ("none", (string?)null), ("object", "{}") })
        {
            var app = $"sb-empty-{suffix}-{Suffix}";
            await fixture.DraftAsync(app, Region, fund, "1000.00");
            var reply = (await manager.SendAsync(HttpMethod.Post, $"api/applications/{app}/submit", body)).Expect(HttpStatusCode.OK);
            Assert.Equal("Submitted", State(reply.Json));
        }
    }

    [Fact]
    public async Task Equivalent_bodies_with_one_idempotency_key_are_one_request()
    {
        var (app, _) = await UnderReviewAsync("idem");
        var officer = await fixture.As(Officer);
        var key = $"sb-idem-{Suffix}";
        var first = await Send($$"""{"amount":"20000.00","endDate":"{{Day(300)}}","reason":"ok"}""");
        first.Expect(HttpStatusCode.OK);
        // The same content in another member order and layout replays the first answer.
        var again = await Send($$"""{ "reason" : "ok", "endDate":"{{Day(300)}}",  "amount":"20000.00" }""");
        Assert.Equal(first.Text, again.Expect(HttpStatusCode.OK).Text);
        // Other content with the same key is a conflict.
        (await Send($$"""{"amount":"19000.00","endDate":"{{Day(300)}}","reason":"ok"}""")).ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "Idempotency-Key");

        async Task<Reply> Send(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/applications/{app}/grant")
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await officer.SendAsync(request);
        }
    }
}

/// <summary>A small helper to change a JSON object inline.</summary>
internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
