using PvoFinance.Access;
using PvoFinance.Api.Ledger;
using PvoFinance.Funding;
using PvoFinance.Grains.Funding;
using PvoFinance.Grains.LedgerFigures;

namespace PvoFinance.Api.Funding;

/// <summary>
/// Reads a region's funding for a year: every figure from the figures module over the running totals the journals keep
/// (docs/ledger.md, "Figures") — no entry is read.
/// </summary>
public static class RegionFundingQuery
{
    /// <summary>The region's funding by source for <paramref name="y"/>; in-kind apart from the cash totals.</summary>
    public static async Task<RegionFundingView> LoadAsync(IGrainFactory grains, string regionId, int y)
    {
        // Every source at once (each answers from memory once active), in the registry's order.
        var registry = await grains.GetGrain<IFundingRegistryGrain>(0).List();
        var sources = (await Task.WhenAll(registry.Select(e => grains.GetGrain<IFundingSourceGrain>(e.Id).Get()))).OfType<FundingSourceDetailsDto>().ToList();
        // The journals a region's money from national and provincial funds passes: the funds' year, any intermediary, the region.
        var funds = sources.Where(d => d.Source.Kind is nameof(FundingSourceKind.NationalScheme) or nameof(FundingSourceKind.ProvincialFund)).ToList();
        var book = await JournalTotals.ReadAsync(grains, [
            .. funds.Where(d => d.Years.Any(f => f.Year == y)).Select(d => FundingAccounts.Journal(d.Source.Id, y)),
            .. funds.Select(d => d.Source.Intermediary).OfType<string>().Select(FundingAccounts.IntermediaryJournal),
            FundingAccounts.RegionJournal(regionId)]);

        var rows = new List<RegionSourceFundingView>();
        var inKind = new List<RegionInKindView>();
        long committed = 0, released = 0, paid = 0, received = 0, due = 0, toRepay = 0, inKindTotal = 0;
        foreach (var details in sources)
        {
            var s = details.Source;
            long c, rel, p, r, o, back;
            if (funds.Contains(details))
            {
                // What the fund did for this region in its budget year, and what arrived here from it with a value date in the year.
                var f = book.SourceYear(s.Id, y, regionId);
                (c, rel, p, o, back) = (f.Committed, f.Released, f.Paid, f.Open + f.Payable, f.ToReclaim);
                r = book.ReceivedInYear(regionId, s.Id, y);
            }
            else if (s.Owner != Scope.Region(regionId).ToString())
            {
                continue;
            }
            else if (details.Years.FirstOrDefault(f => f.Year == y) is not { } figures)
            {
                continue;
            }
            else if (s.Kind == nameof(FundingSourceKind.InKind))
            {
                if (figures.InKind > 0)
                {
                    inKind.Add(new RegionInKindView(s.Id, s.Name, s.Funder, LedgerViews.Amount(figures.InKind)));
                    inKindTotal += figures.InKind;
                }
                continue;
            }
            else
            {
                // The region's own pots: what was claimed or contributed, what came in, what is still owed.
                (c, rel, p, o, back) = (figures.Ceiling, 0, 0, figures.Receivable, 0);
                r = figures.Received;
            }
            if (c == 0 && rel == 0 && p == 0 && r == 0 && o == 0 && back == 0)
            {
                continue;
            }
            rows.Add(new RegionSourceFundingView(s.Id, s.Name, FundingViews.KindName(s.Kind), s.Funder, LedgerViews.Amount(c), LedgerViews.Amount(p),
                LedgerViews.Amount(r), LedgerViews.Amount(o), LedgerViews.Amount(rel), LedgerViews.Amount(back)));
            committed += c;
            released += rel;
            paid += p;
            received += r;
            due += o;
            toRepay += back;
        }
        return new RegionFundingView(regionId, y, rows, LedgerViews.Amount(committed), LedgerViews.Amount(paid), LedgerViews.Amount(received), LedgerViews.Amount(due),
            inKind, LedgerViews.Amount(inKindTotal), LedgerViews.Amount(released), LedgerViews.Amount(toRepay));
    }
}
