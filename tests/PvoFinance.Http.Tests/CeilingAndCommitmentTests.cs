using System.Net;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>Budget-year ceilings and multi-year commitments: all years or none, idempotent per commitment id.</summary>
[Collection(ServiceCollection.Name)]
public sealed class CeilingAndCommitmentTests(ServiceFixture fixture)
{
    private static readonly string S = "cc-" + Suffix;
    private const string Region = "midden-nederland";

    private static string Fig(System.Text.Json.JsonElement details, int year) =>
        string.Join('/', new[] { "ceiling", "committed", "paid", "available" }.Select(f => YearField(details, year, f)));

    [Fact]
    public async Task A_commitment_over_two_years_is_all_or_nothing_and_idempotent()
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-scheme";
        await ministry.CreateAsync(Source(id, $"Scheme {S}", "national-scheme", "Ministerie van Justitie en Veiligheid"));
        var opened = await ministry.CeilingAsync(id, 2026, "100000.00");
        Assert.Equal("100000.00/0.00/0.00/100000.00", Fig(opened, 2026));
        Assert.Null(Year(opened, 2027));

        // 2027 has no ceiling: nothing is committed, not even 2026.
        var commitment = Commitment("c1", Region, (2026, "30000.00"), (2027, "30000.00"));
        var refused = (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", commitment))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amounts.2027");
        Assert.Contains("2027", refused.GetProperty("detail").GetString());
        var after = await ministry.SourceAsync(id);
        Assert.Equal("100000.00/0.00/0.00/100000.00", Fig(after, 2026));
        Assert.Equal(0, after.GetProperty("commitments").GetArrayLength());
        var ledger = await ministry.BalancesAsync($"source.{id}.2026");
        Assert.Equal("0.00", LedgerApi.Field(ledger, $"budget:{id}:2026", "debitsPending"));
        Assert.Equal("0.00", LedgerApi.Field(ledger, $"budget:{id}:2026", "debitsPosted"));
        Assert.Equal("0.00", LedgerApi.Field(ledger, $"commitment:{id}:2026:{Region}", "creditsPosted"));
        Assert.Equal(0, (await ministry.SummaryAsync($"source.{id}.2026")).GetProperty("openReservations").GetInt32());

