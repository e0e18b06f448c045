using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Storage;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Funding;
using PvoFinance.Storage;
using Xunit.Abstractions;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The history in rows (issue 14): a long history keeps every operation working with the state under its declared
/// bound, its pages are complete and in order, old keys still replay; a state written before (whole history inside) is
/// moved to rows on activation; and the crash orders of the parallel row and state writes leave a right history.
/// </summary>
[Collection(ApplicationClusterCollection.Name)]
public sealed class ApplicationHistoryRowsTests(ApplicationClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly ActorDto Manager = new("hist-manager", Role.PvoManager, "region:limburg");
    private static readonly ActorDto Ministry = new("hist-ministry", Role.Ministry, "national");
    private static readonly ActorDto Treasurer = new("hist-treasurer", Role.Treasurer, "national");

    /// <summary>Transitions of the long history: <c>PVO_HISTORY_SCALE_TRANSITIONS</c> (the scale benchmark uses 500), small by default.</summary>
    private static int Transitions =>
        int.TryParse(Environment.GetEnvironmentVariable("PVO_HISTORY_SCALE_TRANSITIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 12, ApplicationLimits.MaxHistoryEntries)
            : 40;

    private static string Long(string tag) => (tag + " ").PadRight(ApplicationLimits.MaxTextLength, 'x');

    private static string Note(string reason) => new JsonObject { ["reason"] = reason }.ToJsonString();

    private IGrainStorage Storage => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Funding);

    private IApplicationHistoryStore Rows => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IApplicationHistoryStore>();

    private async Task<(ApplicationGrainState State, long Bytes)> StoredAsync(string appId)
    {
        var read = new GrainState<ApplicationGrainState>(new ApplicationGrainState());
        await Storage.ReadStateAsync("application", GrainId.Create("application", appId), read);
        // Measured as the provider writes it (the silo's unkeyed serializer is Orleans' Newtonsoft default, another size).
        var serializer = fixture.Cluster.Silos[0].ServiceProvider.GetKeyedService<IGrainStorageSerializer>(StateWrites.MeasuringSerializerKey);
        var bytes = serializer is null ? JsonSerializer.SerializeToUtf8Bytes(read.State).LongLength : serializer.Serialize(read.State).ToMemory().Length;
        return (read.State!, bytes);
    }

    private async Task<string> SourceAsync(string id)
    {
        var fund = fixture.Client.GetGrain<IFundingSourceGrain>(id);
        Assert.True((await fund.Create(new FundingSourceDto { Id = id, Name = $"Regeling {id}", Kind = nameof(FundingSourceKind.NationalScheme), Owner = "national", Funder = "JenV" })).Ok);
        Assert.True((await fund.SetCeiling(fixture.Clock.Today.Year, 1_000_000_00)).Ok);
        return id;
    }

    // Every page of the history, newest page first, as the endpoint reads them; the entries put back in order.
    private static async Task<List<JsonElement>> AllPages(IApplicationGrain app, int pageSize)
    {
        var pages = new List<List<JsonElement>>();
        int? before = null;
        do
        {
            var reply = await app.History(Ministry, pageSize, before);
            Assert.True(reply.Ok, $"{reply.Code} {reply.Field}: {reply.Reason}");
            var page = JsonDocument.Parse(reply.Json!).RootElement.Clone();
            pages.Add([.. page.GetProperty("items").EnumerateArray()]);
            before = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : int.Parse(page.GetProperty("next").GetString()!, CultureInfo.InvariantCulture);
        }
        while (before is not null);
        pages.Reverse();
        return [.. pages.SelectMany(p => p)];
    }

    [Fact]
    public async Task A_long_history_with_the_longest_reasons_keeps_working_pages_completely_and_replays_old_keys()
    {
        var n = Transitions;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var source = await SourceAsync($"hist-{suffix}");
        var appId = $"hist-{suffix}";
        var app = fixture.Client.GetGrain<IApplicationGrain>(appId);
        var advances = Math.Min(ApplicationLimits.MaxAdvances, (n - 4) / 2);
        var edits = n - 4 - advances;
        var first = new Dictionary<string, (ActorDto Actor, ApplicationTrigger Trigger, string Body, string Json)>();
        long largest = 0;
        var largestUnrowed = 0;
        async Task Step(string key, ActorDto actor, ApplicationTrigger trigger, string body)
        {
            var reply = await app.FireJson(actor, trigger, body, key, key);
            Assert.True(reply.Ok, $"{key}: {reply.Code} {reply.Field}: {reply.Reason}");
            first[key] = (actor, trigger, body, reply.Json!);
            var (state, bytes) = await StoredAsync(appId);
            largest = Math.Max(largest, bytes);
            largestUnrowed = Math.Max(largestUnrowed, state.Unrowed.Count);
            if (first.Count % 7 == 0)
            {
                // An older key after the file moved on: its first answer, to the character.
                var (oldKey, old) = first.ElementAt(first.Count / 3);
                Assert.Equal(old.Json, (await app.FireJson(old.Actor, old.Trigger, old.Body, oldKey, oldKey)).Json);
            }
        }

        Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, Long("titel"), "30000.00"))).Status);
        for (var i = 0; i < edits; i++)
        {
            await Step($"k-edit-{i}", Manager, ApplicationTrigger.EditDraft, new JsonObject { ["title"] = Long($"titel {i}"), ["requested"] = "30000.00" }.ToJsonString());
        }
        await Step("k-submit", Manager, ApplicationTrigger.Submit, Note(Long("indiening")));
        await Step("k-review", Ministry, ApplicationTrigger.StartReview, Note(Long("beoordeling")));
        var today = fixture.Clock.Today;
        var schedule = new JsonArray();
        for (var i = 0; i < advances; i++)
        {
            schedule.Add(new JsonObject { ["due"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["amount"] = "500.00" });
        }
        await Step("k-grant", Ministry, ApplicationTrigger.Grant, new JsonObject
        {
            ["amount"] = "30000.00",
            ["endDate"] = today.PlusDays(200).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["accountabilityDue"] = today.PlusDays(230).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["advances"] = schedule,
            ["reason"] = Long("commissie"),
        }.ToJsonString());
        var afterGrant = JsonWireSize.Of((await StoredAsync(appId)).State.Json!);
        for (var i = 1; i <= advances; i++)
        {
            await Step($"k-adv-{i}", Treasurer, ApplicationTrigger.PayAdvance, new JsonObject { ["amount"] = "500.00", ["reference"] = Long($"bank-{i}") }.ToJsonString());
        }

        var (final, finalBytes) = await StoredAsync(appId);
        var valueGrowth = JsonWireSize.Of(final.Json!) - afterGrant;
        output.WriteLine($"{n} transitions ({advances} advances, {edits} edits), every text {ApplicationLimits.MaxTextLength} chars: largest state {largest:N0} B " +
            $"(final {finalBytes:N0} B) of {GrainStateLimits.MaxApplicationBytes:N0} B; the value grew {valueGrowth:N0} B over {advances} advances " +
            $"(at most {ApplicationStateBudget.CompactEntryBytes:N0} B each); at most {largestUnrowed} whole entries in the state");
        Assert.True(largest <= GrainStateLimits.MaxApplicationBytes, $"{largest:N0} bytes");
        Assert.True(valueGrowth <= advances * ApplicationStateBudget.CompactEntryBytes, $"the value grew {valueGrowth:N0} bytes");
        Assert.InRange(largestUnrowed, 1, ApplicationStateBudget.MaxUnrowedEntries);
        Assert.Equal(3, final.Version);

        // The view: the newest entries and the count.
        var view = JsonDocument.Parse((await app.Get(Ministry)).Json!).RootElement;
        Assert.Equal(n, view.GetProperty("historyCount").GetInt32());
        var shown = view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("sequence").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(Math.Max(1, n - ApplicationGrain.ShownHistoryEntries + 1), Math.Min(n, ApplicationGrain.ShownHistoryEntries)), shown);
        Assert.Equal($"{advances * 500}.00", view.GetProperty("figures").GetProperty("paid").GetString());

        // The pages: every entry once, in order, whole.
        var all = await AllPages(app, 7);
        Assert.Equal(Enumerable.Range(1, n), all.Select(h => h.GetProperty("sequence").GetInt32()));
        Assert.All(all, h => Assert.False(string.IsNullOrEmpty(h.GetProperty("userId").GetString())));
        for (var i = 1; i <= advances; i++)
        {
            Assert.Equal(Long($"bank-{i}"), all[n - advances + i - 1].GetProperty("reason").GetString());
        }
        Assert.Equal(Long("commissie"), all[n - advances - 1].GetProperty("reason").GetString());
        Assert.Equal(all.Select(h => h.GetRawText()), (await AllPages(app, ApplicationGrain.MaxHistoryPageSize)).Select(h => h.GetRawText()));

        // Every key still replays its first answer; the export's value has the whole history.
        foreach (var (key, (actor, trigger, body, json)) in first)
        {
            Assert.Equal(json, (await app.FireJson(actor, trigger, body, key, key)).Json);
        }
        var whole = ApplicationJson.Deserialize((await app.Snapshot())!);
        Assert.Equal(n, whole.History.Count);
        Assert.Equal(Long($"bank-{advances}"), whole.History[^1].Reason);
        Assert.Empty(ApplicationInvariants.Violations(whole));
    }

    [Fact]
    public async Task A_state_written_with_the_whole_history_inside_is_moved_to_rows_on_activation_and_its_old_answers_replay()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var source = await SourceAsync($"mig-{suffix}");
        var (a, b) = ($"mig-a-{suffix}", $"mig-b-{suffix}");
        var app = fixture.Client.GetGrain<IApplicationGrain>(a);
        Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, "Oud project", "30000.00"))).Status);
        var submitted = await app.FireJson(Manager, ApplicationTrigger.Submit, Note("ingediend door de oude versie"), "k-submit", "fp-submit");
        Assert.True(submitted.Ok);
        Assert.True((await app.FireJson(Ministry, ApplicationTrigger.StartReview, Note("in behandeling"), "k-review", "fp-review")).Ok);

        // Today's format (2): the whole value with its whole history as JSON, and an answer remembered with the history slot.
        var wholeJson = (await app.Snapshot())!.Replace($"\"id\":\"{a}\"", $"\"id\":\"{b}\"", StringComparison.Ordinal);
        Assert.Contains("ingediend door de oude versie", wholeJson, StringComparison.Ordinal);
        // Remembered before the view counted its history: the replay shows the count of what it showed (the typed view
        // always has one), so it answers as the first answer did today.
        var answered = submitted.Json!.Replace($"\"id\":\"{a}\"", $"\"id\":\"{b}\"", StringComparison.Ordinal);
        var oldAnswer = answered.Replace(",\"historyCount\":2", "", StringComparison.Ordinal);
        Assert.NotEqual(answered, oldAnswer);
        var slot = JsonNode.Parse(oldAnswer)!.AsObject();
        slot["history"] = new JsonArray();
        var old = new ApplicationGrainState { Version = 2, Json = wholeJson, SourceId = source };
        old.Replies["k-old"] = new RememberedReply("fp-old", null, 2, 200, slot.ToJsonString());
        old.ReplyOrder.Add("k-old");
        await Storage.WriteStateAsync("application", GrainId.Create("application", b), new GrainState<ApplicationGrainState>(old));
        Assert.Empty(await Rows.ReadAsync(b, 1, 10));

        var migrated = fixture.Client.GetGrain<IApplicationGrain>(b);
        var replay = await migrated.FireJson(Manager, ApplicationTrigger.Submit, Note("ingediend door de oude versie"), "k-old", "fp-old");
        Assert.Equal(answered, replay.Json);

        var rows = await Rows.ReadAsync(b, 1, 10);
        Assert.Equal([1, 2, 3], rows.Select(r => r.Sequence));
        Assert.Equal("ingediend door de oude versie", rows[1].Reason);
        Assert.Equal(Manager.UserId, rows[1].UserId);
        var (state, _) = await StoredAsync(b);
        Assert.Equal(3, state.Version);
        Assert.DoesNotContain("ingediend door de oude versie", state.Json!, StringComparison.Ordinal);

        var view = JsonDocument.Parse((await migrated.Get(Ministry)).Json!).RootElement;
        Assert.Equal(3, view.GetProperty("historyCount").GetInt32());
        Assert.Equal("ingediend door de oude versie", view.GetProperty("history")[1].GetProperty("reason").GetString());
        var rejected = await migrated.FireJson(Ministry, ApplicationTrigger.Reject, Note("past niet"), "k-reject", "fp-reject");
        Assert.True(rejected.Ok, rejected.Reason);
        Assert.Equal(4, (await Rows.ReadAsync(b, 1, 10)).Count);
    }

    [Fact]
    public async Task A_row_written_without_its_state_is_overwritten_and_a_state_written_without_its_row_keeps_the_entry_until_it_is_written()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var source = await SourceAsync($"ord-{suffix}");
        var appId = $"ord-{suffix}";
        var app = fixture.Client.GetGrain<IApplicationGrain>(appId);
        Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, "Volgorde", "30000.00"))).Status);
        Assert.True((await app.FireJson(Manager, ApplicationTrigger.Submit, Note("ingediend"), "k1", "f1")).Ok);

        // The state write fails after the row was written: the row is beyond the state's count and not shown.
        fixture.Faults.FailNextApplicationWrite(appId);
        await Assert.ThrowsAnyAsync<Exception>(() => app.FireJson(Ministry, ApplicationTrigger.StartReview, Note("eerste poging"), "k2", "f2"));
        Assert.Equal("eerste poging", Assert.Single(await Rows.ReadAsync(appId, 3, 3)).Reason);
        var view = JsonDocument.Parse((await app.Get(Ministry)).Json!).RootElement;
        Assert.Equal(2, view.GetProperty("historyCount").GetInt32());
        Assert.Equal(2, (await AllPages(app, 5)).Count);

        // Another request takes the sequence: its row replaces the orphan.
        Assert.True((await app.FireJson(Ministry, ApplicationTrigger.StartReview, Note("tweede poging"), "k3", "f3")).Ok);
        Assert.Equal("tweede poging", Assert.Single(await Rows.ReadAsync(appId, 3, 3)).Reason);
        Assert.Equal("tweede poging", (await AllPages(app, 5))[^1].GetProperty("reason").GetString());

        // The row write fails, the state is written: the entry is in the state and shown whole.
        fixture.HistoryFaults.FailNextRowWrites(appId);
        Assert.True((await app.FireJson(Ministry, ApplicationTrigger.RequestInformation, Note("graag de begroting"), "k4", "f4")).Ok);
        Assert.Empty(await Rows.ReadAsync(appId, 4, 4));
        Assert.Contains((await StoredAsync(appId)).State.Unrowed, json => json.Contains("graag de begroting", StringComparison.Ordinal));
        Assert.Equal("graag de begroting", (await AllPages(app, 5))[^1].GetProperty("reason").GetString());

        // The next change writes it with its own.
        Assert.True((await app.FireJson(Manager, ApplicationTrigger.SupplyInformation, Note("begroting bijgevoegd"), "k5", "f5")).Ok);
        Assert.Equal(["graag de begroting", "begroting bijgevoegd"], (await Rows.ReadAsync(appId, 4, 5)).Select(r => r.Reason));
        Assert.Equal(Enumerable.Range(1, 5), (await AllPages(app, 2)).Select(h => h.GetProperty("sequence").GetInt32()));

        // Bad paging is refused, naming the field.
        Assert.Equal("pageSize", (await app.History(Ministry, 0, null)).Field);
        Assert.Equal("pageSize", (await app.History(Ministry, ApplicationGrain.MaxHistoryPageSize + 1, null)).Field);
        Assert.Equal("continuation", (await app.History(Ministry, 5, 1)).Field);
        Assert.Equal("continuation", (await app.History(Ministry, 5, 7)).Field);
        Assert.Equal(403, (await app.History(new ActorDto("elders", Role.PvoManager, "region:rotterdam"), 5, null)).Status);
    }
}
