using System.Text.Json;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// A read that fails after a transition was booked: the application books an advance, then cannot read the ledger for
/// the answer's figures. Nothing was stored yet, so the caller's retry with the same idempotency key must finish the
/// same transition and get its answer — not be judged again against a value the failed call left in memory.
/// Found by the kill -9 cluster test (a silo died under the figures' read).
/// </summary>
[Collection(FaultClusterCollection.Name)]
public sealed class ApplicationReadFaultTests(FaultClusterFixture fixture)
{
    private static readonly ActorDto Manager = new("rf-manager", Role.PvoManager, "region:limburg");
    private static readonly ActorDto Ministry = new("rf-ministry", Role.Ministry, "national");
    private static readonly ActorDto Treasurer = new("rf-treasurer", Role.Treasurer, "national");

    [Fact]
    public async Task A_retry_after_the_answer_could_not_be_read_gets_the_answer_and_books_nothing_twice()
    {
        fixture.Faults.Rate = 0;
        var grains = fixture.Client;
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;
        var source = "rf-" + Guid.NewGuid().ToString("N")[..8];
        var (_, app) = await GrantedApplication.StartAsync(grains, source, "rf-app-" + Guid.NewGuid().ToString("N")[..8], today, Manager, Ministry);

        // The advance is booked; reading the source's journal for the answer's figures fails.
        const string body = """{"amount":"15000.00","reference":"bank-1"}""";
        fixture.Faults.FailReads($"source.{source}.{today.Year}");
        await Assert.ThrowsAnyAsync<Exception>(() => app.FireJson(Treasurer, ApplicationTrigger.PayAdvance, body, "adv-1", "adv"));

        // The retry with the same key gets the transition's answer, and the advance is in the ledger once.
        var retried = await app.FireJson(Treasurer, ApplicationTrigger.PayAdvance, body, "adv-1", "adv");
        Assert.True(retried.Ok, $"{retried.Status} {retried.Code} {retried.Field}: {retried.Reason}");
        var figures = JsonDocument.Parse(retried.Json!).RootElement.GetProperty("figures");
        Assert.Equal("15000.00", figures.GetProperty("paid").GetString());
        Assert.True(figures.GetProperty("matchesDecisions").GetBoolean(), figures.GetRawText());
        var region = await grains.GetGrain<ILedgerGrain>("region.limburg").GetBalances();
        Assert.Equal(-15_000_00, region.Single(b => b.Account == $"region:limburg:{source}").DebitsPosted - region.Single(b => b.Account == $"region:limburg:{source}").CreditsPosted);
        Assert.Equal((await app.FireJson(Treasurer, ApplicationTrigger.PayAdvance, body, "adv-1", "adv")).Json, retried.Json);
    }
}
