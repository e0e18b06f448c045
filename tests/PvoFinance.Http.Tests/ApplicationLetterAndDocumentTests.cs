using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UglyToad.PdfPig;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Issue 18 through HTTP: every decision has its PDF letter in blob storage (Azurite's blob service), listed with its
/// SHA-256 and downloadable by those who may read the application; documents are uploaded with limits on size and type
/// (by content), never overwritten, and the accountability refers to them by kind.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationLetterAndDocumentTests(ServiceFixture fixture)
{
    private const string Region = "limburg";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Limburg");
    private static readonly Who Stranger = Who.Manager("rotterdam");
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% a tiny report\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    internal static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    internal static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    internal static Task<Reply> Upload(LedgerApi api, string appId, string kind, byte[] content, string contentType, string fileName = "verslag.pdf")
    {
        var request = new HttpRequestMessage(HttpMethod.Post,
            $"api/applications/{appId}/documents?kind={Uri.EscapeDataString(kind)}&fileName={Uri.EscapeDataString(fileName)}")
        {
            Content = new ByteArrayContent(content),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return api.SendAsync(request);
    }

    private async Task<string> Granted(string prefix, string amount, bool accountable)
    {
        var source = await fixture.FundAsync(prefix, "500000.00");
        var appId = $"{prefix}-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, amount);
        var (manager, officer) = (await fixture.As(Manager), await fixture.As(Officer));
        await manager.Act(appId, "submit");
        await officer.Act(appId, "start-review");
        await officer.Act(appId, "grant", accountable ? GrantWith(amount, (0, "10000.00")) : Grant(amount, false));
        return appId;
    }

    [Fact]
    public async Task A_grant_has_its_letter_as_pdf_with_its_hash_readable_by_readers_only()
    {
        var appId = await Granted("ltr", "60000.00", accountable: true);
        var manager = await fixture.As(Manager);
        var letters = (await manager.GetAsync($"api/applications/{appId}/letters")).Expect(HttpStatusCode.OK).Json.GetProperty("items");
        var letter = Assert.Single(letters.EnumerateArray());
        Assert.Equal("Grant", letter.GetProperty("kind").GetString());
        var sequence = letter.GetProperty("id").GetString()!;
        var (status, bytes, type, headers, _) = await manager.GetBytesAsync($"api/applications/{appId}/letters/{sequence}.pdf");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/pdf", type);
        Assert.Equal(letter.GetProperty("sha256").GetString(), Sha(bytes));
        Assert.Equal(Sha(bytes), headers.GetValues("X-Content-SHA256").Single());
        var text = PdfText(bytes);
        Assert.Contains("Besluit tot verlening van subsidie", text, StringComparison.Ordinal);
        Assert.Contains("€ 60.000,00", text, StringComparison.Ordinal);
        Assert.Contains($"Kenmerk: {appId}/{sequence}", text, StringComparison.Ordinal);
        Assert.Contains("Bezwaar", text, StringComparison.Ordinal);

        // Reading again gives the same bytes; another region's manager may not read it; an unknown letter is not found.
        Assert.Equal(bytes, (await manager.GetBytesAsync($"api/applications/{appId}/letters/{sequence}.pdf")).Bytes);
        var stranger = await fixture.As(Stranger);
        (await stranger.GetAsync($"api/applications/{appId}/letters")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetBytesAsync($"api/applications/{appId}/letters/{sequence}.pdf")).Status);
        (await manager.GetAsync($"api/applications/{appId}/letters/1.pdf")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "sequence");
        (await manager.GetAsync($"api/applications/{appId}/letters/x.pdf")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "file");
    }

    [Fact]
    public async Task A_rejection_and_a_revocation_each_have_their_letter()
    {
        var source = await fixture.FundAsync("lrj", "100000.00");
        var appId = $"lrj-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "40000.00");
        var (manager, officer) = (await fixture.As(Manager), await fixture.As(Officer));
        await manager.Act(appId, "submit");
        await officer.Act(appId, "start-review");
        await officer.Act(appId, "reject", Reason("past niet in het beleidskader"));
        var letter = Assert.Single((await officer.GetAsync($"api/applications/{appId}/letters")).Expect(HttpStatusCode.OK).Json.GetProperty("items").EnumerateArray());
        Assert.Equal("Rejection", letter.GetProperty("kind").GetString());
        var text = PdfText((await officer.GetBytesAsync($"api/applications/{appId}/letters/{letter.GetProperty("id").GetString()}.pdf")).Bytes);
        Assert.Contains("past niet in het beleidskader", text, StringComparison.Ordinal);

        var granted = await Granted("lrv", "60000.00", accountable: true);
        await officer.Act(granted, "revoke", Reason("activiteiten niet uitgevoerd"));
        var kinds = (await officer.GetAsync($"api/applications/{granted}/letters")).Expect(HttpStatusCode.OK).Json.GetProperty("items")
            .EnumerateArray().Select(l => l.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(["Grant", "Revocation"], kinds);
    }

    [Fact]
    public async Task Documents_are_checked_by_content_never_overwritten_and_listed_with_their_hash()
    {
        var appId = await Granted("doc", "60000.00", accountable: true);
        var (manager, officer, stranger) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(Stranger));

        var created = (await Upload(manager, appId, "content-report", Pdf, "application/pdf")).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(Sha(Pdf), created.GetProperty("id").GetString());
        Assert.Equal(Sha(Pdf), created.GetProperty("sha256").GetString());
        Assert.Equal("content-report", created.GetProperty("kind").GetString());
        Assert.Equal("dev-pvo-manager-limburg", created.GetProperty("by").GetString());
        // The same bytes again: the stored document, not a second one, whatever the new request says.
        var again = (await Upload(manager, appId, "other", Pdf, "application/pdf", "anders.pdf")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(created.GetRawText(), again.GetRawText());

        // Bad input: a problem naming the field, nothing stored.
        (await Upload(manager, appId, "content-report", [0x4D, 0x5A, 0x90, 0x00, 0x03], "application/pdf")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "content");
        (await Upload(manager, appId, "content-report", Png, "application/pdf")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "Content-Type");
        (await Upload(manager, appId, "report", Pdf, "application/pdf")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "kind");
        (await Upload(manager, appId, "content-report", Pdf, "application/pdf", "../x.pdf")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "fileName");
        (await Upload(manager, appId, "content-report", [], "application/pdf")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "content");
        // A type the upload does not accept is refused as such, not answered as an unknown action (found trying it by hand).
        var video = (await Upload(manager, appId, "content-report", [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70], "video/mp4", "film.mp4"))
            .ExpectProblem(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", "Content-Type");
        Assert.Contains("'video/mp4' is not accepted", video.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var tooLarge = new byte[(10 * 1024 * 1024) + 1];
        Pdf.CopyTo(tooLarge, 0);
        (await Upload(manager, appId, "content-report", tooLarge, "application/pdf")).ExpectProblem(HttpStatusCode.RequestEntityTooLarge, "TooLarge", "content");
        (await Upload(stranger, appId, "other", Pdf, "application/pdf")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await Upload(officer, appId, "content-report", Png, "image/png")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");

        // The fund's officer may add another document; a plain text note is accepted as text/plain.
        (await Upload(officer, appId, "other", Png, "image/png", "scan.png")).Expect(HttpStatusCode.Created);
        var note = Encoding.UTF8.GetBytes("Gesprek met de PVO op 3 maart: verslag volgt.\n");
        (await Upload(manager, appId, "other", note, "text/plain; charset=utf-8", "notitie.txt")).Expect(HttpStatusCode.Created);

        var items = (await officer.GetAsync($"api/applications/{appId}/documents")).Expect(HttpStatusCode.OK).Json.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([Sha(Pdf), Sha(Png), Sha(note)], items.Select(i => i.GetProperty("id").GetString()!).ToArray());
        var (status, bytes, type, headers, content) = await officer.GetBytesAsync($"api/applications/{appId}/documents/{Sha(note)}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(note, bytes);
        Assert.Equal("text/plain", type);
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("notitie.txt", content.ContentDisposition?.FileName?.Trim('"'));
        (await stranger.GetAsync($"api/applications/{appId}/documents")).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await officer.GetAsync($"api/applications/{appId}/documents/{new string('0', 64)}")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "documentId");
    }

    [Fact]
    public async Task The_accountability_refers_to_the_documents_its_tier_needs()
    {
        var appId = await Granted("dac", "60000.00", accountable: true);
        var manager = await fixture.As(Manager);
        var report = (await Upload(manager, appId, "content-report", Pdf, "application/pdf")).Expect(HttpStatusCode.Created).Json.GetProperty("id").GetString()!;
        var before = await manager.ViewTextAsync(appId);
        (await manager.TryAct(appId, "submit-accountability", new JsonObject { ["results"] = "verslag", ["documents"] = new JsonArray(report) }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "documents");
        (await manager.TryAct(appId, "submit-accountability", new JsonObject { ["results"] = "verslag", ["documents"] = new JsonArray(new string('a', 64)) }))
            .ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "documents[0]");
        Assert.Equal(before, await manager.ViewTextAsync(appId));

        var costs = Encoding.UTF8.GetBytes("Kosten: 58.000,00\n");
        var statement = (await Upload(manager, appId, "financial-statement", costs, "text/plain", "kosten.txt")).Expect(HttpStatusCode.Created).Json.GetProperty("id").GetString()!;
        var app = await manager.Act(appId, "submit-accountability", new JsonObject { ["results"] = "verslag", ["documents"] = new JsonArray(report, statement) });
        Assert.Equal("AccountabilitySubmitted", State(app));
    }

    [Fact]
    public async Task An_upload_stands_in_the_history_with_who_when_and_its_hash_and_a_closed_file_takes_none()
    {
        var appId = await Granted("dhs", "60000.00", accountable: true);
        var (manager, officer) = (await fixture.As(Manager), await fixture.As(Officer));
        var count = (await manager.GetAsync($"api/applications/{appId}")).Expect(HttpStatusCode.OK).Json.GetProperty("historyCount").GetInt32();
        var note = Encoding.UTF8.GetBytes($"Gespreksnotitie bij {appId}.\n");
        var stored = (await Upload(officer, appId, "other", note, "text/plain", "notitie.txt")).Expect(HttpStatusCode.Created).Json;
        (await Upload(officer, appId, "other", note, "text/plain", "notitie.txt")).Expect(HttpStatusCode.OK);

        // GET …/history: one entry, by whom, when, with the hash the downloaded file has.
        var page = (await manager.GetAsync($"api/applications/{appId}/history")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(count + 1, page.GetProperty("historyCount").GetInt32());
        var entry = page.GetProperty("items").EnumerateArray().Last();
        Assert.Equal("RecordDocument", entry.GetProperty("trigger").GetString());
        Assert.Equal((stored.GetProperty("by").GetString(), "ProvincialOfficer"), (entry.GetProperty("userId").GetString(), entry.GetProperty("role").GetString()));
        Assert.Equal(stored.GetProperty("at").GetString(), entry.GetProperty("at").GetString());
        Assert.Equal($"Overig: notitie.txt ({note.Length} bytes, text/plain)", entry.GetProperty("reason").GetString());
        var sha = entry.GetProperty("documentSha256").GetString()!;
        Assert.Equal(Sha((await manager.GetBytesAsync($"api/applications/{appId}/documents/{sha}")).Bytes), sha);

        // Recording is the upload's: no action of its own.
        (await manager.PostJsonAsync($"api/applications/{appId}/record-document", new JsonObject { ["sha256"] = new string('a', 64) }))
            .ExpectProblem(HttpStatusCode.NotFound, "NotFound", "action");

        // A closed file is archived: an upload is refused and stores nothing that counts.
        var closed = $"dhc-{Suffix}";
        await fixture.DraftAsync(closed, Region, await fixture.FundAsync("dhc", "100000.00"), "40000.00");
        await manager.Act(closed, "submit");
        await officer.Act(closed, "start-review");
        await officer.Act(closed, "reject", Reason("past niet"));
        await officer.Act(closed, "close");
        (await Upload(manager, closed, "other", note, "text/plain", "notitie.txt")).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "state");
        Assert.Equal(0, (await manager.GetAsync($"api/applications/{closed}/documents")).Expect(HttpStatusCode.OK).Json.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Letters_and_documents_survive_a_killed_service_and_their_hashes_verify()
    {
        var prefix = TestEnvironment.NewTablePrefix();
        string appId = $"dur-{Suffix}", sha, documentSha;
        await using (var first = await ServiceProcess.StartAsync(prefix))
        {
            var officer = new LedgerApi(await first.ClientAsync("provincial-officer", province: "Limburg"), first);
            var manager = new LedgerApi(await first.ClientAsync("pvo-manager", region: Region), first);
            var source = $"dur-{Suffix}";
            await officer.CreateAsync(Source(source, $"Fonds {source}", "provincial-fund", "Provincie Limburg", province: "Limburg"));
            await officer.CeilingAsync(source, int.Parse(Today[..4], CultureInfo.InvariantCulture), "100000.00");
            (await manager.PostJsonAsync("api/applications", new JsonObject { ["id"] = appId, ["region"] = Region, ["fundingSource"] = source, ["title"] = "Duurzaam", ["requested"] = "20000.00" }))
                .Expect(HttpStatusCode.Created);
            await manager.Act(appId, "submit");
            await officer.Act(appId, "start-review");
            await officer.Act(appId, "grant", Grant("20000.00", false));
            sha = (await officer.GetAsync($"api/applications/{appId}/letters")).Expect(HttpStatusCode.OK).Json.GetProperty("items")[0].GetProperty("sha256").GetString()!;
            documentSha = (await Upload(manager, appId, "other", Pdf, "application/pdf")).Expect(HttpStatusCode.Created).Json.GetProperty("sha256").GetString()!;
            await first.CrashAsync();
        }
        await using var second = await ServiceProcess.StartAsync(prefix);
        var reader = new LedgerApi(await second.ClientAsync("provincial-officer", province: "Limburg"), second);
        var letter = (await reader.GetAsync($"api/applications/{appId}/letters")).Expect(HttpStatusCode.OK).Json.GetProperty("items")[0];
        Assert.Equal(sha, letter.GetProperty("sha256").GetString());
        var bytes = (await reader.GetBytesAsync($"api/applications/{appId}/letters/{letter.GetProperty("id").GetString()}.pdf")).Bytes;
        Assert.Equal(sha, Sha(bytes));
        Assert.Contains("Besluit tot verlening van subsidie", PdfText(bytes), StringComparison.Ordinal);
        Assert.Equal(Pdf, (await reader.GetBytesAsync($"api/applications/{appId}/documents/{documentSha}")).Bytes);
        _ = JsonSerializer.Serialize(letter);
    }
}
