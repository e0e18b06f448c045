using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

/// <summary>An HTTP answer: status, content type, body text and the body as JSON.</summary>
public sealed record Reply(HttpStatusCode Status, string? ContentType, string Text, string Request, ServiceProcess Service, System.Net.Http.Headers.HttpResponseHeaders? Headers = null)
{
    /// <summary>The body as JSON; fails with the whole exchange when it is not JSON.</summary>
    public JsonElement Json
    {
        get
        {
            try
            {
                return JsonDocument.Parse(Text).RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new Xunit.Sdk.XunitException($"{Describe()}\nThe body is not JSON: {ex.Message}");
            }
        }
    }

    /// <summary>The request, the answer and the tail of the service's log, for failure messages.</summary>
    public string Describe()
    {
        var log = Service.Output.Split('\n');
        return $"{Request}\n→ {(int)Status} {ContentType}\n{Text}\n--- service output (last lines) ---\n{string.Join('\n', log.TakeLast(40))}";
    }

    /// <summary>Asserts the status code; on a mismatch shows the exchange and the service's output.</summary>
    public Reply Expect(HttpStatusCode status)
    {
        if (Status != status)
        {
            throw new Xunit.Sdk.XunitException($"Expected {(int)status} {status}, got {(int)Status} {Status}.\n{Describe()}");
        }
        return this;
    }

    /// <summary>Asserts an RFC 9457 problem document with this status, code and field, and a non-empty detail.</summary>
    public JsonElement ExpectProblem(HttpStatusCode status, string code, string field)
    {
        Expect(status);
        Assert.True(ContentType == "application/problem+json", $"Expected application/problem+json, got '{ContentType}'.\n{Describe()}");
        var json = Json;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.True(json.TryGetProperty("code", out var c), $"The problem has no code.\n{Describe()}");
        Assert.Equal(code, c.GetString());
        Assert.True(json.TryGetProperty("field", out var f), $"The problem names no field.\n{Describe()}");
        Assert.Equal(field, f.GetString());
        Assert.True(json.TryGetProperty("detail", out var d) && !string.IsNullOrWhiteSpace(d.GetString()), $"The problem has no detail.\n{Describe()}");
        return json;
    }
}

/// <summary>The ledger's HTTP surface as a user calls it: JSON in, JSON out, amounts as exact strings.</summary>
public sealed class LedgerApi(HttpClient http, ServiceProcess service)
{
    public ServiceProcess Service => service;

    public Task<Reply> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Reply> PostJsonAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body.ToJsonString());

    /// <summary>Sends raw text as application/json (for malformed bodies).</summary>
    public Task<Reply> PostRawAsync(string path, string body) => SendAsync(HttpMethod.Post, path, body);

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return await SendAsync(request);
    }

    /// <summary>GETs raw bytes (a download) with the response's content type and headers.</summary>
    public async Task<(HttpStatusCode Status, byte[] Bytes, string? ContentType, System.Net.Http.Headers.HttpResponseHeaders Headers, System.Net.Http.Headers.HttpContentHeaders ContentHeaders)> GetBytesAsync(string path)
    {
        var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType, response.Headers, response.Content.Headers);
    }

    /// <summary>Sends a prepared request and reads the whole answer.</summary>
    public async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync();
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, $"{request.Method} {request.RequestUri}" + (body is null ? "" : "\n" + body), service, response.Headers);
    }

    /// <summary><c>POST …/entries</c> with a post or reserve entry.</summary>
    public Task<Reply> PostEntryAsync(string journal, string kind, string key, string valueDate, params (string Account, string Amount)[] postings) =>
        PostJsonAsync($"api/ledger/journals/{journal}/entries", Entry(kind, key, valueDate, postings));

    /// <summary>The body of a post or reserve entry.</summary>
    public static JsonObject Entry(string kind, string key, string valueDate, params (string Account, string Amount)[] postings) => new()
    {
        ["kind"] = kind,
        ["key"] = key,
        ["valueDate"] = valueDate,
        ["postings"] = new JsonArray([.. postings.Select(p => (JsonNode)new JsonObject { ["account"] = p.Account, ["amount"] = p.Amount })]),
    };

    /// <summary>Current balances by account.</summary>
    public async Task<Dictionary<string, JsonElement>> BalancesAsync(string journal, string query = "")
    {
        var reply = (await GetAsync($"api/ledger/journals/{journal}/balances{query}")).Expect(HttpStatusCode.OK);
        return reply.Json.EnumerateArray().ToDictionary(b => b.GetProperty("account").GetString()!);
    }

    /// <summary>The balances' raw JSON text, to compare "nothing changed" exactly.</summary>
    public async Task<string> BalancesTextAsync(string journal) =>
        (await GetAsync($"api/ledger/journals/{journal}/balances")).Expect(HttpStatusCode.OK).Text;

    /// <summary>The journal's summary: version, head hash, sizes.</summary>
    public async Task<JsonElement> SummaryAsync(string journal) =>
        (await GetAsync($"api/ledger/journals/{journal}")).Expect(HttpStatusCode.OK).Json;

    /// <summary>Everything a user can see of a journal's state: summary and balances.</summary>
    public async Task<string> StateAsync(string journal) =>
        (await SummaryAsync(journal)).GetRawText() + "\n" + await BalancesTextAsync(journal);

    /// <summary>The entries after a sequence.</summary>
    public async Task<JsonElement[]> EntriesAsync(string journal, string query = "") =>
        [.. (await GetAsync($"api/ledger/journals/{journal}/entries{query}")).Expect(HttpStatusCode.OK).Json.EnumerateArray()];

    /// <summary>The chain report.</summary>
    public async Task<JsonElement> VerifyAsync(string journal) =>
        (await GetAsync($"api/ledger/journals/{journal}/verify")).Expect(HttpStatusCode.OK).Json;

    /// <summary>A string property of a balance, or "0.00" for an account the journal does not list.</summary>
    public static string Field(Dictionary<string, JsonElement> balances, string account, string field) =>
        balances.TryGetValue(account, out var b) ? b.GetProperty(field).GetString()! : "0.00";
}
