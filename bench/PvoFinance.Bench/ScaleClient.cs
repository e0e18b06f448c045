using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PvoFinance.Bench;

/// <summary>The scale benchmark's HTTP side: Development tokens, one request with its status, body and duration.</summary>
internal sealed class ScaleClient(HttpClient http)
{
    /// <summary>One answer.</summary>
    public sealed record Answer(int Status, string Text, double Ms)
    {
        public bool Ok => Status is >= 200 and < 300;

        public JsonNode Json => JsonNode.Parse(Text)!;

        public string Short => $"{Status} {(Text.Length <= 300 ? Text : Text[..300] + "…")}";
    }

    public Task<string> TokenAsync(object body) => BenchHttp.TokenAsync(http, body);

    /// <summary>Sends one request; a transport failure is an answer with status 0.</summary>
    public async Task<Answer> SendAsync(string token, HttpMethod method, string path, JsonNode? body = null, string? key = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (status, text, _) = await BenchHttp.SendAsync(http, token, method, path, body, key);
            return new Answer((int)status, text, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Answer(0, $"{e.GetType().Name}: {e.Message}", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Answers with a 503 (the service's "briefly unavailable, retry the same request") that were retried.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    private long _retries;

    /// <summary>
    /// Sends one request as a client following the service's advice would: a 503 is retried with the same request
    /// (same ids and Idempotency-Key), up to BenchHttp.MaxRetries times with a growing pause. The answer is the last one.
    /// </summary>
    public Task<Answer> SendRetryingAsync(string token, HttpMethod method, string path, JsonNode? body = null, string? key = null) =>
        BenchHttp.RetryUnavailableAsync(
            () => SendAsync(token, method, path, body?.DeepClone(), key),
            a => a.Status,
            (before, again) => again with { Ms = before.Ms + again.Ms },
            () => Interlocked.Increment(ref _retries));

    /// <summary>Sends one request that must succeed (setting up).</summary>
    public async Task<Answer> MustAsync(string token, HttpMethod method, string path, JsonNode? body = null, string? key = null)
    {
        var answer = await SendRetryingAsync(token, method, path, body, key);
        return answer.Ok ? answer : throw new InvalidOperationException($"{method} {path} → {answer.Short}");
    }

    /// <summary>Runs <paramref name="count"/> operations over <paramref name="concurrency"/> workers.</summary>
    public static async Task ForEachAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, concurrency)).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await operation(i);
            }
        }));
    }

    /// <summary>Nearest-rank percentile of unsorted values.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
