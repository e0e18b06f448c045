using System.Diagnostics;
using NodaTime;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;
using PvoFinance.Storage;

namespace PvoFinance.Bench;

/// <summary>
/// <c>./bench.sh core</c>: the CPU cost of each step a ledger entry takes inside the grain, without Orleans
/// or storage, so the in-memory ledger figure can be explained step by step.
/// </summary>
internal static class CoreBenchmark
{
    public static int Run()
    {
        const int n = 200_000;
        var clock = SystemClock.Instance;
        var journal = new Journal();
        var debit = AccountId.Parse("expense:bench:x");
        var credit = AccountId.Parse("region:bench:funds");
        var date = new LocalDate(2026, 11, 23);
        var commands = Enumerable.Range(0, n).Select(i => new PostEntry($"w-{i}", date, [new Posting(debit, new Money(1234)), new Posting(credit, new Money(-1234))])).ToArray();
        var requests = Enumerable.Range(0, n).Select(i => new LedgerRequest
        {
            Kind = LedgerRequestKind.Post,
            Key = $"w-{i}",
            ValueDate = date,
            Postings = [new Posting(debit, new Money(1234)), new Posting(credit, new Money(-1234))],
        }).ToArray();
        var entries = new JournalEntry[n];

        Console.WriteLine($"PvoFinance core benchmark: {n:N0} entries, one thread");
        Measure("map request (LedgerRequestMapper.ToCommand)", n, i => LedgerRequestMapper.ToCommand(requests[i]));
        Measure("content hash (EntryHasher.ContentHash)", n, i => EntryHasher.ContentHash(commands[i]));
        // As the grain decides (and LedgerBenchmark's core rate): a key the filter cannot rule out is confirmed absent first,
        // else the journal refuses to decide once the keys held in memory no longer cover its history.
        Measure("decide + apply (Journal.Execute)", n, i =>
        {
            foreach (var key in journal.KeysToLookUp(commands[i]))
            {
                journal.ConfirmAbsent(key, journal.Version);
            }
            entries[i] = ((Committed)journal.Execute(commands[i], clock.GetCurrentInstant())).Entry;
        });
        var payloads = new string[n];
        Measure("serialize entry (LedgerJson)", n, i => payloads[i] = LedgerJson.Serialize(entries[i]));
        Measure("wire size (JsonWireSize)", n, i => JsonWireSize.Of(payloads[i]));
        Measure("stored row (LedgerJson.ToRecord)", n, i => LedgerJson.ToRecord(entries[i]));
        Measure("reply DTO (LedgerRequestMapper.ToDto)", n, i => LedgerRequestMapper.ToDto("j", entries[i]));
        Measure("deserialize entry (LedgerJson)", n, i => LedgerJson.DeserializeEntry(payloads[i]));
        Measure("entry hash (EntryHasher.EntryHash)", n, i => EntryHasher.EntryHash(entries[i]));
        return 0;
    }

    private static void Measure(string name, int n, Action<int> step)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            step(i);
        }
        Console.WriteLine($"  {name,-48} {sw.Elapsed.TotalMicroseconds / n,8:F2} µs/entry");
    }
}
