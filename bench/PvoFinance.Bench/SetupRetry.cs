using System.Diagnostics;

namespace PvoFinance.Bench;

/// <summary>
/// Retries a benchmark's setup step (creating a table, starting a store) that storage may time out while it is still
/// busy with the previous phase: Azurite, one Node.js process, can take longer than the client's network timeout to
/// answer a table creation right after a phase of 256 journals. Bounded: a few tries with a doubling pause, then the
/// step is reported as failed and the benchmark goes on with its other phases rather than aborting.
/// </summary>
internal static class SetupRetry
{
    /// <summary>Tries per step, the first included.</summary>
    public const int MaxAttempts = 6;

    /// <summary>The pause before the second try; it doubles before each further try (0.5, 1, 2, 4, 8 s: 15.5 s in all).</summary>
    public static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest one try may take before it is abandoned and tried again.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="step"/> until it succeeds or <see cref="MaxAttempts"/> tries failed; the last failure is thrown.</summary>
    /// <param name="what">What the step does, for the console (e.g. "create table benchXRaw").</param>
    /// <param name="step">The step; it gets a token that is cancelled when the try takes too long.</param>
    public static async Task RunAsync(string what, Func<CancellationToken, Task> step)
    {
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var timeout = new CancellationTokenSource(AttemptTimeout);
                await step(timeout.Token).WaitAsync(timeout.Token);
                if (attempt > 1)
                {
                    Console.WriteLine($"  (setup: {what} succeeded on try {attempt} of {MaxAttempts})");
                }
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && e is not OutOfMemoryException)
            {
                Console.WriteLine($"  (setup: {what} failed on try {attempt} of {MaxAttempts} after {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s: {FirstLine(e)}; trying again in {pause.TotalSeconds:F1} s)");
                await Task.Delay(pause);
                pause *= 2;
            }
        }
    }

    /// <summary>The first line of an exception's message (storage errors carry whole response dumps).</summary>
    public static string FirstLine(Exception e)
    {
        var message = e.Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return $"{e.GetType().Name}: {(end < 0 ? message : message[..end])}";
    }
}
