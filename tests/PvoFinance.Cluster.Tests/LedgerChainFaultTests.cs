using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using Xunit.Abstractions;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Batches with linked chains (<see cref="ILedgerGrain.Submit"/>) under injected storage faults: one seeded sequence of
/// random batches runs against a journal without faults (the oracle) and against another with a third of the writes
/// failing, half of them after the append landed (the answer is lost). Every failed batch is retried as it is. Each
/// request must end as in the oracle — made at the same sequence, or refused — each chain whole or not at all, and the
/// balances and the chain's hashes equal.
/// </summary>
[Collection(FaultClusterCollection.Name)]
public sealed class LedgerChainFaultTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    private const int Batches = 80;
    private const int MaxAttempts = 80;

    private static readonly LedgerRequest[] Opening =
    [
        Ledger.Post("open-budget", ("appropriation:chain:2026", 1_000_00), ("budget:chain:2026", -1_000_00)),
        Ledger.Post("open-cash", ("cash:chain-bank", 100_00), ("income:chain", -100_00)),
    ];

    [Fact]
    public async Task Random_linked_batches_under_storage_faults_end_as_without_faults_and_no_chain_is_partly_applied()
    {
        output.WriteLine($"PVO_RANDOM_SEED={fixture.Seed}");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var batches = RandomBatches(new Random(fixture.Seed));
        fixture.Faults.Rate = 0;
        var oracle = await RunAsync($"chain.o{suffix}", batches);
        var (before, after) = (fixture.Faults.FailedBefore, fixture.Faults.FailedAfter);
        fixture.Faults.Rate = 0.33;
        List<IReadOnlyList<EntryOutcomeDto>> faulty;
        int retries;
        try
        {
            (faulty, retries) = await RunWithRetriesAsync($"chain.f{suffix}", batches);
        }
        finally
        {
            fixture.Faults.Rate = 0;
        }
        output.WriteLine($"retries={retries} failed before={fixture.Faults.FailedBefore - before} after={fixture.Faults.FailedAfter - after}");
        Assert.True(retries > 0, "No fault was injected: the test would prove nothing.");

        for (var b = 0; b < batches.Count; b++)
        {
            var links = batches[b].Select(r => r.LinkedToNext).ToList();
            foreach (var (start, length) in Journal.ChainsOf(links))
            {
                var made = Enumerable.Range(start, length).Count(i => faulty[b][i].Succeeded);
                Assert.True(made == 0 || made == length, $"batch {b}: chain at {start} partly applied");
            }
            for (var i = 0; i < batches[b].Length; i++)
            {
                Assert.True(oracle.Outcomes[b][i].Succeeded == faulty[b][i].Succeeded,
                    $"batch {b} request {i}: {oracle.Outcomes[b][i]} without faults, {faulty[b][i]} with");
                Assert.Equal(oracle.Outcomes[b][i].Sequence, faulty[b][i].Sequence);
                Assert.Equal(oracle.Outcomes[b][i].Hash is null, faulty[b][i].Hash is null);
            }
        }
        var oracleLedger = fixture.Client.GetGrain<ILedgerGrain>($"chain.o{suffix}");
        var faultyLedger = fixture.Client.GetGrain<ILedgerGrain>($"chain.f{suffix}");
        Assert.Equal(
            (await oracleLedger.GetBalances()).Select(b => (b.Account, b.PostedBalance, b.Available)),
            (await faultyLedger.GetBalances()).Select(b => (b.Account, b.PostedBalance, b.Available)));
        Assert.Equal((await oracleLedger.GetSummary()).Version, (await faultyLedger.GetSummary()).Version);
        var chain = await faultyLedger.VerifyChain();
        Assert.True(chain.Intact, chain.Reason);

        // A batch retried once more, long after: every request ends as it did.
        var again = await faultyLedger.Submit(batches[^1]);
        Assert.Equal(faulty[^1].Select(o => (o.Succeeded, o.Sequence)), again.Outcomes.Select(o => (o.Succeeded, o.Sequence)));
    }

    private async Task<(List<IReadOnlyList<EntryOutcomeDto>> Outcomes, int Retries)> RunAsync(string journal, List<LedgerRequest[]> batches)
    {
        var (outcomes, retries) = await RunWithRetriesAsync(journal, batches);
        Assert.Equal(0, retries);
        return (outcomes, retries);
    }

    private async Task<(List<IReadOnlyList<EntryOutcomeDto>> Outcomes, int Retries)> RunWithRetriesAsync(string journal, List<LedgerRequest[]> batches)
    {
        var ledger = fixture.Client.GetGrain<ILedgerGrain>(journal);
        var retries = 0;
        var outcomes = new List<IReadOnlyList<EntryOutcomeDto>>();
        foreach (var batch in batches.Prepend(Opening))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var result = await ledger.Submit(batch);
                    Assert.Null(result.Rejection);
                    outcomes.Add(result.Outcomes);
                    break;
                }
                catch (Exception ex) when (attempt < MaxAttempts && ex is not Xunit.Sdk.XunitException)
                {
                    retries++;
                    await Task.Delay(20);
                }
            }
        }
        Assert.All(outcomes[0], o => Assert.True(o.Succeeded));
        outcomes.RemoveAt(0);
        return (outcomes, retries);
    }

    // Holds on the budget, posts and voids of holds (made in this batch or an earlier one), posts of holds that do not
    // exist and spends of cash, randomly linked; the ceiling and the cash are small so that refusals are common.
    private static List<LedgerRequest[]> RandomBatches(Random rnd)
    {
        var batches = new List<LedgerRequest[]>();
        var holds = new List<string>();
        for (var b = 0; b < Batches; b++)
        {
            var n = 1 + rnd.Next(20);
            var batch = new LedgerRequest[n];
            for (var i = 0; i < n; i++)
            {
                var key = $"b{b}-{i}";
                var linked = i < n - 1 && rnd.Next(3) == 0;
                batch[i] = rnd.Next(5) switch
                {
                    0 => Hold(key, 1 + rnd.Next(30_000)),
                    1 when holds.Count > 0 => new LedgerRequest { Kind = LedgerRequestKind.PostReservation, Key = key, ValueDate = Ledger.Day, ReservationKey = holds[rnd.Next(holds.Count)] },
                    2 when holds.Count > 0 => new LedgerRequest { Kind = LedgerRequestKind.VoidReservation, Key = key, ValueDate = Ledger.Day, ReservationKey = holds[rnd.Next(holds.Count)] },
                    3 => new LedgerRequest { Kind = LedgerRequestKind.PostReservation, Key = key, ValueDate = Ledger.Day, ReservationKey = "no-such-hold" },
                    _ => Ledger.Post(key) with { Postings = Legs("expense:chain", "cash:chain-bank", 1 + rnd.Next(2_000)) },
                };
                batch[i] = batch[i] with { LinkedToNext = linked };
                if (batch[i].Kind == LedgerRequestKind.Reserve)
                {
                    holds.Add(key);
                }
            }
            batches.Add(batch);
        }
        return batches;
    }

    private static LedgerRequest Hold(string key, long cents) =>
        Ledger.Post(key) with { Kind = LedgerRequestKind.Reserve, Postings = Legs("budget:chain:2026", "commitment:chain:2026:x", cents) };

    private static Posting[] Legs(string debit, string credit, long cents) => [Ledger.Leg(debit, cents), Ledger.Leg(credit, -cents)];
}
