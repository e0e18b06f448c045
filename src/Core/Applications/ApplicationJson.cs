using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Access;

namespace PvoFinance.Applications;

/// <summary>
/// The System.Text.Json mapping of <see cref="Application"/> and the request payloads: money as exact text
/// (<c>"1234.50"</c>), dates as ISO (<c>2026-03-02</c>), instants as ISO UTC, scopes as <c>province:Limburg</c>,
/// enums by name. Derived, read-only members (<see cref="Application.NextAdvance"/>, <see cref="Deadlines.DecisionExtended"/>, …)
/// are left out, so what is written is exactly what is read back.
/// </summary>
public static class ApplicationJson
{
    /// <summary>The options for storage and for request payloads (camelCase, unknown members refused).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The stored text of an application.</summary>
    public static string Serialize(Application application) => JsonSerializer.Serialize(application, Options);

    /// <summary>An application from its stored text.</summary>
    /// <exception cref="JsonException">The text is not an application.</exception>
    public static Application Deserialize(string json) =>
        JsonSerializer.Deserialize<Application>(json, Options) ?? throw new JsonException("An application was expected, not null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitDerivedMembers } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new MoneyConverter());
        options.Converters.Add(new LocalDateConverter());
        options.Converters.Add(new InstantConverter());
        options.Converters.Add(new ScopeConverter());
        options.MakeReadOnly();
        return options;
    }

    // A member without a setter that no constructor parameter fills is computed from the others: skip it.
    private static void OmitDerivedMembers(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var p = info.Properties[i];
            if (p.Set is null && p.AssociatedParameter is null)
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    private sealed class MoneyConverter : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && Money.TryParse(reader.GetString(), out var m, out _)
                ? m
                : throw new JsonException("An amount is text like \"1234.50\".");

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    private sealed class LocalDateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && LocalDatePattern.Iso.Parse(reader.GetString()!) is { Success: true } r
                ? r.Value
                : throw new JsonException("A date is text like \"2026-03-02\".");

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) => writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && InstantPattern.ExtendedIso.Parse(reader.GetString()!) is { Success: true } r
                ? r.Value
                : throw new JsonException("An instant is ISO text in UTC.");

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) => writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }

    private sealed class ScopeConverter : JsonConverter<Scope>
    {
        public override Scope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && Scope.TryParse(reader.GetString(), out var s)
                ? s
                : throw new JsonException("A scope is 'national', 'province:<name>' or 'region:<id>'.");

        public override void Write(Utf8JsonWriter writer, Scope value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
