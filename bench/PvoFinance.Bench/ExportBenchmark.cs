using System.Diagnostics;
using System.Globalization;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Exports;
using PvoFinance.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Bench;

/// <summary>
/// <c>./bench.sh export</c>: the transactions export of 1,000,000 ledger movements — ledger entries turned into rows
/// (<see cref="TransactionRows"/>) and written as canonical CSV with formula neutralisation, totals and SHA-256
/// (<see cref="TransactionExport"/>) — beside a raw buffered copy of the very same bytes, in one run, both to files.
/// Entries are generated one at a time, as the service reads pages of a journal, so memory must stay flat.
/// </summary>
internal static class ExportBenchmark
{
    public static async Task<int> RunAsync()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("PVO_BENCH_EXPORT_ROWS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1_000_000;
        var dir = Path.Combine(".test-run", "bench-export");
        Directory.CreateDirectory(dir);
        var exportFile = Path.Combine(dir, "transactions.csv");
        var rawFile = Path.Combine(dir, "raw-copy.csv");
        var lookups = Lookups();
        Console.WriteLine($"PvoFinance export benchmark: {rows:N0} ledger movements, canonical CSV to a file, {Environment.ProcessorCount} cores");

        // Warm-up (JIT, page cache), then the measured runs side by side.
        // Long enough for tiered compilation to finish: the first hundreds of thousands of rows run partly unoptimised.
        await Export(exportFile, Math.Min(rows, 500_000), lookups);
        await Export(exportFile, Math.Min(rows, 200_000), lookups, parallelism: 1);
        Copy(exportFile, rawFile);

        // Rounds of export then raw copy, back to back: on a shared machine one pair can land on a burst of load, so the
        // summary takes the round with the median ratio (every round is printed, with the load average around it).
        var heap = new HeapSampler();
        var process = Process.GetCurrentProcess();
        var rounds = new List<(double Export, double Raw, double ExportCpu, double RawCpu, string Load)>();
        var roundCount = int.TryParse(Environment.GetEnvironmentVariable("PVO_BENCH_EXPORT_ROUNDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 20 ? r : 3;
        ExportTotals totals = null!;
        long copied = 0;
        var sw = new Stopwatch();
        for (var round = 0; round < roundCount; round++)
        {
            var load = LoadAverage();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            sw.Restart();
            totals = await Export(exportFile, rows, lookups, round == 0 ? heap : null);
            var exportSeconds = sw.Elapsed.TotalSeconds;
            process.Refresh();
            var exportCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
            cpu = process.TotalProcessorTime;
            sw.Restart();
            copied = Copy(exportFile, rawFile);
            var rawSeconds = sw.Elapsed.TotalSeconds;
            process.Refresh();
            var rawCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
            rounds.Add((exportSeconds, rawSeconds, exportCpu, rawCpu, load));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round + 1}: export {exportSeconds:F2} s ({exportCpu:F2} s CPU), raw copy {rawSeconds:F2} s ({rawCpu:F2} s CPU), ratio {rawSeconds / exportSeconds:F3}; load average {load}"));
        }
        var median = rounds.OrderBy(x => x.Raw / x.Export).ElementAt(rounds.Count / 2);

        // What the rows cost to build alone (one thread, nothing written): the part of the export that is not CSV.
        process.Refresh();
        var buildStart = process.TotalProcessorTime;
        sw.Restart();
        long built = 0;
        await foreach (var line in Lines(rows, null))
        {
            built += TransactionRows.Of(line, lookups).Count;
        }
        var buildSeconds = sw.Elapsed.TotalSeconds;
        process.Refresh();
        var buildCpu = (process.TotalProcessorTime - buildStart).TotalSeconds;

        // The same export formatted on one thread, for the record: what the batches on every core gain.
        sw.Restart();
        var single = await Export(exportFile, rows, lookups, parallelism: 1);
        var singleSeconds = sw.Elapsed.TotalSeconds;
        if (single.Sha256 != totals.Sha256)
        {
            Console.Error.WriteLine("The one-thread export differs from the parallel one.");
            return 1;
        }
        Console.WriteLine($"  one batch at a time: {singleSeconds:F2} s (same bytes)");
        if (totals.Rows != rows || copied != totals.Bytes)
        {
            Console.Error.WriteLine($"Wrote {totals.Rows} rows and {totals.Bytes} bytes; copied {copied} bytes.");
            return 1;
        }
        var exportRate = rows / median.Export;
        var rawRate = rows / median.Raw;
        Console.WriteLine($"  export (median round): {median.Export:F2} s, {totals.Bytes / 1024.0 / 1024.0:F0} MiB, sha256 {totals.Sha256[..16]}…, total amount {CsvDialect.Canonical.Amount(totals.Columns["amount"])}");
        Console.WriteLine($"  raw copy of the same bytes (1 MiB buffer): {median.Raw:F2} s");
        Console.WriteLine($"  CPU time (all threads): export {median.ExportCpu:F2} s, raw copy {median.RawCpu:F2} s; building the {built:N0} rows alone: {buildSeconds:F2} s ({buildCpu:F2} s CPU)");
        Console.WriteLine($"  managed heap while exporting: max {heap.MaxMiB:F0} MiB over {heap.Samples} samples");
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        File.Delete(exportFile);
        File.Delete(rawFile);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export rows/s={exportRate:F0} raw rows/s={rawRate:F0} ratio={exportRate / rawRate:F3} peak MiB={peak:F0} rounds={rounds.Count} load average={median.Load}"));
        return 0;
    }

    // The 1, 5 and 15 minute load averages (Linux), so every figure says how busy the machine was; "?" elsewhere.
    private static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }

