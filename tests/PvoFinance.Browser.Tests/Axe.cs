using System.Text.Json;
using Microsoft.Playwright;
using PvoFinance.Http.Tests;

namespace PvoFinance.Browser.Tests;

/// <summary>
/// axe-core from npm (tools/axe: package.json and its committed package-lock.json, installed by ./test.sh with
/// <c>axe_install</c> from scripts/axe-lib.sh), read from node_modules and evaluated in the page — no CDN, no other
/// network. Runs the WCAG 2.0/2.1/2.2 A and AA rules and answers the violations and how many rules passed.
/// </summary>
public static class Axe
{
    /// <summary>The version pinned in tools/axe/package.json.</summary>
    public const string Version = "4.14.1";

    /// <summary>The rules' tags: WCAG 2.0, 2.1 and 2.2, levels A and AA.</summary>
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    /// <summary>Where npm installs the script.</summary>
    public static string ScriptPath { get; } = Path.Combine(TestEnvironment.RepoRoot, "tools", "axe", "node_modules", "axe-core", "axe.min.js");

    private static readonly Lazy<string> Source = new(() => File.Exists(ScriptPath)
        ? File.ReadAllText(ScriptPath)
        : throw new InvalidOperationException($"axe-core is not installed at {ScriptPath}: run ./test.sh, or `source scripts/axe-lib.sh && axe_install`."));

    /// <summary>One violation: the rule, its impact and help, and each element it was found at.</summary>
    public sealed record Violation(string Id, string? Impact, string Help, IReadOnlyList<string> Targets);

    /// <summary>What a run found: the violations, how many rules passed, and the version that ran.</summary>
    public sealed record Result(IReadOnlyList<Violation> Violations, int Passes, string Version);

    /// <summary>Injects axe-core into the page (once per document) and runs the WCAG A/AA rules on it.</summary>
    public static async Task<Result> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            // Evaluated through the browser's debugging protocol, as the driver does: a page's own script rules do not apply.
            await page.EvaluateAsync(Source.Value);
        }
        var json = await page.EvaluateAsync<JsonElement>("""
            async tags => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return { version: axe.version, passes: r.passes.length,
                violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => JSON.stringify(n.target)) })) };
            }
            """, Tags);
        var violations = json.GetProperty("violations").EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString()!, v.GetProperty("impact").ValueKind == JsonValueKind.String ? v.GetProperty("impact").GetString() : null,
            v.GetProperty("help").GetString()!, [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)])).ToList();
        return new Result(violations, json.GetProperty("passes").GetInt32(), json.GetProperty("version").GetString()!);
    }
}
