namespace PvoFinance.Bench;

/// <summary>Benchmark settings, overridable by environment variables of the same name in upper snake case with a PVO_BENCH_ prefix.</summary>
internal sealed record BenchOptions(int Concurrency, int Journals, int Seconds, int WarmUpSeconds, int RawBatchRows, int RawWriters)
{
    public static BenchOptions FromEnvironment() => new(
        Read("PVO_BENCH_CONCURRENCY", 256),
        Read("PVO_BENCH_JOURNALS", 16),
        Read("PVO_BENCH_SECONDS", 5),
        Read("PVO_BENCH_WARMUP_SECONDS", 2),
        Read("PVO_BENCH_RAW_BATCH_ROWS", 100),
        // The ledger has at most one table transaction in flight per journal, so by default the raw phase gets
        // the same: one writer per journal partition.
        Read("PVO_BENCH_RAW_WRITERS", Read("PVO_BENCH_JOURNALS", 16)));

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;
}
