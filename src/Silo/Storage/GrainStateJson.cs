using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Serialization;
using Orleans.Storage;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// The System.Text.Json grain storage serializer every grain state is written with: Orleans'
/// <see cref="SystemTextJsonGrainStorageSerializer"/> plus converters for the NodaTime values states carry
/// (an <c>Instant</c> in a remembered answer's history, for instance), which System.Text.Json cannot handle by itself.
/// </summary>
public static class GrainStateJson
{
    /// <summary>
    /// The serializer: Orleans' defaults (public fields, no nulls written) and the NodaTime converters. It is also the
    /// silo's <see cref="IGrainStorageSerializer"/> service, which <c>StateWrites</c> measures states with against
    /// their bounds; the bytes measured just before a write are written as they are (<c>StateWrites.TakeMeasured</c>)
    /// rather than serialized a second time.
    /// </summary>
    public static IGrainStorageSerializer Serializer { get; } = new MeasuredOnce(CreateSerializer());

    private static SystemTextJsonGrainStorageSerializer CreateSerializer()
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        Configure(options.JsonSerializerOptions);
        options.JsonSerializerOptions.MakeReadOnly(populateMissingResolver: true);
        return new SystemTextJsonGrainStorageSerializer(Microsoft.Extensions.Options.Options.Create(options));
    }

    // Writes the bytes the bound check has just measured for this very value, if any; otherwise serializes.
    private sealed class MeasuredOnce(IGrainStorageSerializer inner) : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => PvoFinance.Grains.StateWrites.TakeMeasured(input, this) ?? inner.Serialize(input);

        public T? Deserialize<T>(BinaryData input) => inner.Deserialize<T>(input);
    }

    private static void Configure(JsonSerializerOptions options) => options.Converters.Add(new NodaTimeTextConverterFactory());

    /// <summary>
    /// Writes a NodaTime value as the text of its own <see cref="TypeConverter"/> (ISO forms such as
    /// <c>2026-12-02T06:00:00Z</c> or <c>2026-12-02</c>) and reads it back the same way.
    /// </summary>
    private sealed class NodaTimeTextConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.Namespace == "NodaTime" && typeToConvert.IsValueType && Converter(typeToConvert) is not null;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(TextConverter<>).MakeGenericType(typeToConvert), Converter(typeToConvert))!;

        private static TypeConverter? Converter(Type type)
        {
            var converter = TypeDescriptor.GetConverter(type);
            return converter.CanConvertFrom(typeof(string)) && converter.CanConvertTo(typeof(string)) ? converter : null;
        }
    }

    private sealed class TextConverter<T>(TypeConverter converter) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } text
                ? (T)converter.ConvertFromInvariantString(text)!
                : throw new JsonException($"Expected a {typeof(T).Name} as text.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(converter.ConvertToInvariantString(value));
    }
}
