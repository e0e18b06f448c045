using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using Orleans.Runtime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Silo.Storage;
using Xunit.Abstractions;

namespace PvoFinance.Storage.Tests;

/// <summary>
/// How the table counts a state (issue 14): Azurite checks the UTF-8 length of an update's JSON request body against
/// 1 MiB, binary columns base64-encoded, where Azure charges a binary column its own length. Entities just under and
/// just over that are written as the storage provider writes a state (64 KiB binary columns); then the declared worst
/// case of an application state is built member by member and written twice (insert, then the update Azurite checks)
/// through the silo's own provider and serializer.
/// </summary>
public sealed class EntitySizeTests(AzuriteTableFixture table, ITestOutputHelper output) : IClassFixture<AzuriteTableFixture>
{
    // An entity of `bytes` binary bytes in the provider's columns (Data, Data1, …; 64 KiB each).
    private static TableEntity Chunked(string rowKey, int bytes)
    {
        var entity = new TableEntity("entity-size", rowKey);
        var data = new byte[bytes];
        new Random(7).NextBytes(data);
        for (int i = 0, at = 0; at < bytes; i++, at += AzureTableLimits.MaxBinaryPropertyBytes)
        {
            entity[i == 0 ? "Data" : $"Data{i}"] = data.AsSpan(at, Math.Min(AzureTableLimits.MaxBinaryPropertyBytes, bytes - at)).ToArray();
        }
        return entity;
    }

    [Fact]
    public async Task Azurite_counts_binary_columns_base64_encoded_against_one_MiB_on_update()
    {
        var rows = table.CreateTableClient();
        // Base64 of 785,000 bytes is 1,046,668: with the keys and 12 property names and their annotations (under 1 KB)
        // the body stays under 1 MiB. (786,000 bytes, 1,048,000 of base64, is refused already: the names count too.)
        var under = Chunked("under", 785_000);
        // 787,000 bytes: 1,049,336 of base64 alone. Azure charges it about 787 KB, far under its 1 MiB.
        var over = Chunked("over", 787_000);
        Assert.True(AzureTableLimits.EstimateEntityBytes(over) < AzureTableLimits.MaxEntityBytes, "Azure's own count accepts both");

        await rows.UpsertEntityAsync(under, TableUpdateMode.Replace);
        await rows.UpsertEntityAsync(under, TableUpdateMode.Replace);
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => rows.UpsertEntityAsync(over, TableUpdateMode.Replace));
        Assert.Equal("EntityTooLarge", refused.ErrorCode);

