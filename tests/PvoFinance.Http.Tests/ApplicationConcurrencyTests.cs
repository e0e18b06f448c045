using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Grants of different sizes race for one ceiling while the ledger is watched: it never shows more committed than
/// the ceiling, every grant that went through is committed exactly, and every refused one is unchanged and could
/// indeed not have fit.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationConcurrencyTests(ServiceFixture fixture)
{
    private const string Region = "limburg";

    [Fact]
    public async Task Concurrent_grants_of_different_sizes_never_over_commit_the_ceiling()
    {
        const decimal ceiling = 300000.00m;
        var source = await fixture.FundAsync("race2", Money(ceiling));
        var manager = await fixture.As(Who.Manager(Region));
        var officer = await fixture.As(Who.Officer("Limburg"));
        // 12 tier B applications asking 30,000.00 .. 85,000.00 (together 690,000.00, more than twice the ceiling).
        var apps = Enumerable.Range(0, 12).Select(i => (Id: $"race2-{Suffix}-{i:00}", Amount: 30000.00m + 5000.00m * i)).ToArray();
        Assert.Equal(690000.00m, apps.Sum(a => a.Amount));
        foreach (var (id, amount) in apps)
        {
            await fixture.DraftAsync(id, Region, source, Money(amount));
            await manager.Act(id, "submit");
            await officer.Act(id, "start-review");
        }
        var views = new Dictionary<string, string>();
        foreach (var (id, _) in apps)
        {
            views[id] = await officer.ViewTextAsync(id);
        }

        // Watch the budget account while the grants race.
        var journal = $"source.{source}.{ThisYear}";
        var budgetAccount = $"budget:{source}:{ThisYear}";
        var seen = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var b = await fixture.Api.BalancesAsync(journal);
                seen.Add($"{LedgerApi.Field(b, budgetAccount, "debitsPosted")}/{LedgerApi.Field(b, budgetAccount, "debitsPending")}/{LedgerApi.Field(b, budgetAccount, "available")}");
            }
        });
        var replies = await Task.WhenAll(apps.Select(a => officer.TryAct(a.Id, "grant", ApplicationApi.Grant(Money(a.Amount), accountable: true))));
        await stop.CancelAsync();
        await watcher;

        Assert.NotEmpty(seen);
        foreach (var s in seen)
        {
            var parts = s.Split('/').Select(Dec).ToArray();
            Assert.True(parts[0] + parts[1] <= ceiling && parts[2] >= 0m, $"The budget showed {s} (posted/pending/available) against a ceiling of {ceiling}.");
        }

        var granted = apps.Zip(replies).Where(x => x.Second.Status == HttpStatusCode.OK).ToArray();
        var refused = apps.Zip(replies).Where(x => x.Second.Status != HttpStatusCode.OK).ToArray();
        Assert.NotEmpty(granted);
        Assert.NotEmpty(refused);
        var committed = granted.Sum(g => g.First.Amount);
        Assert.True(committed <= ceiling);
        var balances = await fixture.Api.BalancesAsync(journal);
        Assert.Equal(Money(committed), Money(-Dec(LedgerApi.Field(balances, $"commitment:{source}:{ThisYear}:{Region}", "balance"))));
        Assert.Equal(Money(ceiling - committed), LedgerApi.Field(balances, budgetAccount, "available"));
        Assert.Equal("0.00", LedgerApi.Field(balances, budgetAccount, "debitsPending"));
        Assert.Equal(0, (await fixture.Api.SummaryAsync(journal)).GetProperty("openReservations").GetInt32());
        var year = int.Parse(ThisYear, CultureInfo.InvariantCulture);
        Assert.Equal(Money(committed), YearField(await officer.SourceAsync(source), year, "committed"));

        foreach (var ((id, amount), reply) in granted)
        {
            Assert.Equal("Granted", State(reply.Json));
            Assert.Equal(Money(amount), Figure(reply.Json, "open"));
            Assert.True(reply.Json.GetProperty("figures").GetProperty("matchesDecisions").GetBoolean());
        }
        var available = ceiling - committed;
        foreach (var ((id, amount), reply) in refused)
        {
            reply.ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "amount");
            Assert.Equal(views[id], await officer.ViewTextAsync(id));
            // Nothing was given back meanwhile, so what was free when it was refused is at least what is free now.
            Assert.True(amount > available, $"{id} asked {amount} and was refused, yet {available} is still free.");
        }
        // None of the refused applications left an entry in the fund's journal.
        var refusedPrefixes = refused.Select(r => $"app:{r.First.Id}:").ToArray();
        var entries = await fixture.Api.EntriesAsync(journal, "?limit=1000");
        Assert.True(entries.Length < 1000);
        Assert.DoesNotContain(entries, e => refusedPrefixes.Any(p => e.GetProperty("key").GetString()!.StartsWith(p, StringComparison.Ordinal)));
        Assert.True((await fixture.Api.VerifyAsync(journal)).GetProperty("intact").GetBoolean());
    }
}
