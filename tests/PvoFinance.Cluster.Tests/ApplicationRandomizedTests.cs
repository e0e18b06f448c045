using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using Xunit.Abstractions;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// Randomized action sequences through the real application grain on two silos: a seeded generator picks an
/// application, an actor (often the wrong one), an action and a payload (mostly sensible, sometimes not), and now and
/// then moves the shared clock so advances fall due and terms pass. After every step: the application's figures match
/// its decisions, every journal it touches balances to zero with an intact chain and a budget that is never overdrawn
/// or left with a pending reservation, and a refused step changed nothing. Every so often the sums over all
/// applications are compared with the ledger's accounts. Set <c>PVO_RANDOM_SEED</c> to replay a failing run.
/// </summary>
[Collection(ApplicationClusterCollection.Name)]
public sealed class ApplicationRandomizedTests(ApplicationClusterFixture fixture, ITestOutputHelper output)
{
    private const int Applications = 20;
    private const int StepsPerApplication = 25;

    private static readonly ActorDto Checker = new("rnd-checker", Role.Ministry, "national");

    // The people who act: the right ones for each fund and region, and wrong ones.
    private static readonly ActorDto[] Pool =
    [
        new("rnd-mgr-limburg", Role.PvoManager, "region:limburg"),
        new("rnd-mgr-rotterdam", Role.PvoManager, "region:rotterdam"),
        new("rnd-mgr-oost-brabant", Role.PvoManager, "region:oost-brabant"),
        new("rnd-officer-limburg-a", Role.ProvincialOfficer, "province:Limburg"),
        new("rnd-officer-limburg-b", Role.ProvincialOfficer, "province:Limburg"),
        new("rnd-officer-zuid-holland", Role.ProvincialOfficer, "province:Zuid-Holland"),
        new("rnd-ministry-a", Role.Ministry, "national"),
        new("rnd-ministry-b", Role.Ministry, "national"),
        new("rnd-treasurer-national", Role.Treasurer, "national"),
        new("rnd-treasurer-limburg", Role.Treasurer, "province:Limburg"),
        new("rnd-treasurer-region", Role.Treasurer, "region:limburg"),
    ];

    private static readonly ApplicationTrigger[] Triggers = Enum.GetValues<ApplicationTrigger>();

    private static readonly decimal[] Requests = [24_999.99m, 25_000.01m, 60_000.00m, 90_000.00m, 124_999.99m, 125_000.00m, 180_000.00m];

    private IGrainFactory Grains => fixture.Client;

    /// <summary>What the test remembers of one application, to propose terms a second approver can confirm.</summary>
    private sealed class Memo(string id, string source, string region)
    {
        public string Id { get; } = id;
        public string Source { get; } = source;
        public string Region { get; } = region;
        public JsonArray? Documents { get; set; }
        public JsonObject? LastGrant { get; set; }
        public JsonObject? LastAmendmentDecision { get; set; }
        public JsonObject? LastDetermination { get; set; }
        public decimal? AskedBudget { get; set; }
        public LocalDate? EndDate { get; set; }
        public LocalDate? AskedEndDate { get; set; }
        public string State { get; set; } = "Draft";
    }