    private static async Task<ExportTotals> Export(string file, int rows, ExportLookups lookups, HeapSampler? heap = null, int? parallelism = null)
    {
        await using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return await TransactionExport.Writer.WriteAsync(stream, Lines(rows, heap), line => TransactionRows.Of(line, lookups), CsvDialect.Canonical, parallelism: parallelism);
    }

    private static long Copy(string from, string to)
    {
        using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var destination = new FileStream(to, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            destination.Write(buffer, 0, read);
            total += read;
        }
        return total;
    }

    // Ledger entries of four kinds over ten regions — commitments, advances (sender and receiver side), levy invoices —
    // as the reader hands them over: 4,096 distinct entries, each read again with its own sequence number.
    private static async IAsyncEnumerable<LedgerLine> Lines(int count, HeapSampler? heap)
    {
        var regions = RegionDefinition.All.Select(r => r.Id).ToArray();
        var hashes = Enumerable.Range(0, 1024).Select(i => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))).ToArray();
        var recorded = Instant.FromUtc(2026, 11, 23, 9, 0);
        var date = new LocalDate(2026, 11, 23);
        var pool = new LedgerLine[4096];
        for (var i = 0; i < pool.Length; i++)
        {
            var region = regions[i % regions.Length];
            var cents = 1_000 + (i * 7_919L % 5_000_000);
            pool[i] = (i % 4) switch
            {
                0 => Line("source.bench-fund.2026", i, $"commit:c{i}:0:post", "PostReservation", date, recorded, "budget:bench-fund:2026", $"commitment:bench-fund:2026:{region}", cents, hashes),
                1 => Line("source.bench-fund.2026", i, $"pay:bench-fund:p{i}:post", "PostReservation", date, recorded, $"commitment:bench-fund:2026:{region}", $"clearing:region.{region}", cents, hashes),
                2 => Line($"region.{region}", i, $"pay:bench-fund:p{i}:credit", "Posted", date, recorded, "clearing:source.bench-fund.2026", $"region:{region}:bench-fund", cents, hashes),
                _ => Line("source.bench-levy.2026", i, $"invoice:GM{i % 1000:0000}", "Posted", date, recorded, $"receivable:bench-levy:2026:gm{i % 1000:0000}", "budget:bench-levy:2026", cents, hashes,
                    $"Levy 2026 Gemeente: {10_000 + i % 90_000} inhabitants (2024) x 0.2500"),
            };
        }
        for (var i = 0; i < count; i++)
        {
            yield return pool[i % pool.Length] with { Sequence = i + 1 };
            if (heap is not null && i % 50_000 == 0)
            {
                heap.Sample();
                await Task.Yield();
            }
        }
    }

    private static LedgerLine Line(string journal, int i, string key, string kind, LocalDate date, Instant recorded, string debit, string credit, long cents, string[] hashes, string? memo = null) =>
        new(journal, i + 1, key, kind, date, recorded, null, [new LedgerLeg(debit, cents), new LedgerLeg(credit, -cents)], memo, hashes[i % hashes.Length], hashes[(i + 1023) % hashes.Length]);

    private static ExportLookups Lookups()
    {
        var fund = new FundingSourceDefinition("bench-fund", "Benchmark fund", FundingSourceKind.NationalScheme, Scope.National, "Ministerie van Justitie en Veiligheid",
            [], null, null, null, [], null, null);
        var levy = new FundingSourceDefinition("bench-levy", "Benchmark levy", FundingSourceKind.MunicipalLevy, Scope.Region("limburg"), "=Gemeenten Limburg",
            [], null, null, new Rate(2500), [], null, null);
        return new ExportLookups(RegionCatalog.Shipped, new Dictionary<string, FundingSourceDefinition> { [fund.Id] = fund, [levy.Id] = levy }, new Dictionary<string, Application>());
    }

    /// <summary>Samples the managed heap while the export runs.</summary>
    private sealed class HeapSampler
    {
        public double MaxMiB { get; private set; }
        public int Samples { get; private set; }

        public void Sample()
        {
            Samples++;
            MaxMiB = Math.Max(MaxMiB, GC.GetTotalMemory(false) / 1024.0 / 1024.0);
        }
    }
}
