using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime.Text;

namespace PvoFinance.Api.Problems;

/// <summary>
/// A body member that is present but not in the form the field needs (an amount that is no amount, a date that is
/// no date). Its message is a reason in the domain's words; System.Text.Json adds the member's path.
/// </summary>
public sealed class FieldFormatException(string reason) : JsonException(reason);

/// <summary>
/// An exact amount as text (<c>"30000.00"</c>): digits, at most two decimals, an optional leading '-'. Checked when
/// the body is read, so a malformed amount is refused with its path before anything runs; the text is kept as sent.
/// </summary>
public sealed class AmountTextConverter : JsonConverter<string>
{
    /// <summary>The pattern the OpenAPI document shows (the same rule as <see cref="Money.TryParse"/>).</summary>
    public const string Pattern = @"^-?[0-9]{1,15}(\.[0-9]{1,2})?$";

    /// <summary>An example the OpenAPI document shows.</summary>
    public const string Example = "30000.00";

    /// <inheritdoc />
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new FieldFormatException("must be an amount as text such as \"30000.00\".");
        }
        var text = reader.GetString()!;
        return Money.TryParse(text, out _, out var error) ? text : throw new FieldFormatException($"must be an amount as text such as \"30000.00\": {error}");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A calendar date as ISO text (<c>"2026-03-02"</c>), checked when the body is read.</summary>
public sealed class DateTextConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new FieldFormatException("must be a date as text such as \"2026-03-02\".");
        }
        var text = reader.GetString()!;
        return LocalDatePattern.Iso.Parse(text).Success ? text : throw new FieldFormatException("must be a date as text such as \"2026-03-02\" (year-month-day).");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
