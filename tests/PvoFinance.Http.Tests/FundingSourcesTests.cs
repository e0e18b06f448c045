using System.Net;
using System.Text.Json;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>Creating, reading, renaming and listing the six kinds of funding source, each by its owner.</summary>
[Collection(ServiceCollection.Name)]
public sealed class FundingSourcesTests(ServiceFixture fixture)
{
    private static readonly string S = "fs-" + Suffix;

    [Fact]
    public async Task Each_kind_is_created_by_its_owner_and_read_back()
    {
        var ministry = await fixture.As(Who.Ministry);
        var limburgOfficer = await fixture.As(Who.Officer("Limburg"));
        var limburg = await fixture.As(Who.Manager("limburg"));

        (string Id, string Kind, string Owner, LedgerApi Creator, System.Text.Json.Nodes.JsonObject Body)[] cases =
        [
            ($"{S}-nat", "national-scheme", "national", ministry, Source($"{S}-nat", $"Scheme {S}", "national-scheme", "Ministerie van Justitie en Veiligheid", intermediary: "ccv")),
            ($"{S}-prov", "provincial-fund", "province:Limburg", limburgOfficer, Source($"{S}-prov", $"Fund {S}", "provincial-fund", "Provincie Limburg", province: "Limburg")),
            ($"{S}-levy", "municipal-levy", "region:limburg", limburg, Source($"{S}-levy", $"Levy {S}", "municipal-levy", "Gemeenten Limburg", region: "limburg", levyRate: "0.25")),
            ($"{S}-ovh", "project-overhead", "region:limburg", limburg, Source($"{S}-ovh", $"Overhead {S}", "project-overhead", "Projecten", region: "limburg", overhead: "7.5")),
            ($"{S}-ink", "in-kind", "region:limburg", limburg, Source($"{S}-ink", $"In kind {S}", "in-kind", "Politie", region: "limburg", hourlyRate: "65.00")),
            ($"{S}-priv", "private", "region:limburg", limburg, Source($"{S}-priv", $"Private {S}", "private", "MKB Limburg", region: "limburg")),
        ];
        foreach (var (id, kind, owner, creator, body) in cases)
        {
            var created = await creator.CreateAsync(body);
            Assert.Equal(id, created.GetProperty("source").GetProperty("id").GetString());
            var read = (await creator.SourceAsync(id)).GetProperty("source");
            Assert.Equal(id, read.GetProperty("id").GetString());
            Assert.Equal(kind, read.GetProperty("kind").GetString());
            Assert.Equal(owner, read.GetProperty("owner").GetString());
            Assert.Equal(body["name"]!.GetValue<string>(), read.GetProperty("name").GetString());
            Assert.Equal(body["funder"]!.GetValue<string>(), read.GetProperty("funder").GetString());
            // The ministry reads everything.
            Assert.Equal(kind, (await ministry.SourceAsync(id)).GetProperty("source").GetProperty("kind").GetString());
        }

        // Rates and percentages come back in their canonical text.
        Assert.Equal("ccv", (await ministry.SourceAsync($"{S}-nat")).GetProperty("source").GetProperty("intermediary").GetString());
        Assert.Equal("0.2500", (await ministry.SourceAsync($"{S}-levy")).GetProperty("source").GetProperty("levyRate").GetString());
        Assert.Equal("7.50", (await ministry.SourceAsync($"{S}-ovh")).GetProperty("source").GetProperty("overhead").GetString());
        Assert.Equal("65.00", (await ministry.SourceAsync($"{S}-ink")).GetProperty("source").GetProperty("hourlyRate").GetString());
    }

    [Fact]
    public async Task Duplicate_id_and_duplicate_name_are_409_naming_the_field()
    {
        var limburg = await fixture.As(Who.Manager("limburg"));
        var ministry = await fixture.As(Who.Ministry);
        var original = Source($"{S}-dup", $"Dup {S}", "private", "MKB Limburg", region: "limburg");
        await limburg.CreateAsync(original);
        var before = (await ministry.GetAsync($"api/funding-sources/{S}-dup")).Expect(HttpStatusCode.OK).Text;

        // The same id with other content.
        (await limburg.PostJsonAsync("api/funding-sources", Source($"{S}-dup", $"Other {S}", "private", "MKB Limburg", region: "limburg")))
            .ExpectProblem(HttpStatusCode.Conflict, "Conflict", "id");
        // Another id with the same name in other letter case.
        (await limburg.PostJsonAsync("api/funding-sources", Source($"{S}-dup2", $"DUP {S.ToUpperInvariant()}", "private", "Iemand", region: "limburg")))
            .ExpectProblem(HttpStatusCode.Conflict, "Conflict", "name");
        // The same name from another owner and kind is taken too: names are unique among all sources.
        (await ministry.PostJsonAsync("api/funding-sources", Source($"{S}-dup3", $"dup {S}", "national-scheme", "Ministerie")))
            .ExpectProblem(HttpStatusCode.Conflict, "Conflict", "name");

        Assert.Equal(before, (await ministry.GetAsync($"api/funding-sources/{S}-dup")).Expect(HttpStatusCode.OK).Text);
        (await ministry.GetAsync($"api/funding-sources/{S}-dup2")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        (await ministry.GetAsync($"api/funding-sources/{S}-dup3")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
        Assert.DoesNotContain(await ListIdsAsync(ministry), id => id == $"{S}-dup2" || id == $"{S}-dup3");
    }

    [Fact]
    public async Task Name_and_funder_change_but_kind_and_owner_do_not()
    {
        var limburg = await fixture.As(Who.Manager("limburg"));
        var id = $"{S}-upd";
        await limburg.CreateAsync(Source(id, $"Levy upd {S}", "municipal-levy", "Gemeenten", region: "limburg", levyRate: "0.10"));

        var renamed = (await limburg.PutJsonAsync($"api/funding-sources/{id}", Source(id, $"Levy renamed {S}", "municipal-levy", "Gemeenten in Limburg", region: "limburg", levyRate: "0.10")))
            .Expect(HttpStatusCode.OK).Json.GetProperty("source");
        Assert.Equal($"Levy renamed {S}", renamed.GetProperty("name").GetString());
        var read = (await limburg.SourceAsync(id)).GetProperty("source");
        Assert.Equal($"Levy renamed {S}", read.GetProperty("name").GetString());
        Assert.Equal("Gemeenten in Limburg", read.GetProperty("funder").GetString());
        Assert.Equal("0.1000", read.GetProperty("levyRate").GetString());
        var after = (await limburg.GetAsync($"api/funding-sources/{id}")).Text;

        (await limburg.PutJsonAsync($"api/funding-sources/{id}", Source(id, $"Levy renamed {S}", "private", "Gemeenten in Limburg", region: "limburg")))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "kind");
        (await limburg.PutJsonAsync($"api/funding-sources/{id}", Source(id, $"Levy renamed {S}", "municipal-levy", "Gemeenten in Limburg", region: "oost-brabant", levyRate: "0.10")))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "owner");
        Assert.Equal(after, (await limburg.GetAsync($"api/funding-sources/{id}")).Expect(HttpStatusCode.OK).Text);

        // The old name is free again; the new one is taken.
        await limburg.CreateAsync(Source($"{S}-upd2", $"Levy upd {S}", "private", "MKB", region: "limburg"));
        (await limburg.PostJsonAsync("api/funding-sources", Source($"{S}-upd3", $"levy RENAMED {S}", "private", "MKB", region: "limburg")))
            .ExpectProblem(HttpStatusCode.Conflict, "Conflict", "name");
    }

