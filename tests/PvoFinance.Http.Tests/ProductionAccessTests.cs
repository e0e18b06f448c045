using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The service outside Development (its own process, <c>ASPNETCORE_ENVIRONMENT=Production</c>, no OIDC issuer
/// configured): <c>POST /dev/token</c> issues nothing, a token shaped and signed like a development token opens
/// nothing, and the pages and health stay open. The row "outside /api" of docs/access.md.
/// </summary>
public sealed class ProductionAccessTests : IAsyncLifetime
{
    private ServiceProcess? _service;

    public async Task InitializeAsync() =>
        _service = await ServiceProcess.StartAsync(TestEnvironment.NewTablePrefix(), new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Outside_development_no_token_is_issued_and_a_self_signed_one_opens_nothing()
    {
        var service = _service!;
        using var anonymous = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var api = new LedgerApi(anonymous, service);

        // No development tokens here: a 404 problem that says where to sign in instead, and no token in it.
        var issue = await api.PostJsonAsync("dev/token", new JsonObject { ["role"] = "ministry" });
        issue.ExpectProblem(HttpStatusCode.NotFound, "NotFound", "role");
        Assert.DoesNotContain("\"token\"", issue.Text, StringComparison.Ordinal);
        // Nor a test clock: its time is real time.
        (await api.PostJsonAsync("dev/clock", new JsonObject { ["advanceDays"] = 1 })).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "clock");
        (await api.GetAsync("dev/clock")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "clock");
        // The pages learn that no sign-in is configured (no OIDC issuer is set here).
        Assert.Equal("unconfigured", (await api.GetAsync("auth/config")).Expect(HttpStatusCode.OK).Json.GetProperty("mode").GetString());

        // A token with the development issuer, audience and claims, signed with a key of our own.
        using var forged = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SelfSigned());
        var forgedApi = new LedgerApi(forged, service);
        foreach (var path in new[] { "api/ping", "api/regions", "api/funding-sources", "api/ledger/journals/region.rotterdam" })
        {
            var reply = await forgedApi.GetAsync(path);
            Assert.True(reply.Status == HttpStatusCode.Unauthorized, reply.Describe());
        }

        // Pages, health and the OpenAPI document need no token here either.
        (await api.GetAsync("")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("health")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("openapi/v1.json")).Expect(HttpStatusCode.OK);
    }

    private static string SelfSigned()
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = B64(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var payload = B64(Encoding.UTF8.GetBytes(
            $$"""{"role":"ministry","sub":"intruder","iss":"pvofinance-dev","aud":"pvofinance","iat":{{now}},"nbf":{{now}},"exp":{{now + 3600}}}"""));
        var signature = B64(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }
}
