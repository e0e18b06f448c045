using System.Diagnostics;

namespace PvoFinance.Bench;

/// <summary>Runs <c>concurrency</c> workers that repeat an operation for a fixed time and counts completions.</summary>
internal static class Phase
{
    public sealed record Result(string Name, long Operations, double Seconds, long Errors)
    {
        public double PerSecond => Operations / Seconds;
    }

    /// <summary>Warms up, then measures for <paramref name="duration"/>; each worker's operation gets (worker, iteration).</summary>
    public static async Task<Result> Run(string name, int concurrency, TimeSpan warmUp, TimeSpan duration, Func<int, long, Task<int>> operation)
    {
        await RunFor(concurrency, warmUp, operation, long.MaxValue / 2);
        var (ops, errors, seconds) = await RunFor(concurrency, duration, operation, 0);
        var result = new Result(name, ops, seconds, errors);
        Console.WriteLine($"  {name,-34} {ops,10:N0} ops in {seconds,5:F2} s = {result.PerSecond,12:N0} /s  (concurrency {concurrency}, errors {errors})");
        return result;
    }

    private static async Task<(long Ops, long Errors, double Seconds)> RunFor(int concurrency, TimeSpan duration, Func<int, long, Task<int>> operation, long iterationBase)
    {
        long ops = 0, errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var stopAt = duration;
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (long i = 0; stopwatch.Elapsed < stopAt; i++)
            {
                try
                {
                    Interlocked.Add(ref ops, await operation(worker, iterationBase + i));
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return (ops, errors, stopwatch.Elapsed.TotalSeconds);
    }
}