    [Fact]
    public async Task Random_action_sequences_never_break_the_ledger_invariants()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PVO_RANDOM_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? s
            : Random.Shared.Next();
        output.WriteLine($"PVO_RANDOM_SEED={seed}");
        var step = 0;
        var trace = new List<string>();
        try
        {
            await Run(new Random(seed), trace, i => step = i);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException(
                $"Randomized run failed at step {step} with PVO_RANDOM_SEED={seed}.\nLast steps:\n{string.Join('\n', trace.TakeLast(15))}\n{ex}");
        }
        output.WriteLine($"{trace.Count} steps");
    }

    private async Task Run(Random random, List<string> trace, Action<int> atStep)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var provincial = $"rnd-prov-{tag}";
        var national = $"rnd-nat-{tag}";
        await CreateSource(provincial, nameof(FundingSourceKind.ProvincialFund), "province:Limburg");
        await CreateSource(national, nameof(FundingSourceKind.NationalScheme), "national");
        var ceilings = new HashSet<(string, int)>();
        var journals = new HashSet<string>();

        var memos = new List<Memo>();
        for (var i = 0; i < Applications; i++)
        {
            var onNational = random.Next(2) == 0;
            var region = onNational ? new[] { "limburg", "rotterdam", "oost-brabant" }[random.Next(3)] : "limburg";
            var memo = new Memo($"rnd-{tag}-{i:00}", onNational ? national : provincial, region);
            var manager = Pool.First(p => p.Reach == $"region:{region}");
            var created = await Grains.GetGrain<IApplicationGrain>(memo.Id)
                .Create(manager, Drafts.Of(region, memo.Source, $"Project {i}", Money(Requests[random.Next(Requests.Length)])));
            Assert.True(created.Status == 201, $"{created.Status} {created.Reason}");
            memo.Documents = await AccountabilityDocuments.UploadAsync(Grains, memo.Id, manager);
            memos.Add(memo);
            journals.Add($"region.{region}");
        }

        var tally = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var total = Applications * StepsPerApplication;
        for (var n = 1; n <= total; n++)
        {
            atStep(n);
            // Time passes now and then: advances fall due, terms run; rarely far enough for the five-year limitation.
            var roll = random.NextDouble();
            if (roll < 0.004)
            {
                fixture.Clock.Advance(Duration.FromDays(5 * 366 + 1));
                trace.Add($"{n}: clock +5y → {fixture.Clock.Today}");
            }
            else if (roll < 0.12)
            {
                var days = random.Next(1, 46);
                fixture.Clock.Advance(Duration.FromDays(days));
                trace.Add($"{n}: clock +{days}d → {fixture.Clock.Today}");
            }

            // Mostly a file that is still open: a closed one only ever refuses.
            var open = memos.Where(m => m.State != "Closed").ToList();
            var memo = open.Count > 0 && random.Next(10) > 0 ? open[random.Next(open.Count)] : memos[random.Next(memos.Count)];
            var grain = Grains.GetGrain<IApplicationGrain>(memo.Id);
            var view = await View(grain, Checker);
            var (actor, trigger) = await Choose(random, grain, memo, memo.Source == national);
            var payload = Payload(random, trigger, memo, view);
            var text = payload?.ToJsonString();
            if (trigger is ApplicationTrigger.Grant)
            {
                await EnsureCeiling(memo.Source, fixture.Clock.Today.Year, ceilings);
            }

            var touched = Touched(memo, view);
            if (trigger is ApplicationTrigger.Grant && view.GetProperty("grantYear").ValueKind == JsonValueKind.Null)
            {
                // A grant commits in this year's journal: a refused one (ceiling, content) must leave it untouched too.
                touched.Add($"source.{memo.Source}.{fixture.Clock.Today.Year}");
            }
            var viewBefore = (await grain.Get(Checker)).Json;
            var summariesBefore = await Summaries(touched);
            var key = random.Next(4) == 0 ? $"k{n}" : null;
            var fingerprint = $"{actor.UserId}|{trigger}|{text}";
            var reply = await grain.FireJson(actor, trigger, text, key, fingerprint);
            tally[$"{trigger} {reply.Status} {reply.Field}"] = tally.GetValueOrDefault($"{trigger} {reply.Status} {reply.Field}") + 1;
            trace.Add($"{n}: {memo.Id} {view.GetProperty("state").GetString()} {actor.UserId} {trigger} {text} → {reply.Status} {reply.Code} {reply.Field} {reply.Reason}");

            Assert.True(reply.Status is 200 or 400 or 403 or 409 or 422, $"Unexpected answer {reply.Status} {reply.Code}: {reply.Reason}");
            if (trigger is ApplicationTrigger.RecordDocument)
            {
                Assert.Equal((400, "trigger"), (reply.Status, reply.Field));
            }
            if (!reply.Ok)
            {
                // A refusal changes nothing: not the application, not a journal it touches.
                Assert.Equal(viewBefore, (await grain.Get(Checker)).Json);
                Assert.Equal(summariesBefore, await Summaries(touched));
                Assert.NotNull(reply.Field);
            }
            else
            {
                var after = JsonDocument.Parse(reply.Json!).RootElement.Clone();
                Remember(memo, trigger, payload, after);
                touched = Touched(memo, after);
                foreach (var j in touched)
                {
                    journals.Add(j);
                }
                if (key is not null)
                {
                    // The same key and request replays exactly and books nothing.
                    var summaries = await Summaries(touched);
                    var again = await grain.FireJson(actor, trigger, text, key, fingerprint);
                    Assert.Equal(reply.Json, again.Json);
                    Assert.Equal(summaries, await Summaries(touched));
                }
            }

            var now = await View(grain, Checker);
            Assert.True(now.GetProperty("figures").GetProperty("matchesDecisions").GetBoolean(), $"figures do not match: {now.GetProperty("figures")}");
            memo.State = now.GetProperty("state").GetString()!;
            await AssertJournals(touched, verifyChain: reply.Ok);
            if (n % 50 == 0 || n == total)
            {
                await AssertSumsOverApplications(memos);
            }
        }
        await AssertJournals(journals, verifyChain: true);
        await AssertSumsOverApplications(memos);
        var states = new List<string>();
        var moved = new List<string>();
        foreach (var memo in memos)
        {
            var final = await View(Grains.GetGrain<IApplicationGrain>(memo.Id), Checker);
            states.Add(final.GetProperty("state").GetString()!);
            moved.AddRange(final.GetProperty("history").EnumerateArray()
                .Where(h => h.GetProperty("effects").GetArrayLength() > 0)
                .Select(h => h.GetProperty("trigger").GetString()!));
        }
        output.WriteLine("Answers: " + string.Join(", ", tally.Select(t => $"{t.Key}: {t.Value}")));
        output.WriteLine("Final states: " + string.Join(", ", states.GroupBy(x => x).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        output.WriteLine("Transitions with money: " + string.Join(", ", moved.GroupBy(x => x).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        // The run got to the money: a generator that never reaches a grant would test little.
        Assert.True(moved.Count >= 10, $"Only {moved.Count} transitions moved money.");
        Assert.Contains("Grant", moved);
    }

    /// <summary>
    /// Mostly an action that one of the file's own people (its region's manager, the fund's owners and treasurers) may
    /// take now, as the grain lists it; otherwise anything, by anyone. Ending a file early (withdraw, reject, revoke)
    /// is picked less often, so the runs get through grants, advances, amendments and determinations.
    /// </summary>
    private static async Task<(ActorDto, ApplicationTrigger)> Choose(Random random, IApplicationGrain grain, Memo memo, bool onNational)
    {
        if (random.NextDouble() < 0.85)
        {
            ActorDto[] own =
            [
                .. Pool.Where(p => p.Reach == $"region:{memo.Region}" && p.Role == Role.PvoManager),
                .. Pool.Where(p => onNational ? p.Role == Role.Ministry : p.Role == Role.ProvincialOfficer && p.Reach == "province:Limburg"),
                .. Pool.Where(p => p.Role == Role.Treasurer && (p.Reach == "national" || (!onNational && p.Reach == "province:Limburg"))),
            ];
            for (var attempt = 0; attempt < 6; attempt++)
            {
                var candidate = own[random.Next(own.Length)];
                var reply = await grain.Get(candidate);
                Assert.True(reply.Ok, $"{candidate.UserId} may not read {memo.Id}: {reply.Reason}");
                var actions = JsonDocument.Parse(reply.Json!).RootElement.GetProperty("actions");
                if (actions.GetArrayLength() == 0)
                {
                    continue;
                }
                var name = actions[random.Next(actions.GetArrayLength())].GetString()!;
                Assert.True(ActionNames.TryParse(name, out var listed), name);
                var keep = listed switch
                {
                    ApplicationTrigger.Withdraw => 40,
                    ApplicationTrigger.Reject or ApplicationTrigger.Revoke => 15,
                    ApplicationTrigger.RequestInformation or ApplicationTrigger.ExtendDecisionTerm or ApplicationTrigger.EditDraft => 3,
                    _ => 1,
                };
                if (random.Next(keep) > 0)
                {
                    continue;
                }
                return (candidate, listed);
            }
        }
        return (Pool[random.Next(Pool.Length)], Triggers[random.Next(Triggers.Length)]);
    }

    private JsonObject? Payload(Random random, ApplicationTrigger trigger, Memo memo, JsonElement view)
    {
        var today = fixture.Clock.Today;
        var requested = Dec(view.GetProperty("requested").GetString()!);
        var figures = view.GetProperty("figures");
        var granted = Dec(figures.GetProperty("granted").GetString()!);
        var paid = Dec(figures.GetProperty("paid").GetString()!);
        string? Reason() => random.Next(8) == 0 ? null : "reden";
        switch (trigger)
        {
            case ApplicationTrigger.EditDraft:
                return new JsonObject { ["title"] = "Aangepast", ["requested"] = Money(Requests[random.Next(Requests.Length)]) };
            case ApplicationTrigger.ExtendDecisionTerm:
                return new JsonObject { ["weeks"] = random.Next(0, 10), ["reason"] = Reason() };
            case ApplicationTrigger.Grant:
                if (memo.LastGrant is { } lastGrant && random.Next(4) > 0)
                {
                    return (JsonObject)lastGrant.DeepClone();
                }
                return memo.LastGrant = NewGrant(random, today, Pick(random, requested, requested, Round(requested * 0.8m), requested + 0.01m));
            case ApplicationTrigger.PayAdvance:
            {
                var advances = view.GetProperty("advances");
                var paidCount = view.GetProperty("advancesPaid").GetInt32();
                var next = paidCount < advances.GetArrayLength() ? Dec(advances[paidCount].GetProperty("amount").GetString()!) : 1000m;
                return new JsonObject { ["amount"] = Money(random.Next(6) == 0 ? next + 0.01m : next), ["reference"] = "bank" };
            }
            case ApplicationTrigger.RequestAmendment:
            {
                var budget = Pick(random, Round(granted * 1.2m), Round(granted * 0.7m), granted, paid - 0.01m);
                var end = random.Next(3) == 0 && memo.EndDate is { } e ? e.PlusDays(30) : (LocalDate?)null;
                return new JsonObject { ["budget"] = Money(budget), ["endDate"] = end is { } d ? Iso(d) : null, ["reason"] = Reason() };
            }
            case ApplicationTrigger.ApproveAmendment:
            {
                if (memo.LastAmendmentDecision is { } lastAmend && random.Next(3) > 0)
                {
                    return (JsonObject)lastAmend.DeepClone();
                }
                var asked = memo.AskedBudget ?? granted;
                var end = memo.AskedEndDate ?? memo.EndDate ?? today.PlusDays(100);
                return memo.LastAmendmentDecision = new JsonObject
                {
                    ["budget"] = Money(Pick(random, asked, asked, Round(asked * 0.9m), asked + 0.01m)),
                    ["endDate"] = Iso(end < today ? today : end),
                    ["reason"] = "akkoord",
                };
            }
            case ApplicationTrigger.SubmitAccountability:
                return new JsonObject
                {
                    ["results"] = random.Next(6) == 0 ? null : "resultaten",
                    ["realisedCosts"] = random.Next(3) == 0 ? null : Money(Round(granted * 0.9m)),
                    ["auditorStatement"] = random.Next(3) == 0 ? null : "goedkeurend",
                    // Mostly all three documents; now and then one kind or all are missing (refused, naming the kind).
                    ["documents"] = random.Next(8) switch
                    {
                        0 => null,
                        1 => new JsonArray(memo.Documents![0]!.DeepClone(), memo.Documents[1]!.DeepClone()),
                        _ => memo.Documents!.DeepClone(),
                    },
                };
            case ApplicationTrigger.Determine:
                if (memo.LastDetermination is { } lastDetermination && random.Next(3) > 0)
                {
                    return (JsonObject)lastDetermination.DeepClone();
                }
                return memo.LastDetermination = new JsonObject
                {
                    ["amount"] = Money(Pick(random, granted, paid, Round(granted / 2m), granted + 0.01m)),
                    ["reason"] = random.Next(6) == 0 ? null : "vaststelling",
                };
            case ApplicationTrigger.RecordPayment:
            case ApplicationTrigger.RecordReclaim:
            {
                var due = Dec(figures.GetProperty(trigger == ApplicationTrigger.RecordPayment ? "payable" : "toReclaim").GetString()!);
                return new JsonObject { ["amount"] = Money(Pick(random, due, due, Round(due / 2m), due + 0.01m)), ["reference"] = "bank" };
            }
            case ApplicationTrigger.LodgeObjection:
                return new JsonObject { ["grounds"] = "bezwaar" };
            case ApplicationTrigger.ExtendObjectionTerm:
                return new JsonObject { ["reason"] = "reden", ["advisoryCommittee"] = random.Next(2) == 0 };
            case ApplicationTrigger.DecideObjection:
                return new JsonObject { ["founded"] = false, ["reason"] = "ongegrond" };
            case ApplicationTrigger.DecidePenalty:
            case ApplicationTrigger.PayPenalty:
                return new JsonObject { ["amount"] = Money(Pick(random, 23m, 322m, 1442m)) };
            case ApplicationTrigger.RecordDocument:
                // A well-formed record of a file never stored: only the upload records documents, so the grain refuses it.
                return new JsonObject { ["sha256"] = new string('a', 64), ["kind"] = "Other", ["fileName"] = "x.pdf", ["contentType"] = "application/pdf", ["size"] = 10 };
            default:
                return random.Next(5) == 0 ? null : new JsonObject { ["reason"] = Reason() };
        }
    }

    private static JsonObject NewGrant(Random random, LocalDate today, decimal amount)
    {
        var end = today.PlusDays(random.Next(0, 200));
        var tierA = amount <= 25_000.00m;
        var advances = new JsonArray();
        if (!tierA)
        {
            var count = random.Next(0, 4);
            var due = today.PlusDays(random.Next(-3, 10));
            for (var i = 0; i < count; i++)
            {
                advances.Add(new JsonObject { ["due"] = Iso(due), ["amount"] = Money(Round(amount / (count + 1))) });
                due = due.PlusDays(random.Next(0, 60));
            }
        }
        return new JsonObject
        {
            ["amount"] = Money(amount),
            ["endDate"] = Iso(end),
            ["accountabilityDue"] = tierA ? null : Iso(end.PlusDays(random.Next(0, 90))),
            ["advances"] = advances,
            ["reason"] = "commissie",
        };
    }

    private static void Remember(Memo memo, ApplicationTrigger trigger, JsonObject? payload, JsonElement after)
    {
        var state = after.GetProperty("state").GetString();
        switch (trigger)
        {
            case ApplicationTrigger.Grant when state != "UnderReview":
                memo.EndDate = LocalDate.FromDateTime(DateTime.Parse(payload!["endDate"]!.GetValue<string>(), CultureInfo.InvariantCulture));
                break;
            case ApplicationTrigger.RequestAmendment:
                memo.AskedBudget = payload!["budget"] is { } b ? Dec(b.GetValue<string>()) : null;
                memo.AskedEndDate = payload["endDate"] is { } e ? LocalDate.FromDateTime(DateTime.Parse(e.GetValue<string>(), CultureInfo.InvariantCulture)) : null;
                memo.LastAmendmentDecision = null;
                break;
            case ApplicationTrigger.ApproveAmendment when state == "Granted":
                memo.EndDate = LocalDate.FromDateTime(DateTime.Parse(payload!["endDate"]!.GetValue<string>(), CultureInfo.InvariantCulture));
                break;
        }
    }

    private async Task CreateSource(string id, string kind, string owner)
    {
        var reply = await Grains.GetGrain<IFundingSourceGrain>(id).Create(new FundingSourceDto
        {
            Id = id,
            Name = $"Bron {id}",
            Kind = kind,
            Owner = owner,
            Funder = owner == "national" ? "Ministerie van Justitie en Veiligheid" : "Provincie Limburg",
        });
        Assert.True(reply.Ok, reply.Message);
    }

    private async Task EnsureCeiling(string source, int year, HashSet<(string, int)> done)
    {
        if (done.Add((source, year)))
        {
            // Room for a handful of grants, not all: some are refused by the ceiling.
            var reply = await Grains.GetGrain<IFundingSourceGrain>(source).SetCeiling(year, 500_000_00);
            Assert.True(reply.Ok, reply.Message);
        }
    }

    /// <summary>The journals an application books in: its region's, and its fund's for the grant year once granted.</summary>
    private static List<string> Touched(Memo memo, JsonElement view)
    {
        var list = new List<string> { $"region.{memo.Region}" };
        if (view.GetProperty("grantYear") is { ValueKind: JsonValueKind.Number } year)
        {
            list.Add($"source.{memo.Source}.{year.GetInt32()}");
        }
        return list;
    }

    private async Task<string> Summaries(IEnumerable<string> journals)
    {
        var parts = new List<string>();
        foreach (var j in journals)
        {
            parts.Add((await Grains.GetGrain<ILedgerGrain>(j).GetSummary()).ToString());
        }
        return string.Join('\n', parts);
    }

    private async Task AssertJournals(IEnumerable<string> journals, bool verifyChain)
    {
        foreach (var journal in journals)
        {
            var ledger = Grains.GetGrain<ILedgerGrain>(journal);
            var balances = await ledger.GetBalances();
            Assert.True(balances.Sum(b => b.PostedBalance) == 0, $"{journal} does not balance: {string.Join(", ", balances)}");
            foreach (var budget in balances.Where(b => b.Account.StartsWith("budget:", StringComparison.Ordinal)))
            {
                Assert.True(budget.Available >= 0 && budget.PostedBalance <= 0, $"{journal}: budget overdrawn: {budget}");
                Assert.True(budget.DebitsPending == 0, $"{journal}: a reservation was left pending: {budget}");
            }
            if (verifyChain)
            {
                var chain = await ledger.VerifyChain();
                Assert.True(chain.Intact, $"{journal}: {chain.Reason}");
            }
        }
    }

    /// <summary>Per fund, year and region, the applications' figures add up to the ledger's accounts.</summary>
    private async Task AssertSumsOverApplications(List<Memo> memos)
    {
        var views = new List<(Memo Memo, JsonElement View)>();
        foreach (var memo in memos)
        {
            views.Add((memo, await View(Grains.GetGrain<IApplicationGrain>(memo.Id), Checker)));
        }
        foreach (var group in views.Where(v => v.View.GetProperty("grantYear").ValueKind == JsonValueKind.Number)
                     .GroupBy(v => (v.Memo.Source, Year: v.View.GetProperty("grantYear").GetInt32(), v.Memo.Region)))
        {
            var (source, year, region) = group.Key;
            var balances = (await Grains.GetGrain<ILedgerGrain>($"source.{source}.{year}").GetBalances()).ToDictionary(b => b.Account);
            long Of(string account) => balances.TryGetValue(account, out var b) ? b.PostedBalance : 0;
            long Sum(string figure) => group.Sum(v => Cents(v.View.GetProperty("figures").GetProperty(figure).GetString()!));
            Assert.Equal(-Of($"commitment:{source}:{year}:{region}"), Sum("open"));
            Assert.Equal(-Of($"payable:{source}:{year}:{region}"), Sum("payable"));
            Assert.Equal(Of($"receivable:{source}:{year}:{region}"), Sum("toReclaim"));
        }
        // The funding source's own figures (GET /api/funding-sources/{id}) for the year agree with its applications' figures:
        // the sources here carry nothing but these applications.
        foreach (var group in views.Where(v => v.View.GetProperty("grantYear").ValueKind == JsonValueKind.Number)
                     .GroupBy(v => (v.Memo.Source, Year: v.View.GetProperty("grantYear").GetInt32())))
        {
            var (source, year) = group.Key;
            var details = await Grains.GetGrain<IFundingSourceGrain>(source).Get();
            var figures = Assert.Single(details!.Years, y => y.Year == year);
            long Sum(string figure) => group.Sum(v => Cents(v.View.GetProperty("figures").GetProperty(figure).GetString()!));
            Assert.Equal((Sum("open"), Sum("payable"), Sum("toReclaim"), Sum("reclaimed"), Sum("paid")),
                (figures.Open, figures.Payable, figures.ToReclaim, figures.Reclaimed, figures.Paid));
            Assert.Equal(figures.Committed, figures.Released + figures.Paid + figures.Reclaimed + figures.Open + figures.Payable);
        }
        foreach (var group in views.GroupBy(v => (v.Memo.Source, v.Memo.Region)))
        {
            var (source, region) = group.Key;
            var balances = (await Grains.GetGrain<ILedgerGrain>($"region.{region}").GetBalances()).ToDictionary(b => b.Account);
            var held = balances.TryGetValue($"region:{region}:{source}", out var b) ? -b.PostedBalance : 0;
            Assert.Equal(held, group.Sum(v => Cents(v.View.GetProperty("figures").GetProperty("paid").GetString()!)));
        }
    }

    private static async Task<JsonElement> View(IApplicationGrain grain, ActorDto actor)
    {
        var reply = await grain.Get(actor);
        Assert.True(reply.Ok, $"{reply.Status} {reply.Reason}");
        return JsonDocument.Parse(reply.Json!).RootElement.Clone();
    }

    private static decimal Pick(Random random, params decimal[] options) => Math.Max(0.01m, options[random.Next(options.Length)]);

    private static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.ToZero);

    private static decimal Dec(string amount) => decimal.Parse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static long Cents(string amount) => (long)(Dec(amount) * 100m);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
