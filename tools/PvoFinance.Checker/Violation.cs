namespace PvoFinance.Checker;

/// <summary>One broken invariant.</summary>
/// <param name="Check">Which invariant, e.g. <c>chain</c>, <c>zero-sum</c>, <c>ceiling</c>.</param>
/// <param name="Subject">Where: a journal, <c>journal/account</c>, a transfer, a fund year or an application.</param>
/// <param name="Detail">What was found.</param>
public sealed record Violation(string Check, string Subject, string Detail)
{
    /// <summary>The report line: <c>VIOLATION &lt;check&gt; &lt;subject&gt;: &lt;detail&gt;</c>.</summary>
    public override string ToString() => $"VIOLATION {Check} {Subject}: {Detail}";
}

/// <summary>The outcome of a run: how many invariant instances were checked and which broke.</summary>
/// <param name="Checked">Invariant instances evaluated (one per journal and check, per account limit, per transfer, …).</param>
/// <param name="Violations">The broken ones, in the order found.</param>
/// <param name="Notes">Checks that could not run (e.g. the export needs a treasurer's token), not counted as violations.</param>
public sealed record CheckReport(long Checked, IReadOnlyList<Violation> Violations, IReadOnlyList<string> Notes)
{
    /// <summary>The summary line the tool ends with.</summary>
    public string Summary => $"invariants checked={Checked} violations={Violations.Count}";
}
