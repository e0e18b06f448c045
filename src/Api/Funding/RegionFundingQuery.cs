using PvoFinance.Access;
using PvoFinance.Api.Ledger;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Api.Funding;

/// <summary>Reads a region's funding for a year from the funding sources and the ledger.</summary>
public static class RegionFundingQuery
{
    /// <summary>The region's funding by source for <paramref name="y"/>; in-kind apart from the cash totals.</summary>
    public static async Task<RegionFundingView> LoadAsync(IGrainFactory grains, string regionId, int y)
    {
        var received = await ReceivedInYear(grains, regionId, y);
        var rows = new List<RegionSourceFundingView>();
        var inKind = new List<RegionInKindView>();
        long committed = 0, paid = 0, cash = 0, owed = 0, inKindTotal = 0;
        foreach (var entry in await grains.GetGrain<IFundingRegistryGrain>(0).List())
        {
            if (await grains.GetGrain<IFundingSourceGrain>(entry.Id).Get() is not { } details)
            {
                continue;
            }
            var s = details.Source;
            var owned = s.Owner == Scope.Region(regionId).ToString();
            var figures = details.Years.FirstOrDefault(f => f.Year == y);
            long c, p, r, o;
            if (s.Kind is nameof(FundingSourceKind.NationalScheme) or nameof(FundingSourceKind.ProvincialFund))
            {
                var balances = await grains.GetGrain<ILedgerGrain>(FundingAccounts.Journal(s.Id, y)).GetBalances();
                var commitment = balances.FirstOrDefault(b => b.Account == FundingAccounts.Commitment(s.Id, y, regionId).Value);
                c = commitment?.CreditsPosted ?? 0;
                p = commitment?.DebitsPosted ?? 0;
                r = received.GetValueOrDefault(s.Id);
                o = c - p;
            }
            else if (!owned)
            {
                continue;
            }
            else if (s.Kind == nameof(FundingSourceKind.InKind))
            {
                if (figures is { InKind: > 0 })
                {
                    inKind.Add(new RegionInKindView(s.Id, s.Name, s.Funder, LedgerViews.Amount(figures.InKind)));
                    inKindTotal += figures.InKind;
                }
                continue;
            }
            else
            {
                // The region's own pots: what was claimed or contributed, what came in, what is still owed.
                c = figures?.Ceiling ?? 0;
                p = 0;
                r = figures?.Received ?? 0;
                o = figures?.Receivable ?? 0;
                if (s.Kind == nameof(FundingSourceKind.Private))
                {
                    r = c;
                }
            }
            if (c == 0 && p == 0 && r == 0 && o == 0)
            {
                continue;
            }
            rows.Add(new RegionSourceFundingView(s.Id, s.Name, FundingViews.KindName(s.Kind), s.Funder, LedgerViews.Amount(c), LedgerViews.Amount(p), LedgerViews.Amount(r), LedgerViews.Amount(o)));
            committed += c;
            paid += p;
            cash += r;
            owed += o;
        }
        return new RegionFundingView(regionId, y, rows, LedgerViews.Amount(committed), LedgerViews.Amount(paid), LedgerViews.Amount(cash), LedgerViews.Amount(owed),
            inKind, LedgerViews.Amount(inKindTotal));
    }


    // What reached the region's journal from each source with a value date in the year: the difference of the
    // credits as of the year's last day and as of the year before.
    private static async Task<Dictionary<string, long>> ReceivedInYear(IGrainFactory grains, string regionId, int year)
    {
        var journal = grains.GetGrain<ILedgerGrain>(FundingAccounts.RegionJournal(regionId));
        var end = (await journal.GetBalancesAsOf($"{year}-12-31", null)).ToDictionary(b => b.Account, b => b.CreditsPosted);
        var start = (await journal.GetBalancesAsOf($"{year - 1}-12-31", null)).ToDictionary(b => b.Account, b => b.CreditsPosted);
        var prefix = $"region:{regionId}:";
        return end.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value - start.GetValueOrDefault(kv.Key));
    }

}
