using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

[Collection(ServiceCollection.Name)]
public sealed class HealthAndOpenApiTests(ServiceFixture fixture)
{
    /// <summary>Set to 1 to write the served OpenAPI document to docs/openapi.json instead of comparing.</summary>
    private const string UpdateVariable = "PVO_UPDATE_OPENAPI";

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] LedgerPaths =
    [
        "/api/ledger/journals/{journalId}/entries",
        "/api/ledger/journals/{journalId}",
        "/api/ledger/journals/{journalId}/balances",
        "/api/ledger/journals/{journalId}/verify",
        "/api/ledger/transfers/{transferId}",
    ];

    [Fact]
    public async Task Health_is_200_with_silo_and_storage_healthy()
    {
        var health = (await fixture.Api.GetAsync("health")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("silo").GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_ledger_paths_and_matches_the_checked_in_copy()
    {
        var reply = (await fixture.Api.GetAsync("openapi/v1.json")).Expect(HttpStatusCode.OK);
        var served = Normalise(reply.Text);
        var paths = JsonNode.Parse(served)!["paths"]!.AsObject();
        foreach (var path in LedgerPaths)
        {
            Assert.True(paths.ContainsKey(path), $"The OpenAPI document has no path {path}; it has: {string.Join(", ", paths.Select(p => p.Key))}");
        }
        Assert.NotNull(paths["/api/ledger/journals/{journalId}/entries"]!["post"]);
        Assert.NotNull(paths["/api/ledger/transfers/{transferId}"]!["post"]);

        var file = Path.Combine(TestEnvironment.RepoRoot, "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(file, served + "\n");
            return;
        }
        Assert.True(File.Exists(file), $"{file} is missing; run the tests once with {UpdateVariable}=1 to write it.");
        var checkedIn = Normalise(await File.ReadAllTextAsync(file));
        Assert.True(checkedIn == served,
            $"docs/openapi.json differs from the served /openapi/v1.json; if the API change is intended, run the tests with {UpdateVariable}=1 and commit the file.\n"
            + FirstDifference(checkedIn, served));
    }

    /// <summary>
    /// Parses and pretty-prints with fixed options, with LF line endings. <c>servers</c> is dropped: it names the
    /// host and port the document was requested from, which differ per run.
    /// </summary>
    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json.Replace("\r\n", "\n"))!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(Pretty).Replace("\r\n", "\n");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<end>";
            var y = i < b.Length ? b[i] : "<end>";
            if (x != y)
            {
                return $"First difference at line {i + 1}:\n  docs/openapi.json: {x}\n  served:            {y}";
            }
        }
        return "";
    }
}
