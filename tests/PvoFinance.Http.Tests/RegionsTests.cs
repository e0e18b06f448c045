using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

/// <summary>Clients and requests for the regions API.</summary>
internal static class Regions
{
    public const long NationalInhabitants2024 = 17_942_942;

    public static readonly IReadOnlyDictionary<string, int> MunicipalitiesPerRegion = new Dictionary<string, int>
    {
        ["oost-nederland"] = 76,
        ["noord-nederland"] = 40,
        ["midden-nederland"] = 38,
        ["zeeland-west-brabant"] = 37,
        ["noord-holland"] = 32,
        ["oost-brabant"] = 32,
        ["limburg"] = 31,
        ["den-haag"] = 27,
        ["rotterdam"] = 23,
        ["amsterdam-amstelland"] = 6,
    };

    /// <summary>A client for a caller written as <c>ministry</c>, <c>pvo-manager:limburg</c>, <c>provincial-officer:Gelderland</c> or <c>treasurer:&lt;scope&gt;</c>.</summary>
    public static async Task<LedgerApi> As(ServiceProcess service, string caller)
    {
        var parts = caller.Split(':', 2);
        var http = parts[0] switch
        {
            "pvo-manager" => await service.ClientAsync("pvo-manager", region: parts[1]),
            "provincial-officer" => await service.ClientAsync("provincial-officer", province: parts[1]),
            "treasurer" => await service.ClientAsync("treasurer", scope: parts[1]),
            "anonymous" => new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) },
            _ => await service.ClientAsync(parts[0]),
        };
        return new LedgerApi(http, service);
    }

    public static Task<Reply> PutAsync(this LedgerApi api, string path, JsonNode body) => api.SendAsync(HttpMethod.Put, path, body.ToJsonString());

    public static async Task<JsonElement[]> ListAsync(this LedgerApi api, string query = "") =>
        [.. (await api.GetAsync("api/regions" + query)).Expect(HttpStatusCode.OK).Json.EnumerateArray()];

    public static long Total(JsonElement[] list) => list.Sum(r => r.GetProperty("inhabitants").GetInt64());

    public static JsonElement Region(JsonElement[] list, string id) => list.Single(r => r.GetProperty("id").GetString() == id);

    public static async Task<JsonElement> DetailsAsync(this LedgerApi api, string id) =>
        (await api.GetAsync($"api/regions/{id}")).Expect(HttpStatusCode.OK).Json;

    /// <summary>The profile's JSON text, to compare "nothing changed" exactly.</summary>
    public static async Task<string> ProfileTextAsync(this LedgerApi api, string id) =>
        (await api.DetailsAsync(id)).GetProperty("profile").GetRawText();

    /// <summary>A profile body from a profile view (drops the read-only editedByUser).</summary>
    public static JsonObject Body(JsonElement profile)
    {
        var body = JsonNode.Parse(profile.GetRawText())!.AsObject();
        body.Remove("editedByUser");
        return body;
    }

    public static JsonObject Population(int year, IEnumerable<(string Code, long Inhabitants)> counts) => new()
    {
        ["year"] = year,
        ["municipalities"] = new JsonArray([.. counts.Select(c => (JsonNode)new JsonObject { ["code"] = c.Code, ["inhabitants"] = c.Inhabitants })]),
    };

    /// <summary>The counts of a population view or the municipalities of a details view.</summary>
    public static List<(string Code, long Inhabitants)> Counts(JsonElement withMunicipalities) =>
        [.. withMunicipalities.GetProperty("municipalities").EnumerateArray().Select(m => (m.GetProperty("code").GetString()!, m.GetProperty("inhabitants").GetInt64()))];
}

/// <summary>The ten regions on CBS data: list, details, profile updates and refused population updates (which change nothing).</summary>
[Collection(ServiceCollection.Name)]
public sealed class RegionsTests(ServiceFixture fixture)
{
    private ServiceProcess Service => fixture.Service;

