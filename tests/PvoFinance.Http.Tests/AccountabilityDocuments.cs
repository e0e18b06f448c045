using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The documents an accountability consists of (issue 18): a content report, a financial statement and an auditor's
/// statement uploaded by the region's PVO-manager, each different bytes (a document's id is its SHA-256), so any tier's
/// accountability can name them.
/// </summary>
public static class AccountabilityDocuments
{
    /// <summary>The applicant's three kinds, each with a text of its own.</summary>
    private static readonly (string Kind, string FileName, string Text)[] Kinds =
    [
        ("content-report", "inhoudelijk-verslag.txt", "Inhoudelijk verslag: keurmerk behaald, 40 ondernemers bereikt."),
        ("financial-statement", "financieel-verslag.txt", "Financieel verslag: gerealiseerde kosten volgens de begroting."),
        ("auditor-statement", "controleverklaring.txt", "Controleverklaring: goedkeurend."),
    ];

    /// <summary>Uploads the three documents to <paramref name="appId"/> (again: the same documents) and answers their ids.</summary>
    public static async Task<JsonArray> UploadAccountabilityDocumentsAsync(this LedgerApi manager, string appId)
    {
        var ids = new JsonArray();
        foreach (var (kind, fileName, text) in Kinds)
        {
            var reply = await ApplicationLetterAndDocumentTests.Upload(manager, appId, kind, Encoding.UTF8.GetBytes($"{text}\nAanvraag {appId}.\n"), "text/plain", fileName);
            var stored = reply.Status == HttpStatusCode.OK ? reply : reply.Expect(HttpStatusCode.Created);
            ids.Add(stored.Json.GetProperty("id").GetString());
        }
        return ids;
    }

    /// <summary><paramref name="body"/> with <c>documents</c>: the ids of the accountability's documents, uploaded first.</summary>
    public static async Task<JsonObject> WithDocumentsAsync(this LedgerApi manager, string appId, JsonObject body)
    {
        body["documents"] = await manager.UploadAccountabilityDocumentsAsync(appId);
        return body;
    }

    /// <summary>Uploads the documents and submits the accountability <paramref name="body"/> with them; it must succeed.</summary>
    public static async Task<System.Text.Json.JsonElement> AccountAsync(this LedgerApi manager, string appId, JsonObject body) =>
        await manager.Act(appId, "submit-accountability", await manager.WithDocumentsAsync(appId, body));
}
