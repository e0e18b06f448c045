using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Checker;
using PvoFinance.Funding;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using Xunit.Abstractions;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Storage that fails inside the storage layer: every journal append and grain state write on two real silos goes
/// through <see cref="RandomStorageFaults"/>. One seeded workload of transfers, commitments, payments and application
/// lifecycle steps (grant, advance, accountability, determination, payment) runs twice, sequentially: once without
/// faults (the oracle) and once with a fifth of all writes failing, half of them after the write landed. Callers retry
/// every failed call with the same ids and idempotency keys. The faulty run must end exactly where the oracle did: the
/// same answers, balances, fund figures and application figures, cent for cent; and the invariant checker finds nothing.
/// A second test races 60 callers for one ceiling under the same faults: each accepted booking is in the ledger once.
/// Set <c>PVO_RANDOM_SEED</c> to replay a run, <c>PVO_FAULT_RATE</c> for another share of failing writes.
/// </summary>
[Collection(FaultClusterCollection.Name)]
public sealed class InjectedStorageFaultTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    private const int Operations = 70;
    private const int Applications = 4;
    private const int MaxAttempts = 80;

    private static readonly ActorDto Ministry = new("flt-ministry", Role.Ministry, "national");
    private static readonly ActorDto Treasurer = new("flt-treasurer", Role.Treasurer, "national");
    private static readonly string[] Regions = ["limburg", "rotterdam"];

    // Direct commitments and payments share the commitment account of the applications' regions (a direct payment pays
    // only direct commitments: DirectPaymentTests), and go to a region without applications too.
    private static readonly string[] DirectRegions = ["limburg", "rotterdam", "oost-brabant"];

    private IGrainFactory Grains => fixture.Client;

    // 20 % of all writes by default; PVO_FAULT_RATE (0..1) turns the dial for a harsher run.
    private static double FaultRate =>
        double.TryParse(Environment.GetEnvironmentVariable("PVO_FAULT_RATE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) ? rate : 0.2;

    /// <summary>What one run did and where it ended, with its tag replaced so two runs compare.</summary>
    private sealed class Outcome(string tag)
    {
        public string Tag { get; } = tag;
        public List<string> Answers { get; } = [];
        public HashSet<string> Journals { get; } = new(StringComparer.Ordinal);
        public List<string> Applications { get; } = [];
        public string Source => $"fs-{Tag}";
        public int Retries { get; set; }
    }

    private sealed class AppProgress(string id, string region, long requested)
    {
        public string Id { get; } = id;
        public string Region { get; } = region;
        public long Requested { get; } = requested;
        public int Stage { get; set; }
        public long Granted { get; set; }
        public long Advance { get; set; }
        public long Determined { get; set; }
    }

    [Fact]
    public async Task Random_transfers_and_lifecycle_steps_under_20_percent_storage_faults_end_exactly_where_the_fault_free_run_ends()
    {
        output.WriteLine($"PVO_RANDOM_SEED={fixture.Seed}");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        fixture.Faults.Rate = 0;
        var oracle = await Workload(fixture.Seed, "o" + suffix);
        Assert.Equal(0, oracle.Retries);

        var (failedBefore, failedAfter) = (fixture.Faults.FailedBefore, fixture.Faults.FailedAfter);
        fixture.Faults.Rate = FaultRate;
        var faulty = await Workload(fixture.Seed, "x" + suffix);
        fixture.Faults.Rate = 0;
        (failedBefore, failedAfter) = (fixture.Faults.FailedBefore - failedBefore, fixture.Faults.FailedAfter - failedAfter);
        output.WriteLine($"faults: {failedBefore} before the write, {failedAfter} after it landed; {faulty.Retries} retries");
        Assert.True(failedBefore > 0 && failedAfter > 0, $"{failedBefore} / {failedAfter}");

        // The same answers, in the same order; and the same end state, cent for cent.
        Assert.Equal(oracle.Answers, faulty.Answers.Select(a => a.Replace(faulty.Tag, oracle.Tag, StringComparison.Ordinal)));
        Assert.Equal(await EndState(oracle), (await EndState(faulty)).Replace(faulty.Tag, oracle.Tag, StringComparison.Ordinal));
        Assert.Contains(oracle.Answers, a => a.Contains("transfer completed", StringComparison.Ordinal));
        Assert.Contains(oracle.Answers, a => a.Contains("RecordPayment 200", StringComparison.Ordinal));

        var report = await new InvariantChecker(new GrainDeploymentSource(Grains, fixture.Journals, [oracle.Source, faulty.Source], [.. oracle.Applications, .. faulty.Applications])).RunAsync();
        output.WriteLine(report.Summary);
        Assert.True(report.Violations.Count == 0, string.Join('\n', report.Violations));
        Assert.True(report.Checked > 50, report.Summary);
    }

    [Fact]
    public async Task Concurrent_transfers_and_commitments_racing_for_one_ceiling_under_storage_faults_are_each_booked_once()
    {
        output.WriteLine($"PVO_RANDOM_SEED={fixture.Seed}");
        var tag = "c" + Guid.NewGuid().ToString("N")[..6];
        var run = new Outcome(tag);
        var year = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date.Year;
        var fund = Grains.GetGrain<IFundingSourceGrain>(run.Source);
        fixture.Faults.Rate = 0;
        Assert.True((await fund.Create(new FundingSourceDto { Id = run.Source, Name = $"Regeling {run.Source}", Kind = nameof(FundingSourceKind.NationalScheme), Owner = "national", Funder = "JenV" })).Ok);
        Assert.True((await fund.SetCeiling(year, 90_000_00)).Ok);
        var before = (fixture.Faults.FailedBefore, fixture.Faults.FailedAfter);

        // 60 callers at once, through the group commit of one journal: 20 commitments of 1,000 and 40 transfers of 2,000
        // ask for 100,000 under a ceiling of 90,000. Which ones fit depends on the order; that each is booked once does not.
        fixture.Faults.Rate = FaultRate;
        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            if (i % 3 == 0)
            {
                var reply = await Retry(run, () => fund.Commit($"c{i}", "limburg", new Dictionary<int, long> { [year] = 1_000_00 }, null));
                return (Kind: "commit", Cents: 1_000_00L, Ok: reply.Ok, Code: reply.LedgerCode?.ToString() ?? reply.Code?.ToString());
            }
            var request = new TransferRequest
            {
                FromJournal = $"source.{run.Source}.{year}",
                DebitAccount = $"budget:{run.Source}:{year}",
                ToJournal = $"sink.{tag}.{i % 4}",
                CreditAccount = $"project:p{i % 4}:{run.Source}",
                Cents = 2_000_00,
                ValueDate = $"{year}-06-01",
            };
            var moved = await Retry(run, () => Grains.GetGrain<ITransferGrain>($"tr-{tag}-{i}").Execute(request));
            return (Kind: "transfer", Cents: 2_000_00L, Ok: moved.Status == TransferStatus.Completed, Code: moved.Rejection?.Code);
        }));
        fixture.Faults.Rate = 0;
        output.WriteLine($"faults: {fixture.Faults.FailedBefore - before.FailedBefore} before, {fixture.Faults.FailedAfter - before.FailedAfter} after; {run.Retries} retries");
        Assert.True(fixture.Faults.FailedAfter > before.FailedAfter, "no fault after a write landed");

        // Every refusal is the ceiling's; what was accepted is in the ledger exactly once and nothing else is.
        Assert.All(answers.Where(a => !a.Ok), a => Assert.Equal("LimitExceeded", a.Code));
        var moved = answers.Where(a => a.Ok && a.Kind == "transfer").Sum(a => a.Cents);
        var committed = answers.Where(a => a.Ok && a.Kind == "commit").Sum(a => a.Cents);
        long credited = 0;
        for (var k = 0; k < 4; k++)
        {
            credited -= (await Grains.GetGrain<ILedgerGrain>($"sink.{tag}.{k}").GetBalances()).Where(b => b.Account == $"project:p{k}:{run.Source}").Sum(b => b.DebitsPosted - b.CreditsPosted);
        }
        Assert.Equal(moved, credited);
        var figures = (await fund.Get())!.Years.Single(y => y.Year == year);
        Assert.Equal(committed, figures.Committed);
        Assert.Equal(90_000_00 - moved - committed, figures.Available);
        Assert.True(figures.Available is >= 0 and < 2_000_00, $"{figures.Available} left: a refused caller would have fitted");

        var report = await new InvariantChecker(new GrainDeploymentSource(Grains, fixture.Journals, [run.Source], [])).RunAsync();
        output.WriteLine(report.Summary);
        Assert.True(report.Violations.Count == 0, string.Join('\n', report.Violations));
    }

    private async Task<Outcome> Workload(int seed, string tag)
    {
        var random = new Random(seed);
        var run = new Outcome(tag);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;
        var year = today.Year;
        var sourceJournal = $"source.{run.Source}.{year}";
        run.Journals.Add(sourceJournal);
        var fund = Grains.GetGrain<IFundingSourceGrain>(run.Source);
        var created = await Retry(run, () => fund.Create(new FundingSourceDto
        {
            Id = run.Source,
            Name = $"Regeling {run.Source}",
            Kind = nameof(FundingSourceKind.NationalScheme),
            Owner = "national",
            Funder = "JenV",
        }));
        Assert.True(created.Ok, created.Message);
        Assert.True((await Retry(run, () => fund.SetCeiling(year, 400_000_00))).Ok);

        var apps = Enumerable.Range(0, Applications)
            .Select(i => new AppProgress($"flt-{tag}-{i}", Regions[random.Next(Regions.Length)], random.Next(30, 100) * 1_000_00L))
            .ToList();
        run.Applications.AddRange(apps.Select(a => a.Id));
        foreach (var region in Regions)
        {
            run.Journals.Add($"region.{region}");
        }

        // The grants come first (together at most 396,000 of the 400,000 ceiling), so every application runs its whole
        // course; the random phase then interleaves advances, accountability, determinations and payments with transfers
        // and direct funding, which run into the ceiling sooner or later.
        foreach (var app in apps)
        {
            while (app.Stage < 4)
            {
                var stage = app.Stage;
                run.Answers.Add($"start: {app.Id} {await Step(run, random, app, today)}");
                Assert.True(app.Stage > stage, $"{app.Id} is stuck at step {stage}: {run.Answers[^1]}");
            }
        }

        for (var op = 0; op < Operations; op++)
        {
            var roll = random.Next(10);
            var open = apps.Where(a => a.Stage < 8).ToList();
            if (roll >= 6 && open.Count > 0)
            {
                var app = open[random.Next(open.Count)];
                run.Answers.Add($"{op}: {app.Id} {await Step(run, random, app, today)}");
            }
            else if (roll >= 4)
            {
                var region = DirectRegions[random.Next(DirectRegions.Length)];
                run.Journals.Add($"region.{region}");
                var cents = random.Next(1, 20) * 500_00L;
                var reply = random.Next(3) == 0
                    ? await Retry(run, () => fund.Pay($"p{op}", region, year, cents))
                    : await Retry(run, () => fund.Commit($"c{op}", region, new Dictionary<int, long> { [year] = cents }, null));
                run.Answers.Add($"{op}: funding {region} {cents} {(reply.Ok ? "ok" : $"refused {reply.Code} {reply.Field}")}");
            }
            else
            {
                var sink = $"sink.{tag}.{random.Next(3)}";
                run.Journals.Add(sink);
                var request = new TransferRequest
                {
                    FromJournal = sourceJournal,
                    DebitAccount = $"budget:{run.Source}:{year}",
                    ToJournal = sink,
                    CreditAccount = $"project:p{op % 5}:{run.Source}",
                    Cents = random.Next(1, 30) * 1_000_00L,
                    ValueDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                };
                var reply = await Retry(run, () => Grains.GetGrain<ITransferGrain>($"tr-{tag}-{op}").Execute(request));
                run.Answers.Add($"{op}: transfer {(reply.Status == TransferStatus.Completed ? "completed" : $"rejected {reply.Rejection?.Code}")} {reply.SourceSequence} {reply.DestinationSequence}");
            }
        }
        // Every application goes the whole way: the rest of its steps, in turn.
        foreach (var app in apps)
        {
            while (app.Stage < 8)
            {
                var stage = app.Stage;
                run.Answers.Add($"end: {app.Id} {await Step(run, random, app, today)}");
                Assert.True(app.Stage > stage, $"{app.Id} is stuck at step {stage}: {run.Answers[^1]}");
            }
        }
        return run;
    }

    // The next step of an application's life, with its idempotency key; the answer as "<trigger> <status> <code>".
    private async Task<string> Step(Outcome run, Random random, AppProgress app, LocalDate today)
    {
        var grain = Grains.GetGrain<IApplicationGrain>(app.Id);
        var manager = new ActorDto($"flt-manager-{app.Region}", Role.PvoManager, $"region:{app.Region}");
        string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Euros(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        if (app.Stage == 0)
        {
            var created = await Retry(run, () => grain.Create(manager, Drafts.Of(app.Region, run.Source, $"Project {app.Id}", Euros(app.Requested))));
            app.Stage = created.Ok ? 1 : app.Stage;
            return $"Create {(created.Ok ? 200 : created.Status)} {created.Code}";
        }
        (ActorDto Actor, ApplicationTrigger Trigger, JsonObject? Body) next = app.Stage switch
        {
            1 => (manager, ApplicationTrigger.Submit, null),
            2 => (Ministry, ApplicationTrigger.StartReview, null),
            3 => GrantStep(),
            4 => (Treasurer, ApplicationTrigger.PayAdvance, new JsonObject { ["amount"] = Euros(app.Advance), ["reference"] = "bank-adv" }),
            5 => (manager, ApplicationTrigger.SubmitAccountability, new JsonObject { ["results"] = "verslag", ["documents"] = await Retry(run, () => AccountabilityDocuments.UploadAsync(Grains, app.Id, manager)) }),
            6 => DetermineStep(),
            _ => (Treasurer, ApplicationTrigger.RecordPayment, new JsonObject { ["amount"] = Euros(app.Determined - app.Advance), ["reference"] = "bank-pay" }),
        };
        var payload = next.Body?.ToJsonString();
        var key = $"{app.Id}:{app.Stage}";
        var reply = await Retry(run, () => grain.FireJson(next.Actor, next.Trigger, payload, key, $"{next.Actor.UserId}|{next.Trigger}|{payload}"), r => r.Status >= 500);
        if (reply.Ok)
        {
            // Nothing is left to pay when the determination equals the advance.
            app.Stage = app.Stage == 6 && app.Determined == app.Advance ? 8 : app.Stage + 1;
        }
        else if (next.Trigger == ApplicationTrigger.Grant && reply.Code == ApplicationRefusalCode.LimitExceeded)
        {
            // The ceiling is spent: this application ends unfunded (a refusal the oracle must give too).
            app.Stage = 8;
        }
        var figures = reply.Ok ? JsonDocument.Parse(reply.Json!).RootElement.GetProperty("figures").GetRawText() : "";
        return $"{next.Trigger} {reply.Status} {reply.Code} {figures}";

        (ActorDto, ApplicationTrigger, JsonObject?) GrantStep()
        {
            // Tier B: above 25,000 and below 125,000, with one advance due today.
            app.Granted = Math.Max(26_000_00L, app.Requested - random.Next(0, 10) * 1_000_00L);
            app.Advance = app.Granted / 2 / 100 * 100;
            return (Ministry, ApplicationTrigger.Grant, new JsonObject
            {
                ["amount"] = Euros(app.Granted),
                ["endDate"] = Iso(today.PlusDays(200)),
                ["accountabilityDue"] = Iso(today.PlusDays(230)),
                ["advances"] = new JsonArray(new JsonObject { ["due"] = Iso(today), ["amount"] = Euros(app.Advance) }),
                ["reason"] = "commissie",
            });
        }

        (ActorDto, ApplicationTrigger, JsonObject?) DetermineStep()
        {
            app.Determined = app.Granted - random.Next(0, 4) * 1_000_00L;
            return (Ministry, ApplicationTrigger.Determine, new JsonObject { ["amount"] = Euros(app.Determined), ["reason"] = "afrekening" });
        }
    }

    // Everything the run's callers can read back: balances of its journals, the fund, every application's state and figures.
    private async Task<string> EndState(Outcome run)
    {
        var text = new StringBuilder();
        foreach (var journal in run.Journals.Order(StringComparer.Ordinal))
        {
            foreach (var b in (await Grains.GetGrain<ILedgerGrain>(journal).GetBalances()).Where(b => b.Account.Contains(run.Tag, StringComparison.Ordinal)))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{journal} {b.Account} {b.DebitsPosted} {b.CreditsPosted} {b.DebitsPending} {b.CreditsPending}");
            }
        }
        var details = await Grains.GetGrain<IFundingSourceGrain>(run.Source).Get();
        text.AppendLine(JsonSerializer.Serialize(details!.Years)).AppendLine(JsonSerializer.Serialize(details.Commitments));
        foreach (var id in run.Applications)
        {
            var reply = await Grains.GetGrain<IApplicationGrain>(id).Get(Ministry);
            if (reply.Ok)
            {
                var view = JsonDocument.Parse(reply.Json!).RootElement;
                text.AppendLine(CultureInfo.InvariantCulture, $"{id} {view.GetProperty("state").GetString()} {view.GetProperty("figures").GetRawText()}");
            }
            else
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{id} {reply.Status}");
            }
        }
        return text.ToString();
    }

    private Task<T> Retry<T>(Outcome run, Func<Task<T>> call) => Retry(run, call, _ => false);

    // A failed call is retried with exactly the same ids and keys until it gets an answer.
    private static async Task<T> Retry<T>(Outcome run, Func<Task<T>> call, Func<T, bool> retryable)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (attempt > 0)
            {
                run.Retries++;
                await Task.Delay(20);
            }
            try
            {
                var reply = await call();
                if (!retryable(reply))
                {
                    return reply;
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                last = ex;
            }
        }
        throw new Xunit.Sdk.XunitException($"No answer after {MaxAttempts} attempts: {last}");
    }
}
