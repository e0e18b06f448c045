using NodaTime;
using PvoFinance.Access;
using Stateless.Graph;

namespace PvoFinance.Applications;

/// <summary>
/// The lifecycle diagram, generated from the state machine itself so that the documentation cannot drift
/// from the code (docs/application-lifecycle.md holds a copy that a test keeps equal).
/// </summary>
public static class ApplicationDiagram
{
    /// <summary>The Mermaid <c>stateDiagram-v2</c> of <see cref="ApplicationWorkflow"/>, with guard descriptions, newline-terminated lines.</summary>
    public static string Mermaid()
    {
        // The structure does not depend on the value or the people: any application and an empty map will do.
        var sample = new Application { Id = "diagram", Region = "region", FundOwner = Scope.National, Scheme = SchemeRules.Default };
        var workflow = new ApplicationWorkflow(sample, new AccessRules(new NoGeography()), SystemClock.Instance);
        var text = MermaidGraph.Format(workflow.GetInfo());
        return text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
    }

    private sealed class NoGeography : IRegionGeography
    {
        public bool IsRegion(string regionId) => false;

        public bool IsProvince(string province) => false;

        public IReadOnlySet<string> ProvincesOf(string regionId) => new HashSet<string>();
    }
}
