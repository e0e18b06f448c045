using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PvoFinance.Exports;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.LedgerFigures;
using PvoFinance.Ledger;
using PvoFinance.LedgerFigures;
using PvoFinance.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// A journal whose snapshot was written before snapshots carried the running totals (no <c>mt</c>): after a reload its
/// totals are completed once from its entries and give the same figures as the entries themselves, and the entries it
/// takes afterwards are counted too.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MovementTotalsUpgradeTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task A_snapshot_without_running_totals_is_completed_from_the_entries_on_the_first_read()
    {
        var journal = Ledger.Unique("source.upgrade") + ".2026";
        var source = journal.Split('.')[1];
        var grain = Grains.GetGrain<ILedgerGrain>(journal);
        await Ledger.OpenBudget(Grains, journal, $"budget:{source}:2026", 1_000_000_00);
        // 300 commitments: past two snapshot intervals, so the reload starts from a snapshot.
        for (var i = 1; i <= 300; i++)
        {
            var reply = await grain.Execute(Ledger.Post($"c{i}", ($"budget:{source}:2026", i), ($"commitment:{source}:2026:limburg", -i)));
            Assert.Equal(LedgerReplyStatus.Committed, reply.Status);
        }
        await fixture.Cluster.DeactivateAsync((IAddressable)grain);
        await fixture.Cluster.WaitForDeactivationAsync((IAddressable)grain);

        // Append one more entry with a snapshot in the old form, as the previous version wrote it.
        var store = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IJournalStore>();
        var head = await store.ReadHeadAsync(journal);
        var core = Journal.FromState(LedgerJson.DeserializeState(head.Snapshot!.Payload));
        await foreach (var record in store.ReadRecordsAsync(journal, core.Version))
        {
            core.Apply(LedgerJson.DeserializeEntry(record));
        }
        var next = Assert.IsType<Committed>(core.Execute(new PostEntry("c301", new LocalDate(2026, 3, 1),
            [Posting.Debit(AccountId.Parse($"budget:{source}:2026"), new Money(301)), Posting.Credit(AccountId.Parse($"commitment:{source}:2026:limburg"), new Money(301))]),
            SystemClock.Instance.GetCurrentInstant())).Entry;
        var old = JsonNode.Parse(LedgerJson.Serialize(core.ToState()))!.AsObject();
        Assert.True(old.Remove("mt"));
        await store.AppendAsync(journal, head.Version, head.ETag,
            [new JournalRecord(next.Sequence, next.Key, next.ContentHash, LedgerJson.Serialize(next))], new JournalSnapshotRecord(next.Sequence, old.ToJsonString()));

        var totals = await JournalTotals.ReadAsync(Grains, [journal]);
        var book = new FigureBook().AddRange((await grain.GetEntries(0, 1_000)).Select(JournalLines.From));
        Assert.Equal(book.SourceYear(source, 2026), totals.SourceYear(source, 2026));
        Assert.Equal(301L * 302 / 2, totals.SourceYear(source, 2026, "limburg").Committed);

        // Entries after the upgrade count too.
        Assert.Equal(LedgerReplyStatus.Committed, (await grain.Execute(Ledger.Post("c302", ($"budget:{source}:2026", 302), ($"commitment:{source}:2026:limburg", -302)))).Status);
        Assert.Equal(302L * 303 / 2, (await JournalTotals.ReadAsync(Grains, [journal])).SourceYear(source, 2026, "limburg").Committed);
    }
}
