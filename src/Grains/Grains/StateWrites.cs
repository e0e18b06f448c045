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
            var (serializer, measured) = Checked(grain, state.State);
            // The bytes just measured are the bytes the provider is about to write: handed to it along this call's
            // flow (the grain storage serializer takes them, StateWrites.TakeMeasured), so the state is serialized once,
            // not twice. Only the flow of this write sees them, and only for this very object; the grain's turn is not
            // interleaved while it awaits its write, so the state cannot change before the provider serializes it.
            HandedOver.Value = measured is null ? null : new Measured(state.State, typeof(T), serializer!, measured);
            try
            {
                await state.WriteStateAsync();
            }
            finally
            {
                HandedOver.Value = null;
            }
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }

    private sealed record Measured(object? Value, Type Type, IGrainStorageSerializer By, BinaryData Bytes);

    private static readonly AsyncLocal<Measured?> HandedOver = new();

    /// <summary>
    /// The bytes <see cref="WriteOrDropAsync"/> has just measured for <paramref name="value"/> with
    /// <paramref name="serializer"/>, when the write of exactly that value (the same object, as type
    /// <typeparamref name="T"/>) is under way in this flow; null otherwise (then the caller serializes).
    /// For the grain storage serializer, so a state is serialized once per write. Taken once.
    /// </summary>
    public static BinaryData? TakeMeasured<T>(T value, IGrainStorageSerializer serializer)
    {
        if (HandedOver.Value is not { } held || !ReferenceEquals(held.Value, value) || held.Type != typeof(T) || !ReferenceEquals(held.By, serializer))
        {
            return null;
        }
        HandedOver.Value = null;
        return held.Bytes;
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
        var serializer = MeasuringSerializer(grain);
        return serializer is null
            ? System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value).LongLength
            : serializer.Serialize(value).ToMemory().Length;
    }

    // The serializer the providers write with (keyed), else the silo's default; none in a bare test host.
    private static IGrainStorageSerializer? MeasuringSerializer(IGrainBase grain)
    {
        var services = grain.GrainContext.ActivationServices;
        return services.GetKeyedService<IGrainStorageSerializer>(MeasuringSerializerKey) ?? services.GetService<IGrainStorageSerializer>();
    }

    /// <summary>Throws <see cref="GrainStateTooLargeException"/> when <paramref name="value"/> passes its declared bound.</summary>
    public static void CheckBound<T>(this IGrainBase grain, T value) => Checked(grain, value);

    // The bound check of CheckBound; answers the serializer and the bytes it measured (null without a serializer).
    private static (IGrainStorageSerializer? Serializer, BinaryData? Bytes) Checked<T>(IGrainBase grain, T value)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var max = GrainStateLimits.MaxBytesOf(typeof(T).Name);
        var serializer = MeasuringSerializer(grain);
        var data = serializer?.Serialize(value);
        var bytes = data is null ? System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value).LongLength : data.ToMemory().Length;
        if (bytes > max)
        {
            LimitsTelemetry(typeof(T).Name);
            throw new GrainStateTooLargeException(
                $"This change would make the stored {Describe(typeof(T).Name)} {bytes:N0} bytes; it may hold at most {max:N0}. Nothing was changed.");
        }
        return (serializer, data);
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
