using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Text;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Documents;
using PvoFinance.Grains.Applications;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// An upload is recorded in the application's history (issue 18): the file is stored first, then
/// <see cref="ApplicationTrigger.RecordDocument"/> writes who (user, name, role), when and its SHA-256; the same bytes
/// again add nothing. A file stored without its entry — the crash between the two, made here by storing straight into
/// the silo's <see cref="IDocumentStore"/> — is not listed, not downloadable and not accepted by the accountability,
/// until uploading it again records it; and all of it survives a killed silo.
/// </summary>
[Collection(ApplicationClusterCollection.Name)]
public sealed class DocumentHistoryTests(ApplicationClusterFixture fixture)
{
    private static readonly ActorDto Manager = new("dh-manager", Role.PvoManager, "region:limburg", "Mieke Manager");
    private static readonly ActorDto Ministry = new("dh-ministry", Role.Ministry, "national");
    private static readonly ActorDto Officer = new("dh-officer", Role.ProvincialOfficer, "province:Limburg");
    private static readonly ActorDto Stranger = new("dh-stranger", Role.PvoManager, "region:rotterdam");

    private IGrainFactory Grains => fixture.Client;

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static JsonElement View(ApplicationReply reply)
    {
        Assert.True(reply.Ok, $"{reply.Code} {reply.Field}: {reply.Reason}");
        return JsonDocument.Parse(reply.Json!).RootElement.Clone();
    }

    private async Task<JsonElement> ViewOf(string appId) => View(await Grains.GetGrain<IApplicationGrain>(appId).Get(Ministry));

    private async Task<string[]> Listed(string appId)
    {
        var list = await Grains.GetGrain<IApplicationDocuments>(appId).Documents(Manager);
        Assert.Null(list.Refusal);
        return [.. list.Items.Select(i => i.Id)];
    }

