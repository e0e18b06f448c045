using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PvoFinance.Checker;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The invariant checker (<c>./check.sh</c>) against a real service: after real activity of every kind it finds
/// nothing; after an amount is changed in a journal's row straight in storage, it names the journal and the check.
/// Both through the library and through the executable, which fetches its own Development token.
/// </summary>
public sealed partial class InvariantCheckerTests : IAsyncLifetime
{
    private readonly ServiceFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private async Task<CheckReport> CheckAsync()
    {
        var reader = await _fixture.Service.ClientAsync("treasurer", scope: "national");
        return await new InvariantChecker(new HttpDeploymentSource(reader)).RunAsync();
    }

    private async Task<(int ExitCode, string Output)> RunToolAsync()
    {
        var dll = Path.Combine(Path.GetDirectoryName(typeof(InvariantChecker).Assembly.Location)!, "PvoFinance.Checker.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--url", _fixture.Service.BaseAddress.ToString() })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task After_real_activity_every_invariant_holds_and_the_tool_exits_0()
    {
        var journals = await DeploymentWorkload.RunAsync(_fixture, "ok" + FundingApi.Suffix);

        // The journal list the checker walks: every written journal, in pages; national readers only.
        var all = new List<string>();
        string? after = null;
        do
        {
            var page = (await _fixture.Api.GetAsync("api/ledger/journals?limit=2" + (after is null ? "" : "&after=" + after))).Expect(HttpStatusCode.OK).Json;
            var ids = page.GetProperty("journals").EnumerateArray().Select(j => j.GetString()!).ToList();
            Assert.True(ids.Count <= 2);
            all.AddRange(ids);
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Subset(all.ToHashSet(), journals.ToHashSet());
        (await (await _fixture.As(Who.Manager("limburg"))).GetAsync("api/ledger/journals")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "role");
        (await _fixture.Api.GetAsync("api/ledger/journals?limit=0")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "limit");
        (await _fixture.Api.GetAsync("api/ledger/journals?after=NOT%20AN%20ID")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "after");

        var report = await CheckAsync();
        Assert.True(report.Violations.Count == 0, string.Join('\n', report.Violations));
        Assert.Empty(report.Notes);
        // Per journal: chain, zero sum, totals and limits of each account, sequences; plus transfers, fund years, the application, the export.
        Assert.True(report.Checked >= journals.Length * 4 + 5, report.Summary);

        var (exit, output) = await RunToolAsync();
        Assert.True(exit == 0, output);
        Assert.Matches(@"(?m)^invariants checked=\d+ violations=0$", output);
    }

    [Fact]
    public async Task An_amount_changed_in_storage_is_reported_by_check_and_journal_and_the_tool_exits_1()
    {
        var journals = await DeploymentWorkload.RunAsync(_fixture, "tm" + FundingApi.Suffix);
        Assert.Empty((await CheckAsync()).Violations);

        // Behind the service's back: entry 1 of the Zeeland-West-Brabant journal (the 250.00 transfer) now says 25,000.00 on both legs.
        var journal = journals.Single(j => j == "region.zeeland-west-brabant");
        var table = new TableClient(TestEnvironment.ConnectionString, _fixture.Service.TablePrefix + "Journals");
        var row = (await table.GetEntityAsync<TableEntity>(journal, "E" + 1L.ToString("D19", System.Globalization.CultureInfo.InvariantCulture))).Value;
        var payload = row.GetString("Payload");
        var tampered = CentsField().Replace(payload, m => $"\"c\":{(m.Groups[1].Value == "-" ? "-" : "")}2500000");
        Assert.NotEqual(payload, tampered);
        row["Payload"] = tampered;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var report = await CheckAsync();
        var chain = Assert.Single(report.Violations, v => v.Check == "chain");
        Assert.Equal(journal, chain.Subject);
        Assert.Contains("entry 1", chain.Detail);
        // The export verification reads the same storage and reports the broken chain too.
        Assert.Contains(report.Violations, v => v.Check == "export" && v.Detail.Contains(journal, StringComparison.Ordinal));

        var (exit, output) = await RunToolAsync();
        Assert.True(exit == 1, output);
        Assert.Contains($"VIOLATION chain {journal}: hash chain broken at entry 1", output);
        Assert.Matches($@"(?m)^invariants checked=\d+ violations={report.Violations.Count}$", output);
    }

    [GeneratedRegex("\"c\":(-?)25000(?=[,}])")]
    private static partial Regex CentsField();
}
