using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>
/// Who acted is kept by name as well as by id (the sign-in's display name), so the pages show people, not ids; entries
/// stored before names were kept read as before, with no name; the compact history drops the name with the id.
/// </summary>
public sealed class HistoryEntryNameTests
{
    private static readonly Caller Officer = Caller.Create(Role.ProvincialOfficer, Scope.Province("Limburg"));

    private static HistoryEntry Entry(string? name) => new(3, Instant.FromUtc(2026, 12, 2, 10, 0), "officer-7", Role.ProvincialOfficer,
        ApplicationTrigger.Grant, ApplicationState.UnderReview, ApplicationState.Granted, "Past binnen de regeling.", [], name);

    [Theory]
    [InlineData("Sanne de Vries", "Sanne de Vries")]
    [InlineData("  Sanne de Vries  ", "Sanne de Vries")]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("Sanne\u0007", null)]
    public void An_actor_keeps_a_usable_display_name_and_drops_any_other(string? given, string? kept)
    {
        Assert.Equal(kept, new Actor("officer-7", Officer, given).Name);
    }

    [Fact]
    public void An_over_long_name_is_not_kept_and_one_at_the_limit_is()
    {
        Assert.Null(new Actor("officer-7", Officer, new string('a', Actor.MaxNameLength + 1)).Name);
        Assert.Equal(Actor.MaxNameLength, new Actor("officer-7", Officer, new string('a', Actor.MaxNameLength)).Name!.Length);
    }

    [Fact]
    public void The_name_is_stored_with_the_entry_and_an_entry_stored_before_names_reads_without_one()
    {
        var named = Entry("Sanne de Vries");
        var json = JsonSerializer.Serialize(named, ApplicationJson.Options);
        Assert.Equal(named with { Effects = [] }, JsonSerializer.Deserialize<HistoryEntry>(json, ApplicationJson.Options)! with { Effects = [] });

        // A row written before this change has no name member at all.
        var old = JsonNode.Parse(json)!.AsObject();
        var member = old.Select(p => p.Key).Single(k => k.Equals("userName", StringComparison.OrdinalIgnoreCase));
        old.Remove(member);
        var read = JsonSerializer.Deserialize<HistoryEntry>(old.ToJsonString(), ApplicationJson.Options)!;
        Assert.Null(read.UserName);
        Assert.Equal("officer-7", read.UserId);
        Assert.Equal("Past binnen de regeling.", read.Reason);
        Assert.Equal(ApplicationState.Granted, read.To);
    }

    [Fact]
    public void The_compact_history_keeps_neither_the_id_nor_the_name()
    {
        var compact = HistoryCompaction.Compact(Entry("Sanne de Vries"), keepEffects: false);
        Assert.Equal("", compact.UserId);
        Assert.Null(compact.UserName);
    }

    [Fact]
    public void A_transition_records_the_actors_name()
    {
        var kit = new ApplicationKit();
        var wf = kit.Draft("20000");
        var named = new Actor("m1", ApplicationKit.Manager.Caller, "Sanne de Vries");
        ApplicationKit.Ok(wf, ApplicationTrigger.Submit, named);
        Assert.Equal("Sanne de Vries", wf.Application.History[^1].UserName);
        Assert.Null(wf.Application.History[0].UserName);
    }
}
