using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.AccessMatrix;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>The notice the matrix's notice rows aim at.</summary>
public sealed partial class AccessMatrixTests
{
    private static readonly SemaphoreSlim NoticeGate = new(1, 1);
    private static (ServiceProcess Service, string Id)? _notice;

    /// <summary>
    /// The id of an accountability notice of <see cref="Region"/>: a granted application whose accountability is due
    /// in 20 days (inside the 30 days' lead), swept by the ministry and read from the region's manager's inbox.
    /// </summary>
    internal static async Task<string> NoticeIdAsync(ServiceFixture fixture)
    {
        await NoticeGate.WaitAsync();
        try
        {
            if (_notice is { } made && made.Service == fixture.Service)
            {
                return made.Id;
            }
            var source = await fixture.FundAsync("ax-nt", "100000.00", Province);
            var appId = $"ax-nt-{Suffix}";
            await fixture.DraftAsync(appId, Region, source, "40000.00");
            var manager = await fixture.As(Who.Manager(Region));
            var officer = await fixture.As(Who.Officer(Province));
            await manager.Act(appId, "submit");
            await officer.Act(appId, "start-review");
            await officer.Act(appId, "grant", new JsonObject
            {
                ["amount"] = "40000.00",
                ["endDate"] = Day(5),
                ["accountabilityDue"] = Day(20),
                ["advances"] = new JsonArray(),
                ["reason"] = "past the committee",
            });
            (await (await fixture.As(Who.Ministry)).PostJsonAsync("api/notices/sweep", new JsonObject())).Expect(HttpStatusCode.OK);
            var inbox = (await manager.GetAsync("api/notices?pageSize=100")).Expect(HttpStatusCode.OK).Json;
            var id = inbox.GetProperty("notices").EnumerateArray().Single(n => n.GetProperty("applicationId").GetString() == appId).GetProperty("id").GetString()!;
            _notice = (fixture.Service, id);
            return id;
        }
        finally
        {
            NoticeGate.Release();
        }
    }
}
