using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Planning over HTTP against the real service: projections for every region with sources, costs, gaps and actuals;
/// actuals and commitments as the ledger shows them; versioned scenarios; comparison; the solver; CSV; access.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class PlanningTests(ServiceFixture fixture)
{
    private static readonly string S = "pn-" + Suffix;
    private const string Region = "zeeland-west-brabant";
    private static readonly string[] Regions =
        ["noord-nederland", "oost-nederland", "midden-nederland", "noord-holland", "amsterdam-amstelland", "den-haag", "rotterdam", "zeeland-west-brabant", "oost-brabant", "limburg"];

    private static int ThisYear => DateTime.UtcNow.Year;

    private static string Line(JsonElement year, string list, string line) =>
        year.GetProperty(list).EnumerateArray().Single(l => l.GetProperty("line").GetString() == line).GetProperty("amount").GetString()!;

    private static JsonObject BonusMalus(string name, string pot) => new()
    {
        ["id"] = null,
        ["name"] = name,
        ["coFinancing"] = new JsonObject
        {
            ["pot"] = pot,
            ["bands"] = new JsonArray(new JsonObject { ["minScore"] = 0, ["adjustment"] = "-20" }, new JsonObject { ["minScore"] = 70, ["adjustment"] = "20" }),
        },
    };

    [Fact]
    public async Task Every_region_has_a_five_year_projection_with_sources_costs_gaps_and_actuals()
    {
        var ministry = await fixture.As(Who.Ministry);
        foreach (var region in Regions)
        {
            var p = (await ministry.GetAsync($"api/planning/regions/{region}/projection?from={ThisYear}&years=5")).Expect(HttpStatusCode.OK).Json;
            Assert.Equal("status-quo", p.GetProperty("scenario").GetString());
            Assert.Equal(1, p.GetProperty("version").GetInt32());
            var years = p.GetProperty("years").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(ThisYear, 5), years.Select(y => y.GetProperty("year").GetInt32()));
            foreach (var y in years)
            {
                var income = y.GetProperty("income").EnumerateArray().ToList();
                Assert.Equal(8, income.Count);
                Assert.Equal(Dec(y.GetProperty("cashIncome").GetString()!), income.Sum(l => Dec(l.GetProperty("amount").GetString()!)));
                var costs = y.GetProperty("costs").EnumerateArray().Sum(l => Dec(l.GetProperty("amount").GetString()!));
                Assert.True(costs > 0);
                Assert.Equal(Dec(y.GetProperty("gap").GetString()!), costs - Dec(y.GetProperty("cashIncome").GetString()!) - Dec(y.GetProperty("inKindTotal").GetString()!));
                // Actuals beside this year, none beside future years.
                Assert.Equal(y.GetProperty("year").GetInt32() <= ThisYear, y.GetProperty("actuals").ValueKind == JsonValueKind.Object);
            }
        }
    }

    [Fact]
    public async Task Actuals_and_commitments_are_the_ledgers()
    {
        var ministry = await fixture.As(Who.Ministry);
        var manager = await fixture.As(Who.Manager(Region));
        var id = $"{S}-scheme";
        await ministry.CreateAsync(Source(id, $"Planning scheme {S}", "national-scheme", "Ministerie van Justitie en Veiligheid"));
        await ministry.CeilingAsync(id, ThisYear, "2000000.00");
        await ministry.CeilingAsync(id, ThisYear + 1, "2000000.00");
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("multi", Region, (ThisYear, "40000.00"), (ThisYear + 1, "900000.00")))).Expect(HttpStatusCode.OK);
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/payments", Payment("p1", Region, ThisYear, "12345.67"))).Expect(HttpStatusCode.Created);

        var p = (await manager.GetAsync($"api/planning/regions/{Region}/projection?from={ThisYear}&years=2")).Expect(HttpStatusCode.OK).Json;
        var years = p.GetProperty("years").EnumerateArray().ToList();
        var funding = await manager.RegionFundingAsync(Region, ThisYear);
        var actuals = years[0].GetProperty("actuals");
        // Received from national schemes this year, as the funding endpoint shows the ledger.
        var schemeReceived = funding.GetProperty("sources").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "national-scheme").Sum(s => Dec(s.GetProperty("received").GetString()!));
        Assert.True(schemeReceived >= 12345.67m);
        Assert.Equal(Money(schemeReceived), Line(actuals, "received", "rijk-scheme"));
        Assert.Equal(funding.GetProperty("received").GetString(), actuals.GetProperty("cash").GetString());
        Assert.Equal(funding.GetProperty("inKindTotal").GetString(), actuals.GetProperty("inKind").GetString());
        // Next year the commitment of 900,000 is above the 30,000 assumed, so the plan counts what the ledger committed.
        var next = await manager.RegionFundingAsync(Region, ThisYear + 1);
        var committedNext = next.GetProperty("sources").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "national-scheme").Sum(s => Dec(s.GetProperty("committed").GetString()!));
        Assert.True(committedNext >= 900000m);
        Assert.Equal(Money(committedNext), Line(years[1], "income", "rijk-scheme"));
    }

    [Fact]
    public async Task Scenarios_are_versioned_and_a_projection_names_the_version_it_used()
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-bm";
        var body = BonusMalus("Bonus/malus neutral", "1000000.00");
        body["id"] = id;
        var created = (await ministry.PostJsonAsync("api/planning/scenarios", body)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal("budget-neutral-co-financing", created.GetProperty("kind").GetString());
        // The same create again is a harmless retry; other content under the same id is a conflict.
        (await ministry.PostJsonAsync("api/planning/scenarios", body)).Expect(HttpStatusCode.OK);
        var other = BonusMalus("Other", "5.00");
        other["id"] = id;
        (await ministry.PostJsonAsync("api/planning/scenarios", other)).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "id");

        var v2 = BonusMalus("Bonus/malus neutral", "2000000.00");
        v2["perInhabitant"] = new JsonObject { ["rijk"] = "0.50", ["province"] = "0.50", ["municipalities"] = "0.50" };
        var updated = (await ministry.PutJsonAsync($"api/planning/scenarios/{id}", v2)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.Equal("per-inhabitant+budget-neutral-co-financing", updated.GetProperty("kind").GetString());

        var first = (await ministry.GetAsync($"api/planning/scenarios/{id}?version=1")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("1000000.00", first.GetProperty("scenario").GetProperty("coFinancing").GetProperty("pot").GetString());
        var versions = (await ministry.GetAsync($"api/planning/scenarios/{id}/versions")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal([1, 2], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        var list = (await ministry.GetAsync("api/planning/scenarios")).Expect(HttpStatusCode.OK).Json;
        Assert.Contains(list.EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        Assert.Equal("status-quo", list[0].GetProperty("id").GetString());

        // Budget neutrality over HTTP: the ten regions' co-financing adds up to the pot of the version asked for.
        foreach (var (version, pot) in new[] { (1, 1000000.00m), (2, 2000000.00m) })
        {
            decimal total = 0;
            foreach (var region in Regions)
            {
                var p = (await ministry.GetAsync($"api/planning/regions/{region}/projection?from=2027&years=1&scenario={id}&version={version}")).Expect(HttpStatusCode.OK).Json;
                Assert.Equal(version, p.GetProperty("version").GetInt32());
                total += Dec(Line(p.GetProperty("years")[0], "income", "rijk-co-financing"));
            }
            Assert.Equal(pot, total);
        }
        (await ministry.GetAsync($"api/planning/scenarios/{id}?version=3")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "version");
    }

    [Fact]
    public async Task Comparison_sets_scenarios_side_by_side_with_the_ministrys_view()
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-cmp";
        var body = BonusMalus("Compare me", "750000.00");
        body["id"] = id;
        (await ministry.PostJsonAsync("api/planning/scenarios", body)).Expect(HttpStatusCode.Created);
        var c = (await ministry.GetAsync($"api/planning/comparison?scenarios=status-quo,{id}@1&from=2027&years=3")).Expect(HttpStatusCode.OK).Json;
        var rows = c.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.Equal(["status-quo", id], r.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("scenario").GetString())));
        var ministryViews = c.GetProperty("ministry").EnumerateArray().ToList();
        Assert.Equal(2, ministryViews.Count);
        foreach (var view in ministryViews)
        {
            foreach (var row in view.GetProperty("regions").EnumerateArray())
            {
                Assert.Equal(100.00m, row.GetProperty("sources").EnumerateArray().Sum(s => Dec(s.GetProperty("share").GetString()!)));
                Assert.Equal(Dec(row.GetProperty("cash").GetString()!), Dec(row.GetProperty("earmarked").GetString()!) + Dec(row.GetProperty("free").GetString()!));
                Assert.NotEmpty(row.GetProperty("themes").EnumerateArray());
            }
        }
        // The comparison is the same as asking twice: byte-identical.
        var again = await ministry.GetAsync($"api/planning/comparison?scenarios=status-quo,{id}@1&from=2027&years=3");
        Assert.Equal(c.GetRawText(), again.Json.GetRawText());
    }

    [Fact]
    public async Task The_solver_answers_the_smallest_amount_per_inhabitant()
    {
        var ministry = await fixture.As(Who.Ministry);
        var solved = (await ministry.PostJsonAsync("api/planning/solve", new JsonObject { ["mode"] = "per-inhabitant", ["from"] = 2031, ["years"] = 5 })).Expect(HttpStatusCode.OK).Json;
        var result = solved.GetProperty("result");
        Assert.True(result.GetProperty("feasible").GetBoolean());
        var value = result.GetProperty("value").GetString()!;
        var sweep = result.GetProperty("sensitivity").EnumerateArray().ToList();
        Assert.Contains(sweep, p => p.GetProperty("offset").GetString() == "-1 step" && p.GetProperty("regionsWithGap").GetInt32() > 0);
        Assert.Contains(sweep, p => p.GetProperty("value").GetString() == value && p.GetProperty("regionsWithGap").GetInt32() == 0);

        // Store the answer as a mandate: every region's gap is closed in every year; one step less leaves one open.
        var step = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) - 0.0001m;
        foreach (var (sid, rate, closes) in new[] { ($"{S}-at", value, true), ($"{S}-below", step.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), false) })
        {
            var body = new JsonObject { ["id"] = sid, ["name"] = sid, ["perInhabitant"] = new JsonObject { ["rijk"] = rate, ["province"] = rate, ["municipalities"] = rate } };
            (await ministry.PostJsonAsync("api/planning/scenarios", body)).Expect(HttpStatusCode.Created);
            var c = (await ministry.GetAsync($"api/planning/comparison?scenarios={sid}&from=2031&years=5")).Expect(HttpStatusCode.OK).Json;
            var open = c.GetProperty("ministry")[0].GetProperty("totals").EnumerateArray().Sum(t => t.GetProperty("regionsWithGap").GetInt32());
            Assert.Equal(closes, open == 0);
        }
        var rate2 = (await ministry.PostJsonAsync("api/planning/solve", new JsonObject { ["mode"] = "co-financing-rate", ["from"] = 2031 })).Expect(HttpStatusCode.OK).Json;
        Assert.True(rate2.GetProperty("result").GetProperty("feasible").GetBoolean());
    }

    /// <summary>
    /// Issue 13, item 5, through the API: a province commits 150,000 a year for three years to Limburg; the five-year
    /// projection shows the commitment in its years (committed, the last one marked) and the status-quo assumption of
    /// 250,000 after it (assumed, saying the commitment ended), in JSON and CSV. The years lie far ahead (2096–2100)
    /// because the tests share one service and other tests commit Limburg's provincial funds in the coming years; the
    /// rule does not depend on the year.
    /// </summary>
    [Fact]
    public async Task A_multi_year_provincial_commitment_shows_in_its_years_and_its_end()
    {
        const int first = 2096;
        var officer = await fixture.As(Who.Officer("Limburg"));
        var manager = await fixture.As(Who.Manager("limburg"));
        var id = $"{S}-plan-lim";
        var address = $"api/planning/regions/limburg/projection?from={first}&years=5";
        static JsonElement Province(JsonElement year) => year.GetProperty("income").EnumerateArray().Single(l => l.GetProperty("line").GetString() == "province");

        // Before the commitment: the assumption in every year.
        var before = (await manager.GetAsync(address)).Expect(HttpStatusCode.OK).Json.GetProperty("years").EnumerateArray().ToList();
        Assert.All(before, y => Assert.Equal(("250000.00", "assumed"), (Province(y).GetProperty("amount").GetString(), Province(y).GetProperty("basis").GetString())));

        await officer.CreateAsync(Source(id, $"Fund Limburg plan {S}", "provincial-fund", "Provincie Limburg", province: "Limburg"));
        for (var year = first; year < first + 3; year++)
        {
            await officer.CeilingAsync(id, year, "200000.00");
        }
        (await officer.PostJsonAsync($"api/funding-sources/{id}/commitments",
            Commitment("plan", "limburg", (first, "150000.00"), (first + 1, "150000.00"), (first + 2, "150000.00")))).Expect(HttpStatusCode.OK);

        var years = (await manager.GetAsync(address)).Expect(HttpStatusCode.OK).Json.GetProperty("years").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(first, 5), years.Select(y => y.GetProperty("year").GetInt32()));
        Assert.Equal(["150000.00", "150000.00", "150000.00", "250000.00", "250000.00"], years.Select(y => Province(y).GetProperty("amount").GetString()));
        Assert.Equal(["committed", "committed", "committed", "assumed", "assumed"], years.Select(y => Province(y).GetProperty("basis").GetString()));
        var parts = years.Take(3).Select(y => Province(y).GetProperty("commitments").EnumerateArray().Single()).ToList();
        Assert.All(parts, p => Assert.Equal((id, "150000.00"), (p.GetProperty("source").GetString(), p.GetProperty("amount").GetString())));
        Assert.Equal([false, false, true], parts.Select(p => p.GetProperty("lastYear").GetBoolean()));
        Assert.All(years.Skip(3), y => Assert.Equal(first + 2, Province(y).GetProperty("endedIn").GetInt32()));
        // The cash and the gap move by exactly the 100,000 a year less than assumed, and only in the committed years.
        for (var i = 0; i < 5; i++)
        {
            var less = i < 3 ? 100000.00m : 0m;
            Assert.Equal(Dec(before[i].GetProperty("cashIncome").GetString()!) - less, Dec(years[i].GetProperty("cashIncome").GetString()!));
            Assert.Equal(Dec(before[i].GetProperty("gap").GetString()!) + less, Dec(years[i].GetProperty("gap").GetString()!));
        }

        var csv = (await manager.GetAsync($"api/planning/regions/limburg/projection.csv?from={first}&years=5")).Expect(HttpStatusCode.OK).Text.Split("\r\n");
        for (var year = first; year < first + 3; year++)
        {
            Assert.Contains($"limburg,status-quo,1,{year},income,province,150000.00,committed,{(year == first + 2 ? $"The last year committed by {id}." : "")}", csv);
            Assert.Contains($"limburg,status-quo,1,{year},commitment,{id},150000.00,committed,{(year == first + 2 ? "last committed year" : "")}", csv);
        }
        for (var year = first + 3; year < first + 5; year++)
        {
            Assert.Contains($"limburg,status-quo,1,{year},income,province,250000.00,assumed,The commitment of {id} ended in {first + 2}; the status-quo assumption applies again.", csv);
        }

        // The edges of a horizon are read too: from the year after the commitment its end is still named; a horizon that
        // stops inside the commitment does not call its own last year the end, one that stops at the end does.
        var afterwards = (await manager.GetAsync($"api/planning/regions/limburg/projection?from={first + 3}&years=2")).Expect(HttpStatusCode.OK).Json.GetProperty("years");
        Assert.All(afterwards.EnumerateArray(), y => Assert.Equal(first + 2, Province(y).GetProperty("endedIn").GetInt32()));
        var inside = (await manager.GetAsync($"api/planning/regions/limburg/projection?from={first}&years=2")).Expect(HttpStatusCode.OK).Json.GetProperty("years");
        Assert.False(Province(inside[1]).GetProperty("commitments")[0].GetProperty("lastYear").GetBoolean());
        var toTheEnd = (await manager.GetAsync($"api/planning/regions/limburg/projection?from={first}&years=3")).Expect(HttpStatusCode.OK).Json.GetProperty("years");
        Assert.True(Province(toTheEnd[2]).GetProperty("commitments")[0].GetProperty("lastYear").GetBoolean());
    }

    [Fact]
    public async Task A_projection_is_also_csv()
    {
        var manager = await fixture.As(Who.Manager("limburg"));
        var csv = await manager.GetAsync("api/planning/regions/limburg/projection.csv?from=2030&years=2");
        csv.Expect(HttpStatusCode.OK);
        Assert.StartsWith("text/csv", csv.ContentType);
        var lines = csv.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("region,scenario,version,year,section,line,amount,basis,note", lines[0]);
        var json = (await manager.GetAsync("api/planning/regions/limburg/projection?from=2030&years=2")).Expect(HttpStatusCode.OK).Json;
        var gap2031 = json.GetProperty("years")[1].GetProperty("gap").GetString();
        Assert.Contains($"limburg,status-quo,1,2031,gap,gap,{gap2031},assumed,", lines);
        var viaAccept = await manager.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/planning/regions/limburg/projection?from=2030&years=2") { Headers = { { "Accept", "text/csv" } } });
        Assert.Equal(csv.Text, viaAccept.Text);
    }

    [Fact]
    public async Task Out_of_scope_is_403_and_only_the_ministry_edits_scenarios()
    {
        var manager = await fixture.As(Who.Manager("limburg"));
        (await manager.GetAsync("api/planning/regions/rotterdam/projection")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await manager.GetAsync("api/planning/comparison")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await manager.PostJsonAsync("api/planning/solve", new JsonObject { ["mode"] = "per-inhabitant" })).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await manager.PostJsonAsync("api/planning/scenarios", new JsonObject { ["id"] = $"{S}-no", ["name"] = "no" })).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        var officer = await fixture.As(Who.Officer("Limburg"));
        (await officer.GetAsync("api/planning/regions/limburg/projection")).Expect(HttpStatusCode.OK);
        (await officer.GetAsync("api/planning/regions/noord-holland/projection")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        var treasurer = await fixture.As(Who.Treasurer("region:den-haag"));
        (await treasurer.GetAsync("api/planning/regions/den-haag/projection")).Expect(HttpStatusCode.OK);
        (await treasurer.GetAsync("api/planning/regions/limburg/projection")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        var national = await fixture.As(Who.Treasurer("national"));
        (await national.PutJsonAsync($"api/planning/scenarios/{S}-x", new JsonObject { ["name"] = "x" })).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
    }

    [Theory]
    [InlineData("api/planning/regions/limburg/projection?years=11", "years")]
    [InlineData("api/planning/regions/limburg/projection?from=1999", "from")]
    [InlineData("api/planning/regions/limburg/projection?scenario=Bad!", "scenario")]
    [InlineData("api/planning/comparison?scenarios=a,b,c,d,e,f", "scenarios")]
    [InlineData("api/planning/comparison?scenarios=status-quo@x", "scenarios")]
    [InlineData("api/planning/comparison?scenarios=status-quo,status-quo", "scenarios")]
    public async Task Bad_queries_get_400_problems_naming_the_field(string path, string field)
    {
        var ministry = await fixture.As(Who.Ministry);
        (await ministry.GetAsync(path)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", field);
    }

    [Fact]
    public async Task Bad_scenarios_change_nothing()
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-bad";
        (await ministry.PostJsonAsync("api/planning/scenarios", new JsonObject { ["id"] = id, ["name"] = "x", ["perInhabitant"] = new JsonObject { ["rijk"] = "0.12345", ["province"] = "0", ["municipalities"] = "0" } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "perInhabitant.rijk");
        (await ministry.PostJsonAsync("api/planning/scenarios", new JsonObject { ["id"] = id, ["name"] = "x", ["coFinancing"] = new JsonObject { ["rate"] = "10", ["bands"] = new JsonArray(new JsonObject { ["minScore"] = 3, ["adjustment"] = "1" }) } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "coFinancing.bands[0].minScore");
        (await ministry.PostJsonAsync("api/planning/scenarios", new JsonObject { ["id"] = "status-quo", ["name"] = "x" })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "id");
        (await ministry.PostJsonAsync("api/planning/scenarios", new JsonObject { ["id"] = id, ["name"] = "x", ["surprise"] = 1 })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "surprise");
        (await ministry.PostJsonAsync("api/planning/solve", new JsonObject { ["mode"] = "cheapest" })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "mode");
        (await ministry.PutJsonAsync($"api/planning/scenarios/{id}", new JsonObject { ["name"] = "x" })).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        (await ministry.GetAsync($"api/planning/scenarios/{id}")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        (await ministry.GetAsync("api/planning/regions/atlantis/projection")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "regionId");
    }
    [Fact]
    public async Task A_scenario_keeps_at_most_100_versions_and_the_101st_changes_nothing()
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-many";
        (await ministry.PostJsonAsync("api/planning/scenarios", new JsonObject { ["id"] = id, ["name"] = "v1" })).Expect(HttpStatusCode.Created);
        for (var v = 2; v <= 100; v++)
        {
            var saved = (await ministry.PutJsonAsync($"api/planning/scenarios/{id}", new JsonObject { ["name"] = $"v{v}" })).Expect(HttpStatusCode.OK).Json;
            Assert.Equal(v, saved.GetProperty("version").GetInt32());
        }
        (await ministry.PutJsonAsync($"api/planning/scenarios/{id}", new JsonObject { ["name"] = "v101" })).ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "id");
        var latest = (await ministry.GetAsync($"api/planning/scenarios/{id}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(100, latest.GetProperty("version").GetInt32());
        Assert.Equal("v100", latest.GetProperty("scenario").GetProperty("name").GetString());
        Assert.Equal("v1", (await ministry.GetAsync($"api/planning/scenarios/{id}?version=1")).Expect(HttpStatusCode.OK).Json.GetProperty("scenario").GetProperty("name").GetString());
    }
    [Fact]
    public async Task A_projection_counts_the_regions_latest_recorded_population()
    {
        var ministry = await fixture.As(Who.Ministry);
        foreach (var region in new[] { "limburg", "den-haag" })
        {
            var population = (await ministry.GetAsync($"api/regions/{region}/population")).Expect(HttpStatusCode.OK).Json;
            var year = population.GetProperty("year").GetInt32();
            var inhabitants = population.GetProperty("inhabitants").GetInt64();
            var p = (await ministry.GetAsync($"api/planning/regions/{region}/projection?from={year}&years=2")).Expect(HttpStatusCode.OK).Json;
            Assert.Equal(inhabitants, p.GetProperty("years")[0].GetProperty("inhabitants").GetInt64());
            // The next year is every municipality grown by 0.40 %, rounded to a whole person.
            var grown = population.GetProperty("municipalities").EnumerateArray()
                .Sum(m => (long)Math.Round(m.GetProperty("inhabitants").GetInt32() * 1.004m, MidpointRounding.AwayFromZero));
            Assert.Equal(grown, p.GetProperty("years")[1].GetProperty("inhabitants").GetInt64());
        }
    }
    [Fact]
    public async Task The_managers_cost_follows_the_regions_profile_as_it_stands()
    {
        var ministry = await fixture.As(Who.Ministry);
        foreach (var region in new[] { "noord-holland", "amsterdam-amstelland", "oost-brabant" })
        {
            var profile = (await ministry.GetAsync($"api/regions/{region}")).Expect(HttpStatusCode.OK).Json.GetProperty("profile");
            // Other tests may have edited the profile; an unknown FTE counts as 0.50 (docs/planning.md).
            var fte = profile.GetProperty("managerFte").GetString() is { } known ? Dec(known) : 0.50m;
            var p = (await ministry.GetAsync($"api/planning/regions/{region}/projection?from=2026&years=1")).Expect(HttpStatusCode.OK).Json;
            // €90,000 per FTE in 2026 prices.
            Assert.Equal(Money(fte * 90000m), Line(p.GetProperty("years")[0], "costs", "pvo-manager"));
        }
    }
}
