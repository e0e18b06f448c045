using System.Globalization;
using System.Text.Json;
using NodaTime;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;

namespace PvoFinance.Storage;

/// <summary>How an application's summary becomes its row in the region's list.</summary>
public static class ApplicationListRows
{
    /// <summary>The row of <paramref name="summary"/>, with the earliest running date worked out for the due filter.</summary>
    public static ApplicationListRow From(ApplicationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new ApplicationListRow(summary.Id, summary.Region, summary.SourceId, summary.FundOwner, summary.State, summary.Tier, summary.Title,
            summary.Requested, summary.Granted, summary.Sequence, NextDue(summary.DeadlinesJson), summary.DeadlinesJson);
    }

    // The earliest date that can appear in a listing: every date a listing shows is on or after it, so
    // "NextDue on or before d" keeps every row that has something due by d (the reader judges the rest exactly).
    private static string? NextDue(string deadlinesJson)
    {
        var d = JsonSerializer.Deserialize<Deadlines>(deadlinesJson, ApplicationJson.Options) ?? Deadlines.None;
        LocalDate?[] dates = [d.DecisionSuspendedSince is null ? d.Decision : null, d.Accountability, d.Determination, d.Payment, d.BarredFrom?.PlusDays(-1),
            d.ObjectionTerm, d.ObjectionDecision, d.PenaltyRunning, d.PenaltyDecision];
        var earliest = dates.Where(x => x is not null).Select(x => x!.Value).DefaultIfEmpty().Min();
        return dates.Any(x => x is not null) ? earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
    }
}
