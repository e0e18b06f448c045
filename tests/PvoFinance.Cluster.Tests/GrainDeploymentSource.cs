using System.Runtime.CompilerServices;
using System.Text.Json;
using PvoFinance.Access;
using PvoFinance.Checker;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using PvoFinance.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The invariant checker's facts read from grains instead of HTTP: every journal the store lists, the funding sources
/// and applications the test names. The national export lives in the API, so it is not checked here.
/// </summary>
internal sealed class GrainDeploymentSource(IGrainFactory grains, IJournalCatalog catalog, IReadOnlyCollection<string> sources, IReadOnlyCollection<string> applications)
    : IDeploymentSource
{
    private static readonly ActorDto Reader = new("checker", Role.Ministry, "national");

    public async IAsyncEnumerable<string> JournalsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await catalog.ListJournalsAsync(after, 500, cancellationToken);
            foreach (var id in page)
            {
                yield return id;
            }
            if (page.Count < 500)
            {
                yield break;
            }
            after = page[^1];
        }
    }

    public async Task<IReadOnlyList<AccountTotals>> BalancesAsync(string journalId, CancellationToken cancellationToken) =>
        [.. (await grains.GetGrain<ILedgerGrain>(journalId).GetBalances()).Select(b => new AccountTotals(b.Account, b.DebitsPosted, b.CreditsPosted, b.DebitsPending, b.CreditsPending))];

    public async Task<ChainFacts> VerifyChainAsync(string journalId, CancellationToken cancellationToken)
    {
        var r = await grains.GetGrain<ILedgerGrain>(journalId).VerifyChain();
        return new ChainFacts(r.Intact, r.EntriesChecked, r.FirstBrokenSequence, r.Reason);
    }

    public async IAsyncEnumerable<EntryFacts> EntriesAsync(string journalId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            var page = await grains.GetGrain<ILedgerGrain>(journalId).GetEntries(after, 1000);
            foreach (var e in page)
            {
                after = e.Sequence;
                yield return new EntryFacts(e.Sequence, e.Key, e.Kind, PvoFinance.Grains.LedgerFigures.JournalLines.From(e));
            }
            if (page.Count < 1000)
            {
                yield break;
            }
        }
    }

    public async Task<TransferFacts?> TransferAsync(string transferId, CancellationToken cancellationToken)
    {
        var r = await grains.GetGrain<ITransferGrain>(transferId).GetStatus();
        return r.Status == TransferStatus.None ? null : new TransferFacts(r.Status == TransferStatus.Completed ? "completed" : "rejected", r.SourceSequence, r.DestinationSequence);
    }

    public async Task<IReadOnlyList<FundYearFacts>> FundYearsAsync(CancellationToken cancellationToken)
    {
        var years = new List<FundYearFacts>();
        foreach (var id in sources)
        {
            var details = await grains.GetGrain<IFundingSourceGrain>(id).Get() ?? throw new InvalidOperationException($"No funding source {id}.");
            years.AddRange(details.Years.Select(y => new FundYearFacts(id, y.Year, y.Ceiling, y.Committed, y.Available,
                new ServedYearFigures(y.Paid, y.Released, y.Open, y.Payable, y.ToReclaim, y.Reclaimed, y.Receivable, y.Invoiced, y.Received))));
        }
        return years;
    }

    public async Task<IReadOnlyList<ApplicationFacts>> ApplicationsAsync(CancellationToken cancellationToken)
    {
        var list = new List<ApplicationFacts>();
        foreach (var id in applications)
        {
            var view = JsonDocument.Parse((await grains.GetGrain<IApplicationGrain>(id).Get(Reader)).Json!).RootElement;
            var figures = view.GetProperty("figures");
            list.Add(new ApplicationFacts(id, figures.GetProperty("matchesDecisions").GetBoolean(), figures.GetRawText()));
        }
        return list;
    }

    public Task<ExportFacts?> VerifyTransactionsExportAsync(CancellationToken cancellationToken) => Task.FromResult<ExportFacts?>(null);
}