        // The bound: the largest state whose request fits, under it by the declared overhead at most.
        var bound = Chunked("bound", GrainStateLimits.MaxStateBytes);
        await rows.UpsertEntityAsync(bound, TableUpdateMode.Replace);
        await rows.UpdateEntityAsync(bound, ETag.All, TableUpdateMode.Replace);
        Assert.Equal(GrainStateLimits.MaxStateBytes, (await rows.GetEntityAsync<TableEntity>("entity-size", "bound")).Value
            .Where(p => p.Key.StartsWith("Data", StringComparison.Ordinal)).Sum(p => p.Value switch { byte[] b => b.Length, BinaryData d => d.ToMemory().Length, _ => 0 }));
    }

    [Fact]
    public async Task The_declared_worst_case_of_an_application_state_is_under_its_bound_and_written_and_updated_by_the_provider()
    {
        var state = WorstApplicationState();
        var bytes = GrainStateJson.Serializer.Serialize(state).ToMemory().Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worst application state built: {bytes:N0} B (computed worst {ApplicationStateBudget.WorstStateBytes:N0} B, bound {GrainStateLimits.MaxApplicationBytes:N0} B); request {GrainStateLimits.RequestBytesOf(bytes):N0} B"));
        Assert.True(bytes <= GrainStateLimits.MaxApplicationBytes, $"{bytes:N0} bytes");
        // Built to the computed worst case, not far under it: the test would fail if the budget were wrong.
        Assert.True(bytes >= ApplicationStateBudget.WorstStateBytes * 9 / 10, $"{bytes:N0} bytes built, {ApplicationStateBudget.WorstStateBytes:N0} computed");

        var storage = await PackageGrainStorage.StartAsync(table.ConnectionString, table.TableName);
        var id = GrainId.Create("application", $"worst-{Guid.NewGuid():N}");
        var grainState = new GrainState<ApplicationGrainState>(state);
        await storage.WriteStateAsync("application", id, grainState); // insert
        state.Attempt = 1;
        await storage.WriteStateAsync("application", id, grainState); // update: what Azurite checks against 1 MiB
        var read = new GrainState<ApplicationGrainState>();
        await storage.ReadStateAsync("application", id, read);
        Assert.Equal(1, read.State!.Attempt);
        Assert.Equal(state.Json, read.State.Json);
        Assert.Equal(state.Replies.Count, read.State.Replies.Count);

        // The same state grown to the bound before issue 14's fix (966,656 bytes) is refused by the table, for good.
        state.Unrowed.Add(new string('"', (966_656 - bytes) / 6));
        var e = await Assert.ThrowsAsync<StorageRefusedException>(() => storage.WriteStateAsync("application", id, grainState));
        Assert.Contains("EntityTooLarge", e.Message);
    }

    // Every member at its declared worst: the value (500 compact entries, the longest schedule, its other members
    // filled to their allowance) twice, three whole entries, a hash and a booking attempt per entry, the remembered
    // answers to their share and one more answer as large as the room kept for it.
    private static ApplicationGrainState WorstApplicationState()
    {
        var n = ApplicationLimits.MaxHistoryEntries;
        var value = new Application
        {
            Id = new string('a', 60),
            Region = "amsterdam-amstelland",
            FundOwner = Scope.National,
            Scheme = SchemeRules.Default,
            // The other members at their allowance (title, plan, figures, …), here as one title of six-byte characters.
            Title = new string('<', (int)(ApplicationStateBudget.ValueOtherBytes / 7) - 200),
            History = [.. Enumerable.Range(1, n).Select(s => HistoryCompaction.Compact(ApplicationStateBudget.WorstEntry(s, withText: false, effects: 0), keepEffects: false))],
            Advances = [.. Enumerable.Range(0, ApplicationLimits.MaxAdvances).Select(_ => new ScheduledAdvance(new LocalDate(9999, 12, 31), new Money(-Money.MaxCents)))],
        };
        var json = ApplicationJson.Serialize(value);
        var whole = JsonSerializer.Serialize(ApplicationStateBudget.WorstEntry(n, withText: true, effects: ApplicationStateBudget.MaxEffectsPerEntry), ApplicationJson.Options);
        var state = new ApplicationGrainState
        {
            Version = 3,
            Json = json,
            SourceId = new string('s', ApplicationStateBudget.MaxSourceIdLength),
            Unrowed = [.. Enumerable.Repeat(whole, ApplicationStateBudget.MaxUnrowedEntries + 1)],
            KeyHashes = Enumerable.Range(1, n).ToDictionary(s => s.ToString("x16", CultureInfo.InvariantCulture), s => s),
            BookedAttempts = Enumerable.Range(1, n).ToDictionary(s => s, _ => 9),
            Booking = new OpenBooking
            {
                Sequence = n,
                PreviousJson = json,
                Actor = new ActorDto(new string('u', Actor.MaxUserIdLength), Role.ProvincialOfficer, "province:Zuid-Holland"),
                IdempotencyKey = new string('k', 200),
                Fingerprint = new string('f', 64),
            },
        };
        // Answers of view-like text (a quote every few characters) up to their share, then one more of the kept room.
        static string Answer(int bytes) => string.Concat(Enumerable.Repeat("{\"t\":\"x\"}", Math.Max(1, (bytes - 2 * 64) / 29)));
        var share = 0L;
        for (var i = 0; ; i++)
        {
            var key = new string('k', 190) + i.ToString("D10", CultureInfo.InvariantCulture);
            var reply = new RememberedReply(new string('f', 64), null, n, 200, Answer(8 * 1024), ApplicationGrain.ShownHistoryEntries);
            if (share + reply.Bytes + 2 * (key.Length + 3) > ApplicationGrain.MaxRememberedBytes)
            {
                break;
            }
            share += reply.Bytes + 2 * (key.Length + 3);
            state.Replies[key] = reply;
            state.ReplyOrder.Add(key);
        }
        state.Replies["newest"] = new RememberedReply(new string('f', 64), null, n, 200, Answer(GrainStateLimits.ApplicationAnswerHeadroomBytes - 512), ApplicationGrain.ShownHistoryEntries);
        state.ReplyOrder.Add("newest");
        return state;
    }
}
