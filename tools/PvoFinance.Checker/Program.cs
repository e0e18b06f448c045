using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PvoFinance.Checker;

// ./check.sh --url <url> [--token <t>]: one line per violation, then "invariants checked=<n> violations=<m>".
// Exit codes: 0 no violation, 1 violations, 2 the deployment could not be read (or bad arguments).
string? url = null;
string? token = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--url" when i + 1 < args.Length:
            url = args[++i];
            break;
        case "--token" when i + 1 < args.Length:
            token = args[++i];
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: check --url <url> [--token <bearer token of the ministry or a national treasurer>]");
            return 2;
    }
}
token ??= Environment.GetEnvironmentVariable("PVO_CHECK_TOKEN");
if (url is null || !Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress))
{
    Console.Error.WriteLine("Usage: check --url <url> [--token <bearer token of the ministry or a national treasurer>]");
    return 2;
}

using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
try
{
    // Without a token, a Development deployment hands one out: a national treasurer reads the ledger, every fund and
    // application, and the national export.
    token ??= await DevTokenAsync(http);
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var report = await new InvariantChecker(new HttpDeploymentSource(http)).RunAsync();
    foreach (var v in report.Violations)
    {
        Console.WriteLine(v);
    }
    foreach (var line in await BankReconciliation.LinesAsync(http))
    {
        Console.WriteLine(line);
    }
    foreach (var note in report.Notes)
    {
        Console.Error.WriteLine("note: " + note);
    }
    Console.WriteLine(report.Summary);
    return report.Violations.Count == 0 ? 0 : 1;
}
catch (Exception ex) when (ex is CheckerException or HttpRequestException or TaskCanceledException or JsonException)
{
    Console.Error.WriteLine($"Could not check {baseAddress}: {ex.Message}");
    return 2;
}

static async Task<string> DevTokenAsync(HttpClient http)
{
    using var response = await http.PostAsJsonAsync("dev/token", new { role = "treasurer", scope = "national", user = "invariant-checker" });
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new CheckerException($"no --token given and POST /dev/token answered {(int)response.StatusCode} (only Development issues tokens)");
    }
    return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
}
