using static PvoFinance.Applications.DocumentRules;
using S = PvoFinance.Applications.ApplicationState;

namespace PvoFinance.Applications;

/// <summary>Recording a stored document in the history (issue 18), in the one machine.</summary>
public sealed partial class ApplicationWorkflow
{
    /// <summary>
    /// The states in which a document may be added: every state but <see cref="S.Closed"/>. Before the decision the
    /// file is built up (a draft's plan, information supplied); after it come the accountability's reports and an
    /// objection's grounds; a rejected, withdrawn or revoked file still has an objection, a penalty or a reclaim whose
    /// papers belong on it. A closed file is archived: nothing is added to it any more.
    /// </summary>
    public static IReadOnlyList<ApplicationState> DocumentStates { get; } = [.. Enum.GetValues<S>().Where(s => s != S.Closed)];

    // A reentry everywhere documents may be added: the state, the money and the clocks stay as they are; the entry records
    // who added which bytes when (the reason says the kind, the name and the size, DocumentSha256 the hash).
    private void ConfigureDocuments()
    {
        foreach (var s in DocumentStates)
        {
            Permit(s, _recordDocument, s, Adder, NotRecordedBefore, DocumentsLeft, RecordValid);
            On(s, _recordDocument, "record stored document", (_, d) => _reason = Reason(d));
        }
    }
}