    [Fact]
    public async Task The_list_has_ten_regions_342_municipalities_and_17_942_942_inhabitants()
    {
        var api = await Regions.As(Service, "pvo-manager:rotterdam");
        var list = await api.ListAsync();

        Assert.Equal(10, list.Length);
        Assert.Equal(Regions.MunicipalitiesPerRegion.Keys.Order(), list.Select(r => r.GetProperty("id").GetString()).Order());
        Assert.Equal(342, list.Sum(r => r.GetProperty("municipalityCount").GetInt32()));
        Assert.Equal(Regions.NationalInhabitants2024, Regions.Total(list));
        foreach (var r in list)
        {
            Assert.Equal(Regions.MunicipalitiesPerRegion[r.GetProperty("id").GetString()!], r.GetProperty("municipalityCount").GetInt32());
            Assert.Equal(2024, r.GetProperty("referenceYear").GetInt32());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("name").GetString()));
        }
        var oost = Regions.Region(list, "oost-nederland");
        Assert.Equal(["Gelderland", "Overijssel"], oost.GetProperty("provinces").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("InformalNetwork", oost.GetProperty("form").GetString());
        Assert.Equal("Foundation", Regions.Region(list, "limburg").GetProperty("form").GetString());
        Assert.Equal(1_138_700, Regions.Region(list, "amsterdam-amstelland").GetProperty("inhabitants").GetInt64());

        Assert.Equal(Regions.NationalInhabitants2024, Regions.Total(await api.ListAsync("?year=2024")));
        (await api.GetAsync("api/regions?year=1800")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "year");
        (await api.GetAsync("api/regions?year=abc")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "year");
    }

    [Fact]
    public async Task Limburg_has_31_municipalities_in_the_province_Limburg_and_its_seeded_foundation_profile()
    {
        var api = await Regions.As(Service, "pvo-manager:limburg");
        var limburg = await api.DetailsAsync("limburg");

        Assert.Equal("limburg", limburg.GetProperty("id").GetString());
        Assert.Equal("Limburg", limburg.GetProperty("name").GetString());
        Assert.Equal(["Limburg"], limburg.GetProperty("provinces").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(31, limburg.GetProperty("municipalityCount").GetInt32());
        var municipalities = limburg.GetProperty("municipalities").EnumerateArray().ToList();
        Assert.Equal(31, municipalities.Count);
        Assert.All(municipalities, m =>
        {
            Assert.Equal("Limburg", m.GetProperty("province").GetString());
            Assert.Equal(2024, m.GetProperty("referenceYear").GetInt32());
            Assert.StartsWith("GM", m.GetProperty("code").GetString());
        });
        Assert.Contains(municipalities, m => m.GetProperty("code").GetString() == "GM0935" && m.GetProperty("name").GetString() == "Maastricht"
            && m.GetProperty("inhabitants").GetInt32() == 125_285);
        Assert.Equal(1_133_255, limburg.GetProperty("inhabitants").GetInt64());
        Assert.Equal(limburg.GetProperty("inhabitants").GetInt64(), municipalities.Sum(m => m.GetProperty("inhabitants").GetInt64()));
        Assert.Equal(2024, limburg.GetProperty("referenceYear").GetInt32());
        Assert.Equal([2024], limburg.GetProperty("populationYears").EnumerateArray().Select(y => y.GetInt32()));

        var profile = limburg.GetProperty("profile");
        Assert.Equal("Foundation", profile.GetProperty("form").GetString());
        Assert.Contains("Paul Verhoeven", profile.GetProperty("chair").GetString());
        Assert.Equal("Smart Service Campus", profile.GetProperty("managerProvidedBy").GetString());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("managerFte").ValueKind);
        Assert.Equal("0.0", profile.GetProperty("ccvAdviserDaysPerWeek").GetString());
        Assert.Contains("MKB Limburg", profile.GetProperty("atTheTable").EnumerateArray().Select(p => p.GetString()));
        Assert.False(profile.GetProperty("editedByUser").GetBoolean());
    }

    [Fact]
    public async Task Unknown_region_is_404_naming_the_id()
    {
        var ministry = await Regions.As(Service, "ministry");
        (await ministry.GetAsync("api/regions/atlantis")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        (await ministry.GetAsync("api/regions/atlantis/population")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        (await ministry.PutAsync("api/regions/atlantis/population", Regions.Population(2025, [("GM0363", 1)])))
            .ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        var manager = await Regions.As(Service, "pvo-manager:limburg");
        (await manager.PutAsync("api/regions/Limburg/profile", new JsonObject { ["form"] = "Foundation" }))
            .ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
    }

    [Fact]
    public async Task The_own_pvo_manager_updates_the_profile_and_it_shows_up()
    {
        var manager = await Regions.As(Service, "pvo-manager:oost-brabant");
        var body = new JsonObject
        {
            ["form"] = "Foundation",
            ["chair"] = "Gedeputeerde Veiligheid, provincie Noord-Brabant",
            ["atTheTable"] = new JsonArray("police", "OM", "municipalities", "province", "KHN", "MKB-Nederland", "VNO-NCW"),
            ["managerFte"] = "0.50",
            ["managerProvidedBy"] = "province",
            ["ccvAdviserDaysPerWeek"] = "2.5",
            ["notes"] = "Stichting opgericht; manager betaald door de provincie.",
        };
        var reply = (await manager.PutAsync("api/regions/oost-brabant/profile", body)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("changed", reply.GetProperty("status").GetString());

        var profile = (await manager.DetailsAsync("oost-brabant")).GetProperty("profile");
        Assert.Equal("Foundation", profile.GetProperty("form").GetString());
        Assert.Equal("Gedeputeerde Veiligheid, provincie Noord-Brabant", profile.GetProperty("chair").GetString());
        Assert.Equal(["police", "OM", "municipalities", "province", "KHN", "MKB-Nederland", "VNO-NCW"],
            profile.GetProperty("atTheTable").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("0.50", profile.GetProperty("managerFte").GetString());
        Assert.Equal("province", profile.GetProperty("managerProvidedBy").GetString());
        Assert.Equal("2.5", profile.GetProperty("ccvAdviserDaysPerWeek").GetString());
        Assert.True(profile.GetProperty("editedByUser").GetBoolean());

        // The public list shows the new form; the same body again changes nothing.
        Assert.Equal("Foundation", Regions.Region(await manager.ListAsync(), "oost-brabant").GetProperty("form").GetString());
        var again = (await manager.PutAsync("api/regions/oost-brabant/profile", body)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("unchanged", again.GetProperty("status").GetString());

        // Unknown figures are null.
        body["managerFte"] = null;
        (await manager.PutAsync("api/regions/oost-brabant/profile", body)).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, (await manager.DetailsAsync("oost-brabant")).GetProperty("profile").GetProperty("managerFte").ValueKind);
    }

    [Theory]
    [InlineData("pvo-manager:limburg")]
    [InlineData("provincial-officer:Noord-Brabant")]
    [InlineData("treasurer:region:zeeland-west-brabant")]
    [InlineData("treasurer:national")]
    [InlineData("ministry")]
    public async Task Others_may_not_change_a_profile_and_it_stays_unchanged(string caller)
    {
        const string Region = "zeeland-west-brabant";
        var reader = await Regions.As(Service, "ministry");
        var before = await reader.ProfileTextAsync(Region);
        var other = await Regions.As(Service, caller);
        var body = new JsonObject { ["form"] = "Foundation", ["chair"] = "Somebody else", ["managerFte"] = "1.00" };

        (await other.PutAsync($"api/regions/{Region}/profile", body)).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "role");

        Assert.Equal(before, await reader.ProfileTextAsync(Region));
    }

    [Theory]
    [InlineData("managerFte", "\"6.00\"")]
    [InlineData("managerFte", "\"5.01\"")]
    [InlineData("managerFte", "\"0.505\"")]
    [InlineData("managerFte", "\"-0.50\"")]
    [InlineData("managerFte", "0.5")]
    [InlineData("ccvAdviserDaysPerWeek", "\"5.1\"")]
    [InlineData("ccvAdviserDaysPerWeek", "\"2.05\"")]
    [InlineData("form", "\"Stichting\"")]
    [InlineData("form", "\"1\"")]
    [InlineData("form", "null")]
    [InlineData("chair", "\"" + "x" + "\"")]
    [InlineData("atTheTable", "\"police\"")]
    [InlineData("colour", "\"blue\"")]
    public async Task Bad_profile_values_are_400_naming_the_field_and_change_nothing(string field, string json)
    {
        const string Region = "den-haag";
        var manager = await Regions.As(Service, "pvo-manager:den-haag");
        var before = await manager.ProfileTextAsync(Region);
        var body = Regions.Body((await manager.DetailsAsync(Region)).GetProperty("profile"));
        var expectedField = field;
        if (field == "chair")
        {
            body["chair"] = new string('x', 501);
        }
        else
        {
            body[field] = JsonNode.Parse(json);
        }

        (await manager.PutAsync($"api/regions/{Region}/profile", body)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", expectedField);

        Assert.Equal(before, await manager.ProfileTextAsync(Region));
    }

    [Fact]
    public async Task Participants_are_limited_and_named_in_the_problem()
    {
        const string Region = "den-haag";
        var manager = await Regions.As(Service, "pvo-manager:den-haag");
        var before = await manager.ProfileTextAsync(Region);
        var body = Regions.Body((await manager.DetailsAsync(Region)).GetProperty("profile"));

        body["atTheTable"] = new JsonArray([.. Enumerable.Range(1, 31).Select(i => (JsonNode)JsonValue.Create($"party {i}"))]);
        (await manager.PutAsync($"api/regions/{Region}/profile", body)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "atTheTable");
        body["atTheTable"] = new JsonArray("police", new string('p', 101));
        (await manager.PutAsync($"api/regions/{Region}/profile", body)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "atTheTable[1]");

        Assert.Equal(before, await manager.ProfileTextAsync(Region));
    }

    [Fact]
    public async Task Bad_population_updates_are_refused_naming_the_field_and_change_nothing()
    {
        const string Region = "amsterdam-amstelland";
        var ministry = await Regions.As(Service, "ministry");
        var listBefore = await ministry.ListAsync();
        var details = await ministry.DetailsAsync(Region);
        var counts = Regions.Counts(details);
        Assert.Equal(6, counts.Count);
        List<(string, long)> With(int index, (string, long) entry) => [.. counts.Select((c, i) => i == index ? entry : c)];

        async Task Refused(JsonObject body, HttpStatusCode status, string code, string field) =>
            (await ministry.PutAsync($"api/regions/{Region}/population", body)).ExpectProblem(status, code, field);

        await Refused(Regions.Population(2025, With(0, ("GM9999", 1_000))), HttpStatusCode.BadRequest, "Invalid", "municipalities[0].code");
        var problem = (await ministry.PutAsync($"api/regions/{Region}/population", Regions.Population(2025, With(2, ("GM0518", 566_221)))))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "municipalities[2].code");
        Assert.Contains("den-haag", problem.GetProperty("detail").GetString());
        await Refused(Regions.Population(2025, With(3, (counts[3].Code, -1))), HttpStatusCode.BadRequest, "Invalid", "municipalities[3].inhabitants");
        problem = (await ministry.PutAsync($"api/regions/{Region}/population", Regions.Population(2025, counts.Skip(1))))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "municipalities");
        Assert.Contains(counts[0].Code, problem.GetProperty("detail").GetString());
        await Refused(Regions.Population(2025, [.. counts, counts[0]]), HttpStatusCode.BadRequest, "Invalid", "municipalities[6].code");
        await Refused(Regions.Population(1800, counts), HttpStatusCode.BadRequest, "Invalid", "year");
        await Refused(Regions.Population(2101, counts), HttpStatusCode.BadRequest, "Invalid", "year");
        await Refused(Regions.Population(2024, With(0, (counts[0].Code, counts[0].Inhabitants + 1))), HttpStatusCode.BadRequest, "Invalid", "year");
        await Refused(new JsonObject { ["municipalities"] = new JsonArray() }, HttpStatusCode.BadRequest, "Invalid", "year");
        await Refused(new JsonObject { ["year"] = 2025 }, HttpStatusCode.BadRequest, "Invalid", "municipalities");
        await Refused(new JsonObject { ["year"] = 2025, ["municipalities"] = new JsonArray(new JsonObject { ["code"] = "GM0363" }) },
            HttpStatusCode.BadRequest, "Invalid", "municipalities[0].inhabitants");
        await Refused(new JsonObject { ["year"] = "MMXXV", ["municipalities"] = new JsonArray() }, HttpStatusCode.BadRequest, "Invalid", "year");
        (await ministry.PutAsync("api/regions/atlantis/population", Regions.Population(2025, counts))).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");

        // The same 2024 numbers again are a harmless repeat.
        var repeat = (await ministry.PutAsync($"api/regions/{Region}/population", Regions.Population(2024, counts))).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("unchanged", repeat.GetProperty("status").GetString());

        var after = await ministry.DetailsAsync(Region);
        Assert.Equal([2024], after.GetProperty("populationYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(counts, Regions.Counts(after));
        Assert.Equal(listBefore.Select(r => r.GetRawText()), (await ministry.ListAsync()).Select(r => r.GetRawText()));
        (await ministry.GetAsync($"api/regions/{Region}/population?year=2025")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "year");
    }
}

/// <summary>Recording a new population year changes the totals exactly; earlier years stay readable, and all of it survives a restart.</summary>
[Collection(RestartCollection.Name)]
public sealed class RegionPopulationTests
{
    private const string Region = "amsterdam-amstelland";

    [Fact]
    public async Task A_new_year_changes_the_total_by_exactly_the_difference_keeps_2024_and_survives_a_restart()
    {
        var prefix = TestEnvironment.NewTablePrefix();
        List<(string Code, long Inhabitants)> old, next;
        long delta;
        string editedProfile;
        await using (var first = await ServiceProcess.StartAsync(prefix))
        {
            var ministry = await Regions.As(first, "ministry");
            var before = await ministry.ListAsync();
            Assert.Equal(Regions.NationalInhabitants2024, Regions.Total(before));
            old = Regions.Counts(await ministry.DetailsAsync(Region));
            Assert.Equal(6, old.Count);
            next = [.. old.Select((c, i) => (c.Code, c.Inhabitants + (i * 997) - 1_500))];
            delta = next.Sum(c => c.Inhabitants) - old.Sum(c => c.Inhabitants);
            Assert.NotEqual(0, delta);

            var reply = (await ministry.PutAsync($"api/regions/{Region}/population", Regions.Population(2025, next))).Expect(HttpStatusCode.OK).Json;
            Assert.Equal("changed", reply.GetProperty("status").GetString());

            var after = await ministry.ListAsync();
            Assert.Equal(Regions.NationalInhabitants2024 + delta, Regions.Total(after));
            Assert.Equal(2025, Regions.Region(after, Region).GetProperty("referenceYear").GetInt32());
            Assert.Equal(old.Sum(c => c.Inhabitants) + delta, Regions.Region(after, Region).GetProperty("inhabitants").GetInt64());
            Assert.Equal(2024, Regions.Region(after, "limburg").GetProperty("referenceYear").GetInt32());
            Assert.Equal(Regions.NationalInhabitants2024, Regions.Total(await ministry.ListAsync("?year=2024")));
            var only2025 = await ministry.ListAsync("?year=2025");
            Assert.Equal(next.Sum(c => c.Inhabitants), Regions.Region(only2025, Region).GetProperty("inhabitants").GetInt64());
            Assert.Equal(JsonValueKind.Null, Regions.Region(only2025, "limburg").GetProperty("inhabitants").ValueKind);

            var manager = await Regions.As(first, "pvo-manager:amsterdam-amstelland");
            var y2024 = (await manager.GetAsync($"api/regions/{Region}/population?year=2024")).Expect(HttpStatusCode.OK).Json;
            Assert.Equal(2024, y2024.GetProperty("year").GetInt32());
            Assert.Equal(old, Regions.Counts(y2024));
            var latest = (await manager.GetAsync($"api/regions/{Region}/population")).Expect(HttpStatusCode.OK).Json;
            Assert.Equal(2025, latest.GetProperty("year").GetInt32());
            Assert.Equal(next, Regions.Counts(latest));
            var details = await manager.DetailsAsync(Region);
            Assert.Equal([2024, 2025], details.GetProperty("populationYears").EnumerateArray().Select(y => y.GetInt32()));
            Assert.Equal(next, Regions.Counts(details));

            // A recorded year never changes; the same numbers again are accepted as a repeat.
            Assert.Equal("unchanged", (await ministry.PutAsync($"api/regions/{Region}/population", Regions.Population(2025, next)))
                .Expect(HttpStatusCode.OK).Json.GetProperty("status").GetString());
            (await ministry.PutAsync($"api/regions/{Region}/population", Regions.Population(2025, old)))
                .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "year");

            var body = Regions.Body(details.GetProperty("profile"));
            body["chair"] = "Burgemeester van Amsterdam";
            (await manager.PutAsync($"api/regions/{Region}/profile", body)).Expect(HttpStatusCode.OK);
            editedProfile = await manager.ProfileTextAsync(Region);
            await first.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        }

        // A new process on the same tables: seeding at start keeps the recorded year and the edited profile.
        await using var second = await ServiceProcess.StartAsync(prefix);
        var again = await Regions.As(second, "ministry");
        Assert.Equal(Regions.NationalInhabitants2024 + delta, Regions.Total(await again.ListAsync()));
        Assert.Equal(Regions.NationalInhabitants2024, Regions.Total(await again.ListAsync("?year=2024")));
        Assert.Equal(editedProfile, await again.ProfileTextAsync(Region));
        Assert.Contains("Reference data: 10 regions checked", second.Output);
    }
}
