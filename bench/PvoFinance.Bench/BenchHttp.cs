using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PvoFinance.Bench;

/// <summary>
/// What the HTTP benchmarks (<c>./bench.sh http</c>, <c>./bench.sh scale</c>) share: a Development token, one request
/// as a client sends it (bearer token, JSON body, <c>Idempotency-Key</c>), and the retry of a 503 that the service
/// advises ("briefly unavailable; retry the same request").
/// </summary>
internal static class BenchHttp
{
    /// <summary>How often a 503 is retried with the same request.</summary>
    public const int MaxRetries = 5;

    /// <summary>A token from <c>POST /dev/token</c> (the service must run in the Development environment).</summary>
    public static async Task<string> TokenAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/dev/token", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /dev/token → {(int)response.StatusCode} {text} (is the service running in the Development environment?)");
        }
        return JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Sends one request and reads its answer; transport failures are the caller's to catch.</summary>
    public static async Task<(HttpStatusCode Status, string Text, HttpResponseHeaders Headers)> SendAsync(
        HttpClient http, string token, HttpMethod method, string path, JsonNode? body, string? key)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text, response.Headers);
    }

    /// <summary>
    /// Sends a request as a client following the service's advice would: an answer with status 503 is sent again,
    /// the same request (same ids and <c>Idempotency-Key</c>), up to <see cref="MaxRetries"/> times with a growing
    /// pause; <paramref name="combine"/> folds each further answer into the one before (e.g. to add up the time).
    /// </summary>
    public static async Task<TAnswer> RetryUnavailableAsync<TAnswer>(
        Func<Task<TAnswer>> send, Func<TAnswer, int> status, Func<TAnswer, TAnswer, TAnswer> combine, Action? retrying = null)
    {
        var answer = await send();
        for (var attempt = 1; attempt <= MaxRetries && status(answer) == 503; attempt++)
        {
            retrying?.Invoke();
            await Task.Delay(200 * attempt);
            answer = combine(answer, await send());
        }
        return answer;
    }
}
