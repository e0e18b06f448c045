using NodaTime;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>
/// The grain state serializer (System.Text.Json) keeps the NodaTime values states carry, as ISO text — System.Text.Json
/// alone would write an <see cref="Instant"/> as <c>{}</c> and read it back as the epoch.
/// </summary>
public sealed class GrainStateJsonTests
{
    [Fact]
    public void NodaTime_values_round_trip_as_iso_text()
    {
        var value = new Stamped("x", Instant.FromUtc(2026, 12, 2, 6, 30, 15) + Duration.FromMilliseconds(250), new LocalDate(2026, 12, 31), null);
        var data = GrainStateJson.Serializer.Serialize(value);
        var text = data.ToString();
        Assert.Contains("\"2026-12-02T06:30:15.25Z\"", text, StringComparison.Ordinal);
        Assert.Contains("\"2026-12-31\"", text, StringComparison.Ordinal);
        Assert.Equal(value, GrainStateJson.Serializer.Deserialize<Stamped>(data));
        var later = value with { Due = new LocalDate(2027, 1, 1) };
        Assert.Equal(later, GrainStateJson.Serializer.Deserialize<Stamped>(GrainStateJson.Serializer.Serialize(later)));
    }

    public sealed record Stamped(string Name, Instant At, LocalDate Until, LocalDate? Due);
}
