using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Tokens themselves: <c>POST /dev/token</c> refuses scopes, roles and users that do not exist, and a garbage, forged
/// or truncated bearer token is 401 everywhere and changes nothing. Which caller may call what is
/// <see cref="AccessMatrixTests"/>'s table.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class BearerTokenTests(ServiceFixture fixture)
{
    private static readonly string S = "bt-" + Suffix;

    [Fact]
    public async Task A_token_for_an_unknown_scope_cannot_be_obtained()
    {
        using var http = new HttpClient { BaseAddress = fixture.Service.BaseAddress };
        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { role = "treasurer", scope = "region:nowhere" }, "scope"),
                     (new { role = "treasurer", scope = "province:Brabant" }, "scope"),
                     (new { role = "treasurer", scope = "everything" }, "scope"),
                     (new { role = "pvo-manager", region = "nowhere" }, "region"),
                     (new { role = "provincial-officer", province = "limburg" }, "province"),
                     (new { role = "admin", scope = "national" }, "role"),
                     (new { role = "ministry", user = "Officer A" }, "user"),
                     (new { role = "ministry", user = "" }, "user"),
                     (new { role = "ministry", user = new string('a', 61) }, "user"),
                 })
        {
            using var response = await http.PostAsync("/dev/token", System.Net.Http.Json.JsonContent.Create(body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{System.Text.Json.JsonSerializer.Serialize(body)} → {(int)response.StatusCode} {text}");
            Assert.Equal(field, System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("field").GetString());
            Assert.DoesNotContain("token", System.Text.Json.JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name));
        }
        // The same request with a real region does get a token.
        using var good = await http.PostAsync("/dev/token", System.Net.Http.Json.JsonContent.Create(new { role = "treasurer", scope = "region:limburg" }));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task A_garbage_or_forged_bearer_token_is_401()
    {
        var ministry = await fixture.As(Who.Ministry);
        var (nat, journal) = await SetUpAsync(ministry);
        string valid;
        using (var issuer = new HttpClient { BaseAddress = fixture.Service.BaseAddress })
        using (var issued = await issuer.PostAsync("/dev/token", System.Net.Http.Json.JsonContent.Create(new { role = "ministry" })))
        {
            valid = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        }
        var parts = valid.Split('.');
        // A token whose payload was changed after signing, and one signed by nobody.
        var forgedPayload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("""{"role":"ministry","iss":"pvofinance-dev","aud":"pvofinance","exp":4102444800}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using (var control = new HttpClient { BaseAddress = fixture.Service.BaseAddress })
        {
            // The token as issued works, so the refusals below are about the tampering.
            control.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", valid);
            Assert.Equal(HttpStatusCode.OK, (await new LedgerApi(control, fixture.Service).GetAsync("api/funding-sources")).Status);
        }
        foreach (var token in new[] { "garbage", "a.b.c", $"{parts[0]}.{forgedPayload}.{parts[2]}", $"{parts[0]}.{parts[1]}.", valid[..^4] + "AAAA" })
        {
            using var http = new HttpClient { BaseAddress = fixture.Service.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var api = new LedgerApi(http, fixture.Service);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("api/funding-sources")).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync($"api/ledger/journals/{journal}/balances")).Status);
            var before = (await ministry.GetAsync($"api/funding-sources/{nat}")).Text;
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.PutJsonAsync($"api/funding-sources/{nat}/years/2032", new JsonObject { ["ceiling"] = "1.00" })).Status);
            Assert.Equal(before, (await ministry.GetAsync($"api/funding-sources/{nat}")).Text);
        }
        // The untouched token still works.
        (await ministry.GetAsync("api/funding-sources")).Expect(HttpStatusCode.OK);
    }

    /// <summary>A national scheme and a journal with an entry, for the forged tokens to aim at.</summary>
    private static async Task<(string Nat, string Journal)> SetUpAsync(LedgerApi ministry)
    {
        var nat = $"{S}-nat";
        var journal = $"tokens.{S}";
        if ((await ministry.GetAsync($"api/funding-sources/{nat}")).Status == HttpStatusCode.NotFound)
        {
            await ministry.CreateAsync(Source(nat, $"Tokenregeling {S}", "national-scheme", "Ministerie van Justitie en Veiligheid"));
            (await ministry.PostEntryAsync(journal, "post", "open", "2026-01-01", ("appropriation:bt:2026", "10.00"), ("budget:bt:2026", "-10.00"))).Expect(HttpStatusCode.Created);
        }
        return (nat, journal);
    }
}
