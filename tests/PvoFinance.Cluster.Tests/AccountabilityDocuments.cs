using System.Text;
using System.Text.Json.Nodes;
using PvoFinance.Grains.Applications;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The documents an accountability consists of (issue 18), uploaded through the application grain by the region's
/// manager: a content report, a financial statement and an auditor's statement, each different bytes, so any tier's
/// accountability can name them.
/// </summary>
public static class AccountabilityDocuments
{
    private static readonly string[] Kinds = ["content-report", "financial-statement", "auditor-statement"];

    /// <summary>Uploads the three documents to <paramref name="appId"/> and answers their ids.</summary>
    public static async Task<JsonArray> UploadAsync(IGrainFactory grains, string appId, ActorDto manager)
    {
        var files = grains.GetGrain<IApplicationDocuments>(appId);
        var ids = new JsonArray();
        foreach (var kind in Kinds)
        {
            var reply = await files.Upload(manager, kind, $"{kind}.txt", "text/plain", Encoding.UTF8.GetBytes($"{kind} van {appId}\n"));
            Assert.True(reply.Refusal is null, $"upload {kind}: {reply.Refusal}");
            ids.Add(reply.Info!.Id);
        }
        return ids;
    }

    /// <summary>The JSON of an accountability with <paramref name="results"/> and the three documents, uploaded first.</summary>
    public static async Task<string> AccountedAsync(IGrainFactory grains, string appId, ActorDto manager, string results = "verslag") =>
        new JsonObject { ["results"] = results, ["documents"] = await UploadAsync(grains, appId, manager) }.ToJsonString();
}