    [Fact]
    public async Task An_upload_is_one_history_entry_with_who_when_and_its_hash_and_the_same_bytes_again_add_nothing()
    {
        var appId = Ledger.Unique("dh-app").Replace(".", "-", StringComparison.Ordinal);
        var source = Ledger.Unique("dh-src").Replace(".", "-", StringComparison.Ordinal);
        var (_, app) = await GrantedApplication.StartAsync(Grains, source, appId, fixture.Clock.Today, Manager, Ministry);
        var files = Grains.GetGrain<IApplicationDocuments>(appId);
        var before = await ViewOf(appId);
        var count = before.GetProperty("historyCount").GetInt32();
        var bytes = Encoding.UTF8.GetBytes($"Inhoudelijk verslag van {appId}: 40 ondernemers bereikt.\n");

        var first = await files.Upload(Manager, "content-report", "verslag.txt", "text/plain", bytes);
        Assert.Null(first.Refusal);
        Assert.True(first.Created);
        Assert.Equal((Sha(bytes), Sha(bytes), "content-report", "dh-manager"), (first.Info!.Id, first.Info.Sha256, first.Info.Kind, first.Info.By));

        var view = await ViewOf(appId);
        Assert.Equal(count + 1, view.GetProperty("historyCount").GetInt32());
        Assert.Equal("Granted", view.GetProperty("state").GetString());
        Assert.DoesNotContain("record-document", view.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        var entry = view.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("RecordDocument", entry.GetProperty("trigger").GetString());
        Assert.Equal(("Granted", "Granted"), (entry.GetProperty("from").GetString(), entry.GetProperty("to").GetString()));
        Assert.Equal(("dh-manager", "Mieke Manager", "PvoManager"), (entry.GetProperty("userId").GetString(), entry.GetProperty("userName").GetString(), entry.GetProperty("role").GetString()));
        Assert.Equal(fixture.Clock.GetCurrentInstant(), InstantPattern.ExtendedIso.Parse(entry.GetProperty("at").GetString()!).Value);
        Assert.Equal(first.Info.At, entry.GetProperty("at").GetString());
        Assert.Equal(Sha(bytes), entry.GetProperty("documentSha256").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("letterSha256").ValueKind);
        Assert.Equal($"Inhoudelijk verslag: verslag.txt ({bytes.Length} bytes, text/plain)", entry.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("history").EnumerateArray().Last().GetProperty("documentSha256").ValueKind);

        // The same bytes again, by the manager or as another kind by the fund's officer: the recorded document, no entry.
        var again = await files.Upload(Manager, "content-report", "verslag-2.txt", "text/plain", bytes);
        Assert.Null(again.Refusal);
        Assert.False(again.Created);
        Assert.Equal(first.Info, again.Info);
        var asOther = await files.Upload(Officer, "other", "kopie.txt", "text/plain", bytes);
        Assert.Null(asOther.Refusal);
        Assert.False(asOther.Created);
        Assert.Equal(count + 1, (await ViewOf(appId)).GetProperty("historyCount").GetInt32());
        Assert.Equal([Sha(bytes)], await Listed(appId));

        // Refused uploads record nothing: a stranger, a kind the officer may not add, a file name with a slash.
        Assert.Equal("scope", (await files.Upload(Stranger, "other", "x.txt", "text/plain", Encoding.UTF8.GetBytes("vreemd\n"))).Refusal?.Field);
        Assert.Equal("caller", (await files.Upload(Officer, "financial-statement", "x.txt", "text/plain", Encoding.UTF8.GetBytes("kosten\n"))).Refusal?.Field);
        Assert.Equal("fileName", (await files.Upload(Manager, "other", "a/b.txt", "text/plain", Encoding.UTF8.GetBytes("naam\n"))).Refusal?.Field);
        Assert.Equal(count + 1, (await ViewOf(appId)).GetProperty("historyCount").GetInt32());

        // Recording is no action one asks for: asked on its own (even well formed) it is refused and records nothing.
        var asked = await app.Fire(Manager, ApplicationTrigger.RecordDocument,
            new DocumentRecord(new string('b', 64), DocumentKind.Other, "x.pdf", "application/pdf", 10), null, "rd");
        Assert.Equal((ApplicationRefusalCode.Invalid, "trigger"), (asked.Code, asked.Field));
        Assert.Equal(count + 1, (await ViewOf(appId)).GetProperty("historyCount").GetInt32());
    }

    [Fact]
    public async Task A_letter_not_stored_at_its_decision_is_issued_by_the_next_reading_of_the_letters_even_after_documents_were_recorded()
    {
        var appId = Ledger.Unique("dh-letter").Replace(".", "-", StringComparison.Ordinal);
        var source = Ledger.Unique("dh-lsrc").Replace(".", "-", StringComparison.Ordinal);
        var (_, app) = await GrantedApplication.StartAsync(Grains, source, appId, fixture.Clock.Today, Manager, Ministry);
        var files = Grains.GetGrain<IApplicationDocuments>(appId);

        // The blob service is down while the revocation is decided: the decision stands, its letter is not stored.
        fixture.LetterFaults.FailLetters = true;
        try
        {
            var revoke = new JsonObject { ["reason"] = "activiteiten niet uitgevoerd" }.ToJsonString();
            Assert.True((await app.FireJson(Ministry, ApplicationTrigger.Revoke, revoke, null, "rv")).Ok);
        }
        finally
        {
            fixture.LetterFaults.FailLetters = false;
        }
        var revocation = (await ViewOf(appId)).GetProperty("history").EnumerateArray().Last();
        Assert.Equal("Revoke", revocation.GetProperty("trigger").GetString());
        var sequence = revocation.GetProperty("sequence").GetInt32();

        // A document is recorded after it: the revocation is no longer the last entry, and still its letter is issued.
        Assert.True((await files.Upload(Manager, "other", "notitie.txt", "text/plain", Encoding.UTF8.GetBytes($"Notitie bij {appId}.\n"))).Created);
        var letters = await files.Letters(Manager);
        Assert.Null(letters.Refusal);
        var letter = Assert.Single(letters.Items, l => l.Id == sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Revocation", letter.Kind);
        Assert.Equal(revocation.GetProperty("letterSha256").GetString(), letter.Sha256);
        Assert.Equal(letter.Sha256, Sha((await files.Letter(Manager, sequence)).Content!));
    }

    [Fact]
    public async Task A_file_stored_without_its_entry_does_not_count_until_uploading_it_again_records_it_and_all_survives_a_killed_silo()
    {
        var appId = Ledger.Unique("dh-crash").Replace(".", "-", StringComparison.Ordinal);
        var source = Ledger.Unique("dh-csrc").Replace(".", "-", StringComparison.Ordinal);
        var (_, app) = await GrantedApplication.StartAsync(Grains, source, appId, fixture.Clock.Today, Manager, Ministry);
        var files = Grains.GetGrain<IApplicationDocuments>(appId);
        var report = Encoding.UTF8.GetBytes($"Inhoudelijk verslag van {appId}.\n");
        var costs = Encoding.UTF8.GetBytes($"Financieel verslag van {appId}: kosten 30.000,00.\n");
        Assert.True((await files.Upload(Manager, "content-report", "verslag.txt", "text/plain", report)).Created);

        // The crash: the financial statement's file is stored (as the upload stores it), its entry never written.
        var store = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IDocumentStore>();
        var storedAt = fixture.Clock.GetCurrentInstant();
        var (_, created) = await store.CreateAsync(DocumentArea.Documents,
            new StoredDocument(appId, Sha(costs), "financial-statement", "kosten.txt", "text/plain", costs.Length, Sha(costs), "dh-manager", "PvoManager", storedAt), costs);
        Assert.True(created);
        var count = (await ViewOf(appId)).GetProperty("historyCount").GetInt32();

        // It does not count: not listed, not downloadable, not accepted by the accountability (nothing changes).
        Assert.Equal([Sha(report)], await Listed(appId));
        Assert.Equal((ApplicationRefusalCode.NotFound, "documentId"), ((await files.Document(Manager, Sha(costs))).Refusal?.Code, (await files.Document(Manager, Sha(costs))).Refusal?.Field));
        Assert.Equal(report, (await files.Document(Manager, Sha(report))).Content);
        var accountability = new JsonObject { ["results"] = "verslag", ["documents"] = new JsonArray(Sha(report), Sha(costs)) }.ToJsonString();
        var refused = await app.FireJson(Manager, ApplicationTrigger.SubmitAccountability, accountability, null, "acc");
        Assert.Equal((400, "documents[1]"), (refused.Status, refused.Field));
        Assert.Equal(count, (await ViewOf(appId)).GetProperty("historyCount").GetInt32());

        // Uploading the same bytes again records them now, as the file was stored (its kind and name, whatever this request says).
        fixture.Clock.Advance(NodaTime.Duration.FromMinutes(5));
        var repaired = await files.Upload(Manager, "other", "nogmaals.txt", "text/plain", costs);
        Assert.Null(repaired.Refusal);
        Assert.True(repaired.Created);
        Assert.Equal(("financial-statement", "kosten.txt", InstantPattern.ExtendedIso.Format(storedAt)), (repaired.Info!.Kind, repaired.Info.FileName, repaired.Info.At));
        var view = await ViewOf(appId);
        Assert.Equal(count + 1, view.GetProperty("historyCount").GetInt32());
        var entry = view.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("RecordDocument", Sha(costs)), (entry.GetProperty("trigger").GetString(), entry.GetProperty("documentSha256").GetString()));
        Assert.Equal($"Financieel verslag: kosten.txt ({costs.Length} bytes, text/plain)", entry.GetProperty("reason").GetString());
        Assert.Equal(fixture.Clock.GetCurrentInstant(), InstantPattern.ExtendedIso.Parse(entry.GetProperty("at").GetString()!).Value);
        Assert.Equal([Sha(report), Sha(costs)], await Listed(appId));
        // Once recorded, once only.
        Assert.False((await files.Upload(Manager, "financial-statement", "kosten.txt", "text/plain", costs)).Created);
        Assert.Equal(count + 1, (await ViewOf(appId)).GetProperty("historyCount").GetInt32());

        // A killed silo and every activation collected: the entries, the list and the files come back from storage.
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos[^1]);
        await fixture.Cluster.StartAdditionalSiloAsync();
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await ViewOf(appId);
        Assert.Equal(count + 1, after.GetProperty("historyCount").GetInt32());
        Assert.Equal([Sha(report), Sha(costs)],
            after.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("documentSha256")).Where(h => h.ValueKind == JsonValueKind.String).Select(h => h.GetString()!).ToArray());
        Assert.Equal([Sha(report), Sha(costs)], await Listed(appId));
        Assert.Equal(costs, (await files.Document(Manager, Sha(costs))).Content);
        Assert.False((await files.Upload(Manager, "content-report", "verslag.txt", "text/plain", report)).Created);

        // And the accountability accepts the recorded pair.
        var accounted = await app.FireJson(Manager, ApplicationTrigger.SubmitAccountability, accountability, null, "acc2");
        Assert.Equal("AccountabilitySubmitted", View(accounted).GetProperty("state").GetString());
    }
}
