using NodaTime;
using NodaTime.Text;
using PvoFinance.Applications;
using PvoFinance.LedgerFigures;
using PvoFinance.Regions;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Exports;

/// <summary>
/// The funder-grants of an application as of a moment: one per source of its plan, with the money from the figures
/// module (<see cref="PvoFinance.LedgerFigures.Figures"/>) over the application's <see cref="TransactionRow"/>s (which hold
/// only what was recorded by then) and the decisions taken by then. Pure.
/// </summary>
public static class GrantRows
{
    /// <summary>The IATI activity id of an application's project, shared by every row of it in every export.</summary>
    public static string ActivityId(Application app) => $"NL-PVO-{app.Region}-{app.Id}";

    /// <summary>The grants of <paramref name="app"/> as of <paramref name="asOf"/>; none if it did not exist yet.</summary>
    /// <param name="app">The application.</param>
    /// <param name="rows">Transaction rows, of any grants; those of this application are used.</param>
    /// <param name="lookups">Regions and sources.</param>
    /// <param name="asOf">The moment.</param>
    public static IReadOnlyList<GrantRow> Of(Application app, IEnumerable<TransactionRow> rows, ExportLookups lookups, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(lookups);
        var history = app.History.Where(h => h.At <= asOf).ToList();
        if (history.Count == 0)
        {
            return [];
        }
        var decisions = history.Where(h => h.Trigger is T.Grant or T.ApproveAmendment && h.From != h.To).ToList();
        var award = decisions.FirstOrDefault(h => h.Trigger == T.Grant);
        var determined = history.Any(h => h.To is ApplicationState.Determined or ApplicationState.Settled or ApplicationState.Revoked);
        var accounted = history.Any(h => h.Trigger == T.SubmitAccountability) ? app.Accountability?.RealisedCosts : null;
        var activity = ActivityId(app);
        var byGrant = rows.Where(r => r.ActivityId == activity).GroupBy(r => r.GrantId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var region = RegionDefinition.All.FirstOrDefault(r => r.Id == app.Region);

        var granted = app.Plan.Select(p => decisions.Sum(h => h.Effects.Where(e => e.Source == p.Source)
            .Sum(e => e.Kind == LedgerEffectKind.Commit ? e.Amount.Cents : e.Kind == LedgerEffectKind.Release && h.Trigger == T.ApproveAmendment ? -e.Amount.Cents : 0))).ToArray();
        var accountedParts = accounted is { } costs && granted.Sum() > 0 ? Allocation.Split(costs, granted) : null;

        var result = new List<GrantRow>();
        for (var i = 0; i < app.Plan.Count; i++)
        {
            var part = app.Plan[i];
            var grantId = $"360G-pvo-{app.Id}-{part.Source}";
            var mine = byGrant.GetValueOrDefault(grantId) ?? [];
            // The money from the figures module, over this grant's movements as the export holds them.
            var f = PvoFinance.LedgerFigures.Figures.Of(mine.Select(r => Movement.Of(r.Journal, "", LocalDatePattern.Iso.Parse(r.ValueDate).Value,
                r.DebitAccount, r.CreditAccount, Math.Abs(r.AmountCents))));
            lookups.Sources.TryGetValue(part.Source, out var source);
            result.Add(new GrantRow
            {
                GrantId = grantId,
                ApplicationId = app.Id,
                ActivityId = ActivityId(app),
                Title = app.Title,
                RegionCode = app.Region,
                RegionName = region?.Name ?? app.Region,
                SourceId = part.Source,
                SourceName = source?.Name ?? part.Source,
                FunderOrgId = source is null ? "" : "NL-PVO-FUNDER-" + TransactionRows.Slug(source.Funder),
                FunderName = source?.Funder ?? "",
                State = history[^1].To.ToString(),
                Tier = award is null ? "" : app.Tier?.ToString() ?? "",
                RequestedCents = part.Amount.Cents,
                GrantedCents = granted[i],
                PaidCents = f.Paid,
                AccountedCents = accountedParts?[i].Cents ?? 0,
                DeterminedCents = determined ? f.Subsidy : 0,
                ToReclaimCents = f.ToReclaim,
                ReclaimedCents = f.Reclaimed,
                OpenCents = f.Open + f.Payable,
                AwardDate = award is null ? "" : LocalDatePattern.Iso.Format(TransactionRows.DateOf(award.At)),
                EndDate = app.EndDate is { } end && award is not null ? LocalDatePattern.Iso.Format(end) : "",
                LastModified = mine.Count > 0 ? mine.Max(r => r.TransactionDate)! : LocalDatePattern.Iso.Format(TransactionRows.DateOf(history[^1].At)),
            });
        }
        return result;
    }

    /// <summary>The <c>projects.csv</c> layout: per application and funder, the money as of the date.</summary>
    public static CsvExportWriter<GrantRow> ProjectsWriter { get; } = new(
    [
        CsvColumn<GrantRow>.OfText("application_id", r => r.ApplicationId),
        CsvColumn<GrantRow>.OfText("activity_id", r => r.ActivityId),
        CsvColumn<GrantRow>.OfText("grant_id", r => r.GrantId),
        CsvColumn<GrantRow>.OfText("project_title", r => r.Title),
        CsvColumn<GrantRow>.OfText("region_code", r => r.RegionCode),
        CsvColumn<GrantRow>.OfText("funding_source", r => r.SourceId),
        CsvColumn<GrantRow>.OfText("funder_name", r => r.FunderName),
        CsvColumn<GrantRow>.OfText("state", r => r.State),
        CsvColumn<GrantRow>.OfText("accountability_tier", r => r.Tier),
        CsvColumn<GrantRow>.OfAmount("requested", r => r.RequestedCents),
        CsvColumn<GrantRow>.OfAmount("granted", r => r.GrantedCents),
        CsvColumn<GrantRow>.OfAmount("paid", r => r.PaidCents),
        CsvColumn<GrantRow>.OfAmount("accounted", r => r.AccountedCents),
        CsvColumn<GrantRow>.OfAmount("determined", r => r.DeterminedCents),
        CsvColumn<GrantRow>.OfAmount("to_reclaim", r => r.ToReclaimCents),
        CsvColumn<GrantRow>.OfAmount("reclaimed", r => r.ReclaimedCents),
        CsvColumn<GrantRow>.OfAmount("open", r => r.OpenCents),
        CsvColumn<GrantRow>.OfText("currency", _ => "EUR"),
    ],
    groupBy: ["funding_source", "state"]);

    /// <summary>The <c>grants-360giving.csv</c> layout: one row per funder-grant with 360Giving's flat column titles.</summary>
    public static CsvExportWriter<GrantRow> GivingWriter { get; } = new(
    [
        CsvColumn<GrantRow>.OfText("Identifier", r => r.GrantId),
        CsvColumn<GrantRow>.OfText("Title", r => r.Title),
        CsvColumn<GrantRow>.OfText("Description", r => $"{r.Title} — PVO {r.RegionName}, {r.SourceName}"),
        CsvColumn<GrantRow>.OfText("Currency", _ => "EUR"),
        CsvColumn<GrantRow>.OfAmount("Amount Applied For", r => r.RequestedCents),
        CsvColumn<GrantRow>.OfAmount("Amount Awarded", r => r.GrantedCents),
        CsvColumn<GrantRow>.OfAmount("Amount Disbursed", r => r.PaidCents),
        CsvColumn<GrantRow>.OfText("Award Date", r => r.AwardDate),
        CsvColumn<GrantRow>.OfText("Planned Dates:End Date", r => r.EndDate),
        CsvColumn<GrantRow>.OfText("Recipient Org:Identifier", r => $"NL-PVO-{r.RegionCode}"),
        CsvColumn<GrantRow>.OfText("Recipient Org:Name", r => $"PVO {r.RegionName}"),
        CsvColumn<GrantRow>.OfText("Beneficiary Location:Name", r => r.RegionName),
        CsvColumn<GrantRow>.OfText("Beneficiary Location:Country Code", _ => "NL"),
        CsvColumn<GrantRow>.OfText("Funding Org:Identifier", r => r.FunderOrgId),
        CsvColumn<GrantRow>.OfText("Funding Org:Name", r => r.FunderName),
        CsvColumn<GrantRow>.OfText("Grant Programme:Code", r => r.SourceId),
        CsvColumn<GrantRow>.OfText("Grant Programme:Title", r => r.SourceName),
        CsvColumn<GrantRow>.OfText("Related Activity", r => r.ActivityId),
        CsvColumn<GrantRow>.OfText("Last modified", r => r.LastModified),
        CsvColumn<GrantRow>.OfText("Data Source", _ => "PvoFinance"),
    ],
    groupBy: ["Grant Programme:Code"]);
}
