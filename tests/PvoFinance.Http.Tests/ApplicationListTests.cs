using System.Net;
using System.Text.Json;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Lists of applications: filtered by state, region and funding source, limited to the caller's reach (rows per
/// region, read a page at a time), with the decision deadline 8 weeks after the submission in the list and in <c>/due</c>.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationListTests(ServiceFixture fixture)
{
    private const string Region = "limburg";

    // Every page, following "next": the service fixture is shared, so a caller's reach holds more than one page.
    private static async Task<JsonElement[]> ListAsync(LedgerApi api, string query = "", int pageSize = 200)
    {
        var items = new List<JsonElement>();
        string? next = null;
        for (var pages = 0; pages < 1_000; pages++)
        {
            var url = $"api/applications{query}{(query.Length == 0 ? "?" : "&")}pageSize={pageSize}" + (next is null ? "" : $"&continuation={Uri.EscapeDataString(next)}");
            var json = (await api.GetAsync(url)).Expect(HttpStatusCode.OK).Json;
            var page = json.GetProperty("applications").EnumerateArray().ToList();
            Assert.True(page.Count <= pageSize);
            Assert.Equal(page.Count, json.GetProperty("count").GetInt32());
            items.AddRange(page);
            next = json.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (next is null)
            {
                return [.. items];
            }
        }
        throw new InvalidOperationException("The list does not end.");
    }

    private static string[] Ids(IEnumerable<JsonElement> items, string prefix) =>
        [.. items.Select(i => i.GetProperty("id").GetString()!).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Lists_filter_by_state_region_and_source_and_show_only_what_the_caller_may_read()
    {
        var source = await fixture.FundAsync("lst", "100000.00");
        var prefix = $"lst-{Suffix}-";
        var (submitted, draft) = ($"{prefix}a", $"{prefix}b");
        await fixture.DraftAsync(submitted, Region, source, "30000.00");
        await fixture.DraftAsync(draft, Region, source, "20000.00");
        var manager = await fixture.As(Who.Manager(Region));
        await manager.Act(submitted, "submit");

        var officer = await fixture.As(Who.Officer("Limburg"));
        Assert.Equal([submitted, draft], Ids(await ListAsync(officer), prefix));
        Assert.Equal([submitted], Ids(await ListAsync(officer, "?region=limburg&state=Submitted"), prefix));
        Assert.Equal([draft], Ids(await ListAsync(officer, "?state=draft"), prefix));
        Assert.Equal([submitted, draft], Ids(await ListAsync(officer, $"?source={source}"), prefix));
        Assert.Empty(Ids(await ListAsync(officer, "?region=limburg&state=Granted"), prefix));

        // The region's own manager and the ministry see them; a manager of another region sees none of Limburg's.
        Assert.Equal([submitted, draft], Ids(await ListAsync(manager), prefix));
        Assert.Equal([submitted, draft], Ids(await ListAsync(await fixture.As(Who.Ministry)), prefix));
        var other = await fixture.As(Who.Manager("noord-nederland"));
        Assert.DoesNotContain(await ListAsync(other), i => i.GetProperty("region").GetString() == Region);
        Assert.Empty(await ListAsync(other, "?region=limburg"));
        Assert.DoesNotContain((await other.GetAsync("api/applications/due?withinDays=3660")).Expect(HttpStatusCode.OK).Json.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("region").GetString() == Region);

        // The summary carries state, amounts and the funding source.
        var item = (await ListAsync(officer, $"?state=Submitted&source={source}")).Single(i => i.GetProperty("id").GetString() == submitted);
        Assert.Equal("Submitted", State(item));
        Assert.Equal("30000.00", item.GetProperty("requested").GetString());
        Assert.Equal(source, item.GetProperty("fundingSource").GetString());
    }

    [Fact]
    public async Task An_application_to_a_national_scheme_is_not_readable_by_other_regions()
    {
        // Everyone may read a national scheme, but that must not open every region's applications to it.
        var ministry = await fixture.As(Who.Ministry);
        var scheme = $"nat-{Suffix}";
        await ministry.CreateAsync(Source(scheme, $"Regeling {scheme}", "national-scheme", "Ministerie van Justitie en Veiligheid"));
        await ministry.CeilingAsync(scheme, int.Parse(Today[..4], System.Globalization.CultureInfo.InvariantCulture), "50000.00");
        var appId = $"nat-{Suffix}-a";
        await fixture.DraftAsync(appId, Region, scheme, "10000.00");

        var other = await fixture.As(Who.Manager("noord-nederland"));
        (await other.GetAsync($"api/applications/{appId}")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await ministry.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK);
        (await (await fixture.As(Who.Treasurer("national"))).GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK);
        (await (await fixture.As(Who.Manager(Region))).GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_decision_deadline_is_eight_weeks_after_submission_in_the_application_the_list_and_due()
    {
        var source = await fixture.FundAsync("lst-due", "100000.00");
        var appId = $"due-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "30000.00");
        var officer = await fixture.As(Who.Officer("Limburg"));
        var beforeSubmit = (await officer.GetAsync("api/applications/due?withinDays=60")).Expect(HttpStatusCode.OK).Json;
        Assert.DoesNotContain(beforeSubmit.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == appId);

        var app = await (await fixture.As(Who.Manager(Region))).Act(appId, "submit");
        var decision = Day(56);
        Assert.Equal(decision, app.GetProperty("deadlines").GetProperty("decision").GetString());

        var item = (await ListAsync(officer, $"?source={source}")).Single();
        Assert.Equal(decision, item.GetProperty("deadlines").GetProperty("decision").GetString());
        Assert.Equal("Decision", item.GetProperty("next").GetProperty("kind").GetString());
        Assert.Equal(56, item.GetProperty("next").GetProperty("daysLeft").GetInt32());
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.Single(await ListAsync(officer, $"?source={source}&dueWithinDays=56"));
        Assert.Empty(await ListAsync(officer, $"?source={source}&dueWithinDays=55"));
        Assert.Empty(await ListAsync(officer, $"?source={source}&overdue=true"));
        Assert.Single(await ListAsync(officer, $"?source={source}&overdue=false"));

        var due = (await officer.GetAsync("api/applications/due?withinDays=60")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(Today, due.GetProperty("today").GetString());
        var line = due.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == appId);
        Assert.Equal("Decision", line.GetProperty("kind").GetString());
        Assert.Equal(decision, line.GetProperty("due").GetString());
        Assert.Equal(56, line.GetProperty("daysLeft").GetInt32());
        Assert.False(line.GetProperty("overdue").GetBoolean());
        var soon = (await officer.GetAsync("api/applications/due")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(14, soon.GetProperty("withinDays").GetInt32());
        Assert.DoesNotContain(soon.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == appId);
    }

    [Fact]
    public async Task A_list_is_read_a_page_at_a_time_and_every_page_follows_on()
    {
        var source = await fixture.FundAsync("lst-pg", "100000.00");
        var prefix = $"lpg-{Suffix}-";
        var ids = Enumerable.Range(0, 5).Select(i => $"{prefix}{i}").ToArray();
        foreach (var id in ids)
        {
            await fixture.DraftAsync(id, Region, source, "10.00");
        }
        var officer = await fixture.As(Who.Officer("Limburg"));
        var first = (await officer.GetAsync($"api/applications?source={source}&pageSize=2")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(2, first.GetProperty("count").GetInt32());
        Assert.Equal(ids[..2], Ids(first.GetProperty("applications").EnumerateArray(), prefix));
        Assert.Equal(JsonValueKind.String, first.GetProperty("next").ValueKind);
        // Every page of two, followed to the end, gives each application once and in order.
        Assert.Equal(ids, Ids(await ListAsync(officer, $"?source={source}", pageSize: 2), prefix));
        Assert.Equal(ids[1..2], Ids(await ListAsync(officer, $"?source={source}", pageSize: 1), prefix)[1..2]);
        // Without pageSize a page holds at most 50.
        var whole = (await officer.GetAsync("api/applications")).Expect(HttpStatusCode.OK).Json;
        Assert.True(whole.GetProperty("count").GetInt32() <= 50);
        // Nothing of this source is due: dueBefore finds none of them.
        Assert.Empty(await ListAsync(officer, $"?source={source}&dueBefore=2100-01-01"));
    }

    [Theory]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=201", "pageSize")]
    [InlineData("?pageSize=ten", "pageSize")]
    [InlineData("?continuation=not-a-cursor", "continuation")]
    [InlineData("?dueBefore=31-12-2026", "dueBefore")]
    [InlineData("?state=Pending", "state")]
    [InlineData("?state=1", "state")]
    [InlineData("?region=atlantis", "region")]
    [InlineData("?source=no-such-fund", "source")]
    [InlineData("?source=Bad%20Id", "source")]
    [InlineData("?overdue=yes", "overdue")]
    [InlineData("?dueWithinDays=-1", "dueWithinDays")]
    [InlineData("?dueWithinDays=3661", "dueWithinDays")]
    [InlineData("/due?withinDays=two", "withinDays")]
    public async Task Unknown_filter_values_are_a_400_naming_the_field(string query, string field)
    {
        var ministry = await fixture.As(Who.Ministry);
        (await ministry.GetAsync($"api/applications{query}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", field);
    }
}
