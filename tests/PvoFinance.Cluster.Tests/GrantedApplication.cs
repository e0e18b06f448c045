using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// A national scheme with a ceiling of 100,000.00 this year and a Limburg application to it of 30,000.00, submitted,
/// reviewed and granted with one advance of 15,000.00 due today: the starting point of tests about what follows a grant.
/// </summary>
internal static class GrantedApplication
{
    /// <summary>
    /// Creates the scheme <paramref name="source"/> and grants application <paramref name="appId"/> from it, with the
    /// advances of <paramref name="advances"/> all due today (none given: one of 15,000.00).
    /// </summary>
    public static async Task<(IFundingSourceGrain Fund, IApplicationGrain App)> StartAsync(
        IGrainFactory grains, string source, string appId, LocalDate today, ActorDto manager, ActorDto ministry, params string[] advances)
    {
        var fund = grains.GetGrain<IFundingSourceGrain>(source);
        Assert.True((await fund.Create(new FundingSourceDto { Id = source, Name = $"Regeling {source}", Kind = nameof(FundingSourceKind.NationalScheme), Owner = "national", Funder = "JenV" })).Ok);
        Assert.True((await fund.SetCeiling(today.Year, 100_000_00)).Ok);
        var app = grains.GetGrain<IApplicationGrain>(appId);
        Assert.Equal(201, (await app.Create(manager, Drafts.Of("limburg", source, "Keurmerk", "30000.00"))).Status);
        Assert.True((await app.FireJson(manager, ApplicationTrigger.Submit, null, null, "s")).Ok);
        Assert.True((await app.FireJson(ministry, ApplicationTrigger.StartReview, null, null, "r")).Ok);
        string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var grant = new JsonObject
        {
            ["amount"] = "30000.00",
            ["endDate"] = Iso(today.PlusDays(200)),
            ["accountabilityDue"] = Iso(today.PlusDays(230)),
            ["advances"] = new JsonArray([.. (advances.Length == 0 ? ["15000.00"] : advances).Select(a => (JsonNode)new JsonObject { ["due"] = Iso(today), ["amount"] = a })]),
            ["reason"] = "commissie",
        }.ToJsonString();
        Assert.True((await app.FireJson(ministry, ApplicationTrigger.Grant, grant, null, "g")).Ok);
        return (fund, app);
    }
}
