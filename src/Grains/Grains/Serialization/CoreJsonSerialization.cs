using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using PvoFinance.Access;
using PvoFinance.Applications;

namespace PvoFinance.Grains.Serialization;

/// <summary>
/// The core's records that cross grain calls as themselves — a scope, a funding plan's part, the deadlines, an advance,
/// a ledger effect, and the payload of every lifecycle action — written by Orleans' System.Text.Json codec with
/// <see cref="ApplicationJson.Options"/>, the mapping the core already round-trips for storage. The core stays free of
/// Orleans attributes; the codec is restricted to exactly these types (the core's value types, money and dates, have
/// surrogates in <see cref="MoneySurrogate"/> and its neighbours). Silo and client must register it alike.
/// </summary>
public static class CoreJsonSerialization
{
    private static readonly HashSet<Type> Supported =
    [
        typeof(Scope), typeof(FundingPart), typeof(Deadlines), typeof(ScheduledAdvance), typeof(LedgerEffect), typeof(Objection), typeof(Penalty),
        .. Enum.GetValues<ApplicationTrigger>().Select(ApplicationWorkflow.PayloadTypeOf),
    ];

    /// <summary>The core records this codec writes.</summary>
    public static IReadOnlyCollection<Type> Types => Supported;

    /// <summary>Whether <paramref name="type"/> is one of <see cref="Types"/>.</summary>
    public static bool IsSupported(Type type) => Supported.Contains(type);

    /// <summary>Adds the codec for <see cref="Types"/> to an Orleans serializer.</summary>
    public static ISerializerBuilder AddCoreJson(this ISerializerBuilder builder) => builder.AddJsonSerializer(IsSupported, ApplicationJson.Options);

    /// <summary>Registers the serializer with the codec for <see cref="Types"/>: for a silo's services and for a client's alike.</summary>
    public static IServiceCollection AddPvoSerializer(this IServiceCollection services) => services.AddSerializer(b => b.AddCoreJson());
}
