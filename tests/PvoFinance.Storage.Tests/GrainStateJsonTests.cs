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

    [Fact]
    public void A_scenario_saved_when_its_time_was_text_reads_as_the_same_instant()
    {
        // The previous version stored ScenarioVersionDto.SavedAt as ISO text; it is an Instant now. The stored text is
        // the same, so states written before read on unchanged.
        var before = """{"Versions":[{"Version":1,"Json":"{}","SavedAt":"2026-11-30T09:15:02.123456789Z","SavedBy":"ministerie"}]}""";
        var state = GrainStateJson.Serializer.Deserialize<PvoFinance.Grains.Planning.ScenarioGrainState>(BinaryData.FromString(before));
        Assert.NotNull(state);
        var saved = Assert.Single(state.Versions);
        Assert.Equal(Instant.FromUtc(2026, 11, 30, 9, 15, 2) + Duration.FromNanoseconds(123_456_789), saved.SavedAt);
        Assert.Contains("\"SavedAt\":\"2026-11-30T09:15:02.123456789Z\"", GrainStateJson.Serializer.Serialize(state).ToString(), StringComparison.Ordinal);
    }

    public sealed record Stamped(string Name, Instant At, LocalDate Until, LocalDate? Due);
}