        // With a 2027 ceiling the same commitment id goes through.
        await ministry.CeilingAsync(id, 2027, "50000.00");
        var made = (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", commitment)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("100000.00/30000.00/0.00/70000.00", Fig(made, 2026));
        Assert.Equal("50000.00/30000.00/0.00/20000.00", Fig(made, 2027));
        var listed = Assert.Single(made.GetProperty("commitments").EnumerateArray());
        Assert.Equal("c1", listed.GetProperty("commitmentId").GetString());
        Assert.Equal(Region, listed.GetProperty("region").GetString());
        Assert.Equal("30000.00", listed.GetProperty("amounts").GetProperty("2026").GetString());
        Assert.Equal("30000.00", listed.GetProperty("amounts").GetProperty("2027").GetString());
        var version2026 = (await ministry.SummaryAsync($"source.{id}.2026")).GetProperty("version").GetInt64();

        // Replaying changes nothing.
        var replayed = (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", commitment)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("100000.00/30000.00/0.00/70000.00", Fig(replayed, 2026));
        Assert.Equal("50000.00/30000.00/0.00/20000.00", Fig(replayed, 2027));
        Assert.Equal(version2026, (await ministry.SummaryAsync($"source.{id}.2026")).GetProperty("version").GetInt64());

        // The same id with other amounts is a conflict, and changes nothing.
        var state = (await ministry.GetAsync($"api/funding-sources/{id}")).Text;
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("c1", Region, (2026, "30000.00"), (2027, "30000.01"))))
            .ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "commitmentId");
        Assert.Equal(state, (await ministry.GetAsync($"api/funding-sources/{id}")).Text);

        // The region sees what is committed to it for each year.
        Assert.Equal("30000.00/0.00/0.00/30000.00", Figures(await ministry.RegionFundingAsync(Region, 2026), id));
        Assert.Equal("30000.00/0.00/0.00/30000.00", Figures(await ministry.RegionFundingAsync(Region, 2027), id));
    }

    [Fact]
    public async Task A_ceiling_never_goes_below_what_is_committed()
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{S}-low";
        await ministry.CreateAsync(Source(id, $"Lowering {S}", "national-scheme", "Ministerie"));
        await ministry.CeilingAsync(id, 2026, "100000.00");
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("c1", Region, (2026, "30000.00")))).Expect(HttpStatusCode.OK);
        var journal = $"source.{id}.2026";
        var before = await ministry.StateAsync(journal);

        (await ministry.PutJsonAsync($"api/funding-sources/{id}/years/2026", new System.Text.Json.Nodes.JsonObject { ["ceiling"] = "29999.99" }))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "ceiling");
        Assert.Equal(before, await ministry.StateAsync(journal));
        Assert.Equal("100000.00/30000.00/0.00/70000.00", Fig(await ministry.SourceAsync(id), 2026));

        Assert.Equal("30000.00/30000.00/0.00/0.00", Fig(await ministry.CeilingAsync(id, 2026, "30000.00"), 2026));
        // Nothing more can be committed now.
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("c2", Region, (2026, "0.01"))))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amounts.2026");

        // Raising and lowering again, to figures the year had before, moves the ceiling each time.
        Assert.Equal("100000.00/30000.00/0.00/70000.00", Fig(await ministry.CeilingAsync(id, 2026, "100000.00"), 2026));
        Assert.Equal("30000.00/30000.00/0.00/0.00", Fig(await ministry.CeilingAsync(id, 2026, "30000.00"), 2026));
        Assert.Equal("100000.00/30000.00/0.00/70000.00", Fig(await ministry.CeilingAsync(id, 2026, "100000.00"), 2026));
        var balances = await ministry.BalancesAsync(journal);
        Assert.Equal("100000.00", LedgerApi.Field(balances, $"appropriation:{id}:2026", "balance"));
        Assert.Equal("70000.00", LedgerApi.Field(balances, $"budget:{id}:2026", "available"));

        // Setting the same ceiling again is a no-op.
        var version = (await ministry.SummaryAsync(journal)).GetProperty("version").GetInt64();
        Assert.Equal("100000.00/30000.00/0.00/70000.00", Fig(await ministry.CeilingAsync(id, 2026, "100000.00"), 2026));
        Assert.Equal(version, (await ministry.SummaryAsync(journal)).GetProperty("version").GetInt64());

        (await ministry.PutJsonAsync($"api/funding-sources/{id}/years/2026", new System.Text.Json.Nodes.JsonObject { ["ceiling"] = "-5.00" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "ceiling");
        (await ministry.PutJsonAsync($"api/funding-sources/{id}/years/2026", new System.Text.Json.Nodes.JsonObject { ["ceiling"] = "1.234" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "ceiling");
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("c3", Region, (2026, "-5.00"))))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amounts.2026");
        (await ministry.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("c3", Region, (2026, "1.234"))))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amounts.2026");
        Assert.Equal(version, (await ministry.SummaryAsync(journal)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_provincial_fund_commits_only_to_regions_in_its_province()
    {
        var officer = await fixture.As(Who.Officer("Limburg"));
        var id = $"{S}-plim";
        await officer.CreateAsync(Source(id, $"Fund Limburg {S}", "provincial-fund", "Provincie Limburg", province: "Limburg"));
        await officer.CeilingAsync(id, 2026, "50000.00");
        await officer.CeilingAsync(id, 2027, "50000.00");
        var before = (await officer.GetAsync($"api/funding-sources/{id}")).Text;

        (await officer.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("ob", "oost-brabant", (2026, "1000.00"))))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "region");
        Assert.Equal(before, (await officer.GetAsync($"api/funding-sources/{id}")).Text);

        // Limburg itself is fine, for several years at once.
        var made = (await officer.PostJsonAsync($"api/funding-sources/{id}/commitments", Commitment("lim", "limburg", (2026, "1000.00"), (2027, "2000.00"))))
            .Expect(HttpStatusCode.OK).Json;
        Assert.Equal("1000.00", YearField(made, 2026, "committed"));
        Assert.Equal("49000.00", YearField(made, 2026, "available"));
        Assert.Equal("2000.00", YearField(made, 2027, "committed"));
    }
}
