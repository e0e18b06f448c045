using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PvoFinance.Grains.Contracts;
using PvoFinance.Storage;

namespace PvoFinance.Grains;

/// <summary>Writing grain state so that a failed write never leaves an activation ahead of storage.</summary>
public static class StateWrites
{
    /// <summary>
    /// Writes <paramref name="state"/>; if the write fails, the activation is dropped once the current call
    /// ends, so the next call reloads exactly what storage holds. Without this, the in-memory value (already
    /// changed) would keep answering as if it had been stored, and a deactivation would later lose it.
    /// A state over its declared bound (<see cref="GrainStateLimits"/>) is not sent: the call fails with
    /// <see cref="GrainStateTooLargeException"/> and the activation is dropped the same way.
    /// </summary>
    public static async Task WriteOrDropAsync<T>(this IGrainBase grain, IPersistentState<T> state)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            CheckBound(grain, state.State);
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// The service key under which hosting registers the serializer its grain storage providers write with. The
    /// unkeyed <see cref="IGrainStorageSerializer"/> is Orleans' default (Newtonsoft JSON), which writes another size
    /// than the provider's System.Text.Json (a quote inside a string: 2 bytes there, 6 here), so a bound checked
    /// with it is not the bound the table sees.
    /// </summary>
    public const string MeasuringSerializerKey = "pvo.grain-state-serializer";

    /// <summary>The bytes <paramref name="value"/> takes as the grain storage serializer writes it.</summary>
    public static long MeasureBytes<T>(this IGrainBase grain, T value)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var services = grain.GrainContext.ActivationServices;
        var serializer = services.GetKeyedService<IGrainStorageSerializer>(MeasuringSerializerKey) ?? services.GetService<IGrainStorageSerializer>();
        return serializer is null
            ? System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value).LongLength
            : serializer.Serialize(value).ToMemory().Length;
    }

    /// <summary>Throws <see cref="GrainStateTooLargeException"/> when <paramref name="value"/> passes its declared bound.</summary>
    public static void CheckBound<T>(this IGrainBase grain, T value)
    {
        var max = GrainStateLimits.MaxBytesOf(typeof(T).Name);
        var bytes = grain.MeasureBytes(value);
        if (bytes > max)
        {
            LimitsTelemetry(typeof(T).Name);
            throw new GrainStateTooLargeException(
                $"This change would make the stored {Describe(typeof(T).Name)} {bytes:N0} bytes; it may hold at most {max:N0}. Nothing was changed.");
        }
    }

    private static void LimitsTelemetry(string state) =>
        Telemetry.LedgerTelemetry.StateTooLarge.Add(1, new KeyValuePair<string, object?>("state", state));

    private static string Describe(string typeName) => typeName switch
    {
        "ApplicationGrainState" => "application",
        "FundingSourceState" => "funding source",
        "RegionState" => "region",
        "ScenarioGrainState" => "scenario",
        "ScenarioIndexState" => "list of scenarios",
        "TransferState" => "transfer",
        "FundingRegistryState" => "registry of funding sources",
        "ApplicationIndexState" => "list of applications",
        _ => "record",
    };
}