    [Fact]
    public async Task The_list_shows_only_what_the_caller_may_read()
    {
        var ministry = await fixture.As(Who.Ministry);
        var limburg = await fixture.As(Who.Manager("limburg"));
        var oostBrabant = await fixture.As(Who.Manager("oost-brabant"));
        var nat = $"{S}-l-nat";
        var provLimburg = $"{S}-l-plim";
        var provBrabant = $"{S}-l-pnb";
        var levyLimburg = $"{S}-l-levy-lim";
        var levyBrabant = $"{S}-l-levy-ob";
        await ministry.CreateAsync(Source(nat, $"List scheme {S}", "national-scheme", "Ministerie"));
        await (await fixture.As(Who.Officer("Limburg"))).CreateAsync(Source(provLimburg, $"List fund L {S}", "provincial-fund", "Provincie Limburg", province: "Limburg"));
        await (await fixture.As(Who.Officer("Noord-Brabant"))).CreateAsync(Source(provBrabant, $"List fund NB {S}", "provincial-fund", "Provincie Noord-Brabant", province: "Noord-Brabant"));
        await limburg.CreateAsync(Source(levyLimburg, $"List levy L {S}", "municipal-levy", "Gemeenten", region: "limburg", levyRate: "0.25"));
        await oostBrabant.CreateAsync(Source(levyBrabant, $"List levy OB {S}", "municipal-levy", "Gemeenten", region: "oost-brabant", levyRate: "0.25"));
        string[] mine = [nat, provLimburg, provBrabant, levyLimburg, levyBrabant];

        Assert.Equal([nat, provLimburg, levyLimburg], Only(await ListIdsAsync(limburg), mine));
        Assert.Equal([nat, provBrabant, levyBrabant], Only(await ListIdsAsync(oostBrabant), mine));
        Assert.Equal([nat, provLimburg, provBrabant, levyLimburg, levyBrabant], Only(await ListIdsAsync(ministry), mine));
        // A Limburg officer sees its own fund and the regions in Limburg, not Noord-Brabant's.
        Assert.Equal([nat, provLimburg, levyLimburg], Only(await ListIdsAsync(await fixture.As(Who.Officer("Limburg"))), mine));

        // Every listed source really is readable by the caller, and none of another region is listed at all.
        var all = await ListAsync(limburg);
        Assert.All(all, s => Assert.True(s.GetProperty("owner").GetString() is "national" or "province:Limburg" or "region:limburg", s.GetRawText()));
        (await limburg.GetAsync($"api/funding-sources/{levyBrabant}")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "id");
    }

    private static string[] Only(IEnumerable<string> listed, string[] mine) => [.. listed.Where(mine.Contains).OrderBy(i => Array.IndexOf(mine, i))];

    /// <summary>Found by the OpenAPI fuzzer (seed 7): a source without an id answered 500 (an empty grain key).</summary>
    [Fact]
    public async Task A_source_without_an_id_is_400_naming_the_id_and_nothing_is_listed()
    {
        var ministry = await fixture.As(Who.Ministry);
        var before = await ListIdsAsync(ministry);
        var body = Source("x", $"Scheme {S}-noid", "national-scheme", "Ministerie van Justitie en Veiligheid");
        body.Remove("id");
        (await ministry.PostJsonAsync("api/funding-sources", body)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "id");
        Assert.Equal(before, await ListIdsAsync(ministry));
    }

    private static async Task<JsonElement[]> ListAsync(LedgerApi api) =>
        [.. (await api.GetAsync("api/funding-sources")).Expect(HttpStatusCode.OK).Json.EnumerateArray()];

    private static async Task<string[]> ListIdsAsync(LedgerApi api) => [.. (await ListAsync(api)).Select(s => s.GetProperty("id").GetString()!)];
}
