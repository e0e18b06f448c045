using PvoFinance.Applications;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>
/// docs/application-lifecycle.md carries the diagram generated from the state machine. This test fails when
/// the copy differs; run the tests with PVO_UPDATE_DIAGRAMS=1 to rewrite it, then commit the file.
/// </summary>
public sealed class DiagramTests
{
    private const string UpdateVariable = "PVO_UPDATE_DIAGRAMS";
    private const string Begin = "<!-- BEGIN GENERATED: ApplicationDiagram.Mermaid() -->\n```mermaid\n";
    private const string End = "```\n<!-- END GENERATED -->";

    [Fact]
    public void The_diagram_is_generated_from_the_machine_with_every_state_and_guard()
    {
        var mermaid = ApplicationDiagram.Mermaid();
        Assert.StartsWith("stateDiagram-v2\n", mermaid);
        foreach (var state in Enum.GetNames<ApplicationState>().Where(s => s != nameof(ApplicationState.Closed) && s != nameof(ApplicationState.Draft)))
        {
            Assert.Contains($"--> {state} :", mermaid);
        }
        Assert.Contains("[*] --> Draft", mermaid);
        Assert.Contains("UnderReview --> Determined : Grant", mermaid);
        Assert.Contains("[tier A, granted and determined at once]", mermaid);
        Assert.Contains("[four-eyes, second approver differs from the first]", mermaid);
        Assert.Contains("[within 5 years of the determination]", mermaid);
        Assert.Equal(mermaid, ApplicationDiagram.Mermaid());   // deterministic
    }

    [Fact]
    public void The_checked_in_diagram_matches_the_code()
    {
        var file = Path.Combine(RepoRoot(), "docs", "application-lifecycle.md");
        Assert.True(File.Exists(file), "docs/application-lifecycle.md is missing.");
        var doc = File.ReadAllText(file).ReplaceLineEndings("\n");
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The generated block markers are missing from docs/application-lifecycle.md.");
        var checkedIn = doc[(start + Begin.Length)..end];
        var generated = ApplicationDiagram.Mermaid();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(file, doc[..(start + Begin.Length)] + generated + doc[end..]);
            return;
        }
        Assert.True(checkedIn == generated,
            $"docs/application-lifecycle.md differs from ApplicationDiagram.Mermaid(); if the workflow change is intended, run the tests with {UpdateVariable}=1 and commit the file.\n"
            + FirstDifference(checkedIn, generated));
    }

    private static string FirstDifference(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var l = i < x.Length ? x[i] : "<end>";
            var r = i < y.Length ? y[i] : "<end>";
            if (l != r)
            {
                return $"First difference at diagram line {i + 1}:\n  checked in: {l}\n  generated:  {r}";
            }
        }
        return "";
    }

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
