using System.Text.RegularExpressions;
using PvoFinance.Applications;
using PvoFinance.Ledger;

namespace PvoFinance.Core.Tests.Web;

/// <summary>
/// The pages show a refusal in Dutch by its problem <c>code</c> (<c>CODE_NL</c> in src/Api/wwwroot/js/app.js). This
/// test collects every code the service can answer with — the ledger's, the applications' and the funding sources'
/// refusal kinds (the grains answer with these enums; their names are the problems' codes), and
/// every code written as text where a refusal is built in src/ — and fails when one has no Dutch wording, so a new
/// code cannot reach a Dutch page in English unnoticed.
/// </summary>
public sealed partial class ProblemWordingTests
{
    [Fact]
    public void Every_problem_code_of_the_api_has_a_dutch_wording_in_the_pages()
    {
        var codes = CodesUsedInSource();
        // The collector must find the codes it is known to meet; otherwise an empty set would pass vacuously.
        foreach (var known in new[] { "Invalid", "Forbidden", "NotFound", "Conflict", "LimitExceeded", "IdempotencyConflict", "Unavailable", "TooLarge", "Internal", "StorageRefused" })
        {
            Assert.Contains(known, codes);
        }
        var worded = DutchWordings();
        var missing = codes.Where(c => !worded.ContainsKey(c)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, $"Codes without a Dutch wording in CODE_NL (src/Api/wwwroot/js/app.js): {string.Join(", ", missing)}");
        foreach (var (code, text) in worded)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"CODE_NL.{code} is empty.");
        }
    }

    [Fact]
    public void The_collector_reads_codes_from_refusals_written_as_text()
    {
        // The patterns the collector relies on, on lines shaped like the service's own.
        var sample = """
            return ApplicationReply.Refused(409, "Conflict", "id", "x");
            return FundingReply.Refused("LimitExceeded", "amount", "y");
            ? ApiProblems.FromRejection(new RejectionDto("SomethingNew", "amount", "z"))
            Build(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", reason, field, "TooLarge"),
            extensions: new Dictionary<string, object?> { ["code"] = "StorageRefused" }).ExecuteAsync(httpContext);
            """;
        Assert.Equal(["Conflict", "LimitExceeded", "SomethingNew", "StorageRefused", "TooLarge"], CodesIn(sample).Order(StringComparer.Ordinal));
    }

    /// <summary>Every code: the refusal enums' names and the literal codes where refusals are built in src/.</summary>
    private static HashSet<string> CodesUsedInSource()
    {
        var codes = new HashSet<string>(Enum.GetNames<RejectionCode>().Concat(Enum.GetNames<RefusalCode>()).Concat(Enum.GetNames<PvoFinance.Grains.Planning.ScenarioRefusal>())
            .Concat(Enum.GetNames<PvoFinance.Grains.Applications.ApplicationRefusalCode>()).Concat(Enum.GetNames<PvoFinance.Funding.FundingRefusalCode>()), StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }
            codes.UnionWith(CodesIn(File.ReadAllText(file)));
        }
        return codes;
    }

    private static IEnumerable<string> CodesIn(string source) =>
        RefusedCall().Matches(source).Concat(RejectionCall().Matches(source)).Concat(BuildCall().Matches(source)).Concat(CodeExtension().Matches(source)).Select(m => m.Groups["code"].Value);

    /// <summary>The keys and texts of <c>CODE_NL</c> in app.js.</summary>
    private static Dictionary<string, string> DutchWordings()
    {
        var js = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Api", "wwwroot", "js", "app.js"));
        var table = CodeTable().Match(js);
        Assert.True(table.Success, "app.js has no `export const CODE_NL = { … };`.");
        return CodeEntry().Matches(table.Groups["body"].Value).ToDictionary(m => m.Groups["code"].Value, m => m.Groups["text"].Value, StringComparer.Ordinal);
    }

    // Refused(403, "Forbidden", …), FundingReply.Refused("Conflict", …).
    [GeneratedRegex("""Refused\(\s*(?:[\w.]+\s*,\s*)?"(?<code>[A-Z][A-Za-z]+)"\s*,""")]
    private static partial Regex RefusedCall();

    // new RejectionDto("LimitExceeded", …).
    [GeneratedRegex("""RejectionDto\(\s*"(?<code>[A-Z][A-Za-z]+)"\s*,""")]
    private static partial Regex RejectionCall();

    // ApiProblems' Build(status, title, detail, field, "Code").
    [GeneratedRegex("""Build\([^;]*?,\s*"(?<code>[A-Z][A-Za-z]+)"\)""")]
    private static partial Regex BuildCall();

    // A problem written directly with its extensions: ["code"] = "StorageRefused".
    [GeneratedRegex("""\["code"\]\s*=\s*"(?<code>[A-Z][A-Za-z]+)(?=")""")]
    private static partial Regex CodeExtension();

    [GeneratedRegex("""export const CODE_NL = \{(?<body>.*?)\n\};""", RegexOptions.Singleline)]
    private static partial Regex CodeTable();

    [GeneratedRegex("""^\s*(?<code>[A-Z][A-Za-z]+):\s*'(?<text>(?:[^'\\]|\\.)*)',?\s*$""", RegexOptions.Multiline)]
    private static partial Regex CodeEntry();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PvoFinance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("PvoFinance.sln not found above the test binaries.");
    }
}
