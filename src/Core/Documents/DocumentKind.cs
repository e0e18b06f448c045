namespace PvoFinance.Documents;

/// <summary>What an uploaded document is; the accountability of a tier names the kinds it needs (<see cref="Applications.TierRequirements"/>).</summary>
public enum DocumentKind
{
    /// <summary>The content report on the realised activities (inhoudelijk verslag).</summary>
    ContentReport,
    /// <summary>The financial statement of the realised costs (financieel verslag).</summary>
    FinancialStatement,
    /// <summary>An auditor's statement (controleverklaring) on the costs.</summary>
    AuditorStatement,
    /// <summary>The grounds of an objection (gronden van het bezwaar).</summary>
    ObjectionGrounds,
    /// <summary>Anything else on the file.</summary>
    Other,
}

/// <summary>The names of <see cref="DocumentKind"/> on the wire: <c>content-report</c>, <c>financial-statement</c>, ….</summary>
public static class DocumentKinds
{
    private static readonly (DocumentKind Kind, string Name, string Dutch)[] Names =
    [
        (DocumentKind.ContentReport, "content-report", "Inhoudelijk verslag"),
        (DocumentKind.FinancialStatement, "financial-statement", "Financieel verslag"),
        (DocumentKind.AuditorStatement, "auditor-statement", "Controleverklaring"),
        (DocumentKind.ObjectionGrounds, "objection-grounds", "Bezwaargronden"),
        (DocumentKind.Other, "other", "Overig"),
    ];

    /// <summary>Every name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The wire name of a kind.</summary>
    public static string Name(DocumentKind kind) => Names.First(n => n.Kind == kind).Name;

    /// <summary>The kind as the pages name it in Dutch (the history's reason of a recorded document uses it).</summary>
    public static string Dutch(DocumentKind kind) => Names.First(n => n.Kind == kind).Dutch;

    /// <summary>Reads a wire name (exactly, lower case).</summary>
    public static bool TryParse(string? text, out DocumentKind kind)
    {
        foreach (var (k, name, _) in Names)
        {
            if (string.Equals(text, name, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
