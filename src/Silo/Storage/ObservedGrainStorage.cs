using System.Diagnostics;
using Azure;
using Orleans.Storage;
using PvoFinance.Grains.Contracts;
using PvoFinance.Telemetry;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// Wraps a grain storage provider (Orleans' Azure Table provider in production) with what the service needs around
/// it: a span per state read, write and clear (<c>grainstate.read</c>/<c>write</c>/<c>clear</c>, children of the grain
/// call, so a trace shows HTTP → grain → storage), their latency (<c>pvo.storage.grainstate.duration</c>), every
/// optimistic-concurrency conflict counted (<c>pvo.storage.grainstate.conflicts</c>), and permanent refusals —
/// a state too large for one entity, a request the service calls invalid — turned into
/// <see cref="StorageRefusedException"/>, so they are never mistaken for a transient fault worth retrying.
/// </summary>
/// <param name="name">The provider name, as grains select it.</param>
/// <param name="inner">The provider that does the storing.</param>
public sealed class ObservedGrainStorage(string name, IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The provider that does the storing.</summary>
    public IGrainStorage Inner => inner;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ObserveAsync("read", stateName, grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ObserveAsync("write", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ObserveAsync("clear", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        // The inner provider creates its table in the silo lifecycle; Orleans finds the participant through this wrapper.
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(lifecycle);
        }
    }

    private async Task ObserveAsync(string operation, string stateName, GrainId grainId, Func<Task> run)
    {
        // One table request, counted as a round trip of the request's trace (StorageRoundTrips).
        using var activity = StorageRoundTrips.StartRequest("grainstate." + operation);
        activity?.SetTag("pvo.storage.provider", name);
        activity?.SetTag("pvo.storage.state", stateName);
        activity?.SetTag("pvo.grain", grainId.ToString());
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await run();
        }
        catch (InconsistentStateException)
        {
            // The package's ETag mismatch (TableStorageUpdateConditionNotSatisfiedException): Orleans deactivates the
            // grain, and the next call reloads the state.
            outcome = "conflict";
            LedgerTelemetry.GrainStateConflicts.Add(1, new KeyValuePair<string, object?>("provider", name), new KeyValuePair<string, object?>("operation", operation));
            activity?.SetStatus(ActivityStatusCode.Error, "conflict");
            throw;
        }
        catch (Exception e) when (Refusal(e) is { } reason)
        {
            outcome = "refused";
            activity?.SetStatus(ActivityStatusCode.Error, "refused");
            throw new StorageRefusedException($"Storage refused to {operation} the {stateName} record of {grainId}: {reason}. Retrying cannot help; nothing was stored.");
        }
        catch (Exception e)
        {
            outcome = "error";
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            LedgerTelemetry.GrainStateLatency.Record(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("provider", name),
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    // The package says "Data too large to write to Azure table. Size=… MaxSize=…"; told here in the service's words.
    private static string TooLarge(string message) =>
        System.Text.RegularExpressions.Regex.Match(message, @"Size=(\d+) MaxSize=(\d+)") is { Success: true } m
            ? $"the record has grown to {long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture):N0} bytes and one table entity holds at most {long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture):N0}"
            : "the record has grown past what one table entity holds";

    /// <summary>Why storage refused for good, or null when the failure may pass (a timeout, a 5xx, a conflict).</summary>
    internal static string? Refusal(Exception exception) => exception switch
    {
        // The package checks the serialized size itself (15 × 64 KiB) before sending anything.
        ArgumentOutOfRangeException e when e.Message.StartsWith("Data too large", StringComparison.Ordinal) => TooLarge(e.Message),
        // 413 and 400 (EntityTooLarge, PropertyValueTooLarge, InvalidInput, …): the same request fails the same way.
        RequestFailedException { Status: 413 or 400 } e => $"the storage service answered {e.Status} {e.ErrorCode}",
        _ => null,
    };
}
