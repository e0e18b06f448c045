namespace PvoFinance.Applications;

/// <summary>
/// Reads applications stored before co-financing (format 1): they had one funding source, kept beside the value,
/// and their effects named none. They become a plan of that one source, with the same money.
/// </summary>
public static class ApplicationUpgrade
{
    /// <summary>Whether <paramref name="app"/> predates funding plans.</summary>
    public static bool NeedsPlan(Application app) => app?.Plan.Count == 0;

    /// <summary>The application as a single-source plan of <paramref name="source"/>; unchanged when it already has a plan.</summary>
    public static Application ToPlan(Application app, string source)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (!NeedsPlan(app))
        {
            return app;
        }
        return app with
        {
            LeadSource = source,
            ProjectCosts = app.Requested,
            Plan = [new FundingPart(source, app.Requested)],
            Sources = [FundingTerms.Fund(source, app.FundOwner)],
            Split = app.Granted.Cents > 0 ? [new FundingPart(source, app.Granted)] : [],
            History = [.. app.History.Select(h => h with { Effects = [.. h.Effects.Select(e => e with { Source = source })] })],
        };
    }
}
