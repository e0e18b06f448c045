using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

/// <summary>Who calls: a role with its region, province or scope, as <c>POST /dev/token</c> takes them. Null role: no token at all.</summary>
public sealed record Who(string Key, string? Role, string? Region = null, string? Province = null, string? Scope = null, string? User = null)
{
    /// <summary>This caller as another person: the token's subject is <paramref name="user"/>.</summary>
    public Who As(string user) => this with { Key = $"{Key}@{user}", User = user };

    public static readonly Who Ministry = new("ministry", "ministry");

    public static Who Manager(string region) => new($"pvo-manager:{region}", "pvo-manager", Region: region);

    public static Who Officer(string province) => new($"provincial-officer:{province}", "provincial-officer", Province: province);

    public static Who Treasurer(string scope) => new($"treasurer:{scope}", "treasurer", Scope: scope);

    public static readonly Who Anonymous = new("anonymous", null);

    public override string ToString() => Key;
}

/// <summary>
/// The funding surface as the funding tests call it: one cached client per caller and service process, request
/// bodies for the six kinds of source, and readers for the answers. Amounts stay exact strings throughout.
/// </summary>
public static class FundingApi
{
    private static readonly ConcurrentDictionary<(ServiceProcess, string), Task<LedgerApi>> Clients = new();

    /// <summary>A suffix for ids and names, fresh per test run, so tests sharing one service never collide.</summary>
    public static string Suffix { get; } = RandomNumberGenerator.GetHexString(6, lowercase: true);

    /// <summary>A client that sends a development token for <paramref name="who"/> (or none for <see cref="Who.Anonymous"/>).</summary>
    public static Task<LedgerApi> As(this ServiceFixture fixture, Who who) =>
        Clients.GetOrAdd((fixture.Service, who.Key), async key =>
        {
            var service = key.Item1;
            var http = who.Role is null
                ? new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }
                : await service.ClientAsync(who.Role, who.Region, who.Province, who.Scope, who.User);
            return new LedgerApi(http, service);
        });

    /// <summary>A JSON body for a funding source.</summary>
    public static JsonObject Source(string id, string name, string kind, string funder, string? region = null, string? province = null,
        string? intermediary = null, string? levyRate = null, string[]? participants = null, string? overhead = null, string? hourlyRate = null)
    {
        var body = new JsonObject { ["id"] = id, ["name"] = name, ["kind"] = kind, ["funder"] = funder };
        if (region is not null)
        {
            body["region"] = region;
        }
        if (province is not null)
        {
            body["province"] = province;
        }
        if (intermediary is not null)
        {
            body["intermediary"] = intermediary;
        }
        if (levyRate is not null)
        {
            body["levyRate"] = levyRate;
        }
        if (participants is not null)
        {
            body["participants"] = new JsonArray([.. participants.Select(p => (JsonNode)JsonValue.Create(p))]);
        }
        if (overhead is not null)
        {
            body["overhead"] = overhead;
        }
        if (hourlyRate is not null)
        {
            body["hourlyRate"] = hourlyRate;
        }
        return body;
    }

    public static Task<Reply> PutJsonAsync(this LedgerApi api, string path, JsonNode body) => api.SendAsync(HttpMethod.Put, path, body.ToJsonString());

    /// <summary>Creates a source and expects 201.</summary>
    public static async Task<JsonElement> CreateAsync(this LedgerApi api, JsonObject body) =>
        (await api.PostJsonAsync("api/funding-sources", body)).Expect(HttpStatusCode.Created).Json;

    /// <summary>A source's details (source, years, commitments); expects 200.</summary>
    public static async Task<JsonElement> SourceAsync(this LedgerApi api, string id) =>
        (await api.GetAsync($"api/funding-sources/{id}")).Expect(HttpStatusCode.OK).Json;

    /// <summary>Sets a budget year's ceiling; expects 200.</summary>
    public static async Task<JsonElement> CeilingAsync(this LedgerApi api, string id, int year, string ceiling) =>
        (await api.PutJsonAsync($"api/funding-sources/{id}/years/{year}", new JsonObject { ["ceiling"] = ceiling })).Expect(HttpStatusCode.OK).Json;

    /// <summary>The body of a commitment.</summary>
    public static JsonObject Commitment(string commitmentId, string region, params (int Year, string Amount)[] amounts)
    {
        var perYear = new JsonObject();
        foreach (var (year, amount) in amounts)
        {
            perYear[year.ToString(CultureInfo.InvariantCulture)] = amount;
        }
        return new JsonObject { ["commitmentId"] = commitmentId, ["region"] = region, ["amounts"] = perYear, ["purpose"] = "test" };
    }

    /// <summary>The body of a payment.</summary>
    public static JsonObject Payment(string paymentId, string region, int year, string amount) =>
        new() { ["paymentId"] = paymentId, ["region"] = region, ["year"] = year, ["amount"] = amount };

    /// <summary>The figures of one budget year of a source's details, or null when the source has no such year.</summary>
    public static JsonElement? Year(JsonElement details, int year) =>
        details.GetProperty("years").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(y => y!.Value.GetProperty("year").GetInt32() == year);

    /// <summary>A string field of a budget year; fails when the year is missing.</summary>
    public static string YearField(JsonElement details, int year, string field) =>
        (Year(details, year) ?? throw new Xunit.Sdk.XunitException($"No year {year} in {details.GetRawText()}")).GetProperty(field).GetString()!;

    /// <summary><c>GET /api/regions/{region}/funding?year=…</c>; expects 200.</summary>
    public static async Task<JsonElement> RegionFundingAsync(this LedgerApi api, string region, int year) =>
        (await api.GetAsync($"api/regions/{region}/funding?year={year}")).Expect(HttpStatusCode.OK).Json;

    /// <summary>The row of one source in a region's funding, or null when the source is not listed.</summary>
    public static JsonElement? Row(JsonElement funding, string sourceId, string list = "sources") =>
        funding.GetProperty(list).EnumerateArray().Cast<JsonElement?>().FirstOrDefault(r => r!.Value.GetProperty("sourceId").GetString() == sourceId);

    /// <summary>Committed, paid, received and receivable of one source's row, as "c/p/r/o".</summary>
    public static string Figures(JsonElement funding, string sourceId)
    {
        var row = Row(funding, sourceId) ?? throw new Xunit.Sdk.XunitException($"No row for {sourceId} in {funding.GetRawText()}");
        return string.Join('/', new[] { "committed", "paid", "received", "receivable" }.Select(f => row.GetProperty(f).GetString()));
    }

    /// <summary>The region's cash totals as "c/p/r/o".</summary>
    public static string Totals(JsonElement funding) =>
        string.Join('/', new[] { "committed", "paid", "received", "receivable" }.Select(f => funding.GetProperty(f).GetString()));

    /// <summary>An exact money string as a decimal, for sums and differences the tests compute themselves.</summary>
    public static decimal Dec(string amount) => decimal.Parse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>A decimal as the service writes money: two decimals, invariant.</summary>
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
