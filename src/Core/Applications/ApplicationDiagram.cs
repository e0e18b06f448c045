using System.Text.RegularExpressions;
using NodaTime;
using PvoFinance.Access;
using Stateless.Graph;

namespace PvoFinance.Applications;

/// <summary>
/// The lifecycle diagram, generated from the state machine itself so that the documentation cannot drift
/// from the code (docs/application-lifecycle.md holds a copy that a test keeps equal).
/// </summary>
public static partial class ApplicationDiagram
{
    /// <summary>
    /// The Mermaid <c>stateDiagram-v2</c> of <see cref="ApplicationWorkflow"/>, with guard descriptions, newline-terminated
    /// lines. Adding a document, a reentry alike in nearly every state, is drawn once as a note (<see cref="Collapsed"/>).
    /// </summary>
    public static string Mermaid()
    {
        // The structure does not depend on the value or the people: any application and an empty map will do.
        var sample = new Application { Id = "diagram", Region = "region", FundOwner = Scope.National, Scheme = SchemeRules.Default };
        var workflow = new ApplicationWorkflow(sample, new AccessRules(new NoGeography()), SystemClock.Instance);
        var text = MermaidGraph.Format(workflow.GetInfo()).ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
        return Collapsed(text, ApplicationTrigger.RecordDocument);
    }

    /// <summary>
    /// <paramref name="text"/> with the loops of <paramref name="trigger"/> replaced by one note beside the first state:
    /// its label as the machine gives it, and the states it holds in (named as those it does not). A loop on each of a
    /// dozen states would hide the lifecycle. Only when every line of the trigger is a reentry with the same action and
    /// guards; otherwise the text is left as it is, so nothing the machine says is lost.
    /// </summary>
    internal static string Collapsed(string text, ApplicationTrigger trigger)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        var ofTrigger = lines.Select(l => (Line: l, Match: Transition().Match(l)))
            .Where(x => x.Match.Success && x.Match.Groups["trigger"].Value == trigger.ToString()).ToList();
        var labels = ofTrigger.Select(x => x.Match.Groups["label"].Value).Distinct(StringComparer.Ordinal).ToList();
        var first = lines.Select(l => Initial().Match(l)).FirstOrDefault(m => m.Success);
        if (ofTrigger.Count < 2 || labels.Count != 1 || first is null
            || ofTrigger.Any(x => x.Match.Groups["from"].Value != x.Match.Groups["to"].Value))
        {
            return text;
        }
        var states = ofTrigger.Select(x => x.Match.Groups["from"].Value).ToHashSet(StringComparer.Ordinal);
        var not = Enum.GetNames<ApplicationState>().Where(s => !states.Contains(s)).ToList();
        var where = not.Count == 0 ? "in every state" : $"in every state but {string.Join(", ", not)}";
        string[] note =
        [
            $"\tnote right of {first.Groups["state"].Value}",
            $"\t\t{trigger} {labels[0]}",
            $"\t\ta reentry {where}",
            "\tend note",
        ];
        var kept = lines.Where(l => !ofTrigger.Any(x => ReferenceEquals(x.Line, l))).ToList();
        var at = kept.FindIndex(l => Initial().IsMatch(l));
        kept.InsertRange(at, note);
        return string.Join('\n', kept) + "\n";
    }

    [GeneratedRegex(@"^\t(?<from>\w+) --> (?<to>\w+) : (?<trigger>\w+) (?<label>/ .*)$")]
    private static partial Regex Transition();

    [GeneratedRegex(@"^\[\*\] --> (?<state>\w+)$")]
    private static partial Regex Initial();

    private sealed class NoGeography : IRegionGeography
    {
        public bool IsRegion(string regionId) => false;

        public bool IsProvince(string province) => false;

        public IReadOnlySet<string> ProvincesOf(string regionId) => new HashSet<string>();
    }
}
