using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static PvoFinance.Http.Tests.AccessMatrix;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests.Fuzz;

/// <summary>The fuzzer's own service process, so the state it compares is only what the fuzzer and its world made.</summary>
[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<ServiceFixture>
{
    public const string Name = "fuzz";
}

/// <summary>
/// A fuzzer driven by the served OpenAPI document (<c>/openapi/v1.json</c>), against the real service on Azurite:
/// for every operation, valid requests built from the schemas (with ids of a world the access matrix sets up: a
/// national scheme and a provincial fund with ceilings, a levy, overhead, in-kind and private sources, applications
/// in several states) and mutations of them (wrong types, nulls, missing and duplicated fields, unknown fields,
/// huge and tiny numbers, non-ASCII digits, 100k strings, 10,000-deep nesting, empty and invalid UTF-8 bodies,
/// wrong content types, broken path and query parameters), each sent as every kind of caller. Seeded
/// (<c>PVO_FUZZ_SEED</c>), <c>PVO_FUZZ_REQUESTS</c> requests (5,000 by default) within <c>PVO_FUZZ_SECONDS</c>.
/// Every answer is below 500; every 4xx is a problem document with its status and a detail (and the field for a
/// body that could not be read) that names no .NET type; and no refusal changes anything (see <see cref="RefusalAuditor"/>).
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class OpenApiFuzzTests(ServiceFixture fixture, ITestOutputHelper output)
{
    private const int DefaultSeed = 13_2026;
    private const int DefaultRequests = 5_000;
    private const int DefaultSeconds = 240;
    private const int RoundSize = 100;
    private const double ValidShare = 0.12;
    private const int MinPendingForCheck = 10;
    private const int MaxExcerpt = 300;

    /// <summary>What a refusal must never show: .NET type names and exception names.</summary>
    private static readonly string[] Leaks = ["System.", "PvoFinance.", "`1", "Exception"];

    /// <summary>Path parameter values a client should not send: unknown ids, odd case, traversal, huge, non-ASCII, empty-ish.</summary>
    private static readonly string[] BadPathValues =
    [
        "fz-unknown", "ROTTERDAM", "rotterdam ", "../../etc/passwd", "..", "%", "\u0661\u0662\u0663", "\uff12\uff10\uff12\uff16", "-1", "0",
        "99999999999999999999", "null", "'; drop table x;--", "\u00e9t\u00e9", new string('x', 1_000), "a b", "<script>",
    ];

    /// <summary>Query values a client should not send.</summary>
    private static readonly string[] BadQueryValues =
    [
        "abc", "-1", "0", "99999999999999999999", "\u0661\u0662\u0663", "\uff12\uff10\uff12\uff16", "", new string('9', 1_000), "1e3", "2026-02-30",
        "true", "null", "\u00e9", "1.5", " 5",
    ];

    private sealed record Planned(ApiOperation Operation, int Column, Mutation Mutation);

    private sealed record Sent(string Method, string Path, WireBody? Body, string? Key)
    {
        public string Describe(string who)
        {
            var body = Body?.Bytes is { } b ? Encoding.UTF8.GetString(b) : "";
            return $"{Method} {Path} as {who}" + (Key is null ? "" : $" [Idempotency-Key {Key}]")
                + (Body is null ? "" : $" ({Body.ContentType ?? "no content type"}) {Excerpt(body)}");
        }
    }

    [Fact]
    public async Task Every_operation_valid_and_mutated_as_every_caller_answers_below_500_with_problems_and_refusals_change_nothing()
    {
        var seed = Setting("PVO_FUZZ_SEED", DefaultSeed);
        var target = Setting("PVO_FUZZ_REQUESTS", DefaultRequests);
        var budget = TimeSpan.FromSeconds(Setting("PVO_FUZZ_SECONDS", DefaultSeconds));
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        output.WriteLine($"fuzz seed={seed} requests={target} budget={budget.TotalSeconds}s (PVO_FUZZ_SEED, PVO_FUZZ_REQUESTS, PVO_FUZZ_SECONDS)");

        var ministry = await fixture.As(Who.Ministry);
        var document = new OpenApiOperations((await ministry.GetAsync("openapi/v1.json")).Expect(HttpStatusCode.OK).Json);
        var world = await AccessMatrixTests.World.MakeAsync(fixture);
        await MakeApplicationsAsync(world);
        var hints = Hints(world);
        var probe = new StateProbe(ministry, document);
        await probe.CalibrateAsync();
        await ProbesSeeEveryKindOfChangeAsync(probe, world);
        var setup = clock.Elapsed;

        var operations = document.Operations.Where(o => o.BodySchema is not null || o.BodyMediaType is not null || o.Parameters.Count > 0).ToList();
        Assert.True(operations.Count > 0, "The OpenAPI document has no operation with a body or parameters.");
        var auditor = new RefusalAuditor(probe.TakeAsync);
        var outcomes = new Dictionary<(string Op, Mutation Mutation), bool>();
        var stats = new FuzzStats();
        var order = new List<ApiOperation>();
        var turns = new Dictionary<string, int>(StringComparer.Ordinal);
        var met = new HashSet<(string Op, int Column)>();

        while (stats.Requests < target && clock.Elapsed - setup < budget)
        {
            var round = new List<Planned>();
            for (var i = 0; i < Math.Min(RoundSize, target - stats.Requests); i++)
            {
                if (order.Count == 0)
                {
                    order.AddRange(operations.OrderBy(_ => random.Next()));
                }
                var op = order[^1];
                order.RemoveAt(order.Count - 1);
                // Each operation goes through the callers in turn (from a random start), so every one meets every caller.
                var turn = turns[op.Key] = turns.TryGetValue(op.Key, out var t) ? t + 1 : random.Next(Columns.Length);
                round.Add(new Planned(op, turn % Columns.Length, ChooseMutation(op, random)));
            }
            // Expected refusals first, compared as one group; then what may succeed, each after a comparison.
            // Learned per operation and mutation: once any caller got a 2xx for it, it may succeed again.
            bool Likely(Planned p) => p.Operation.Writes && (outcomes.TryGetValue((p.Operation.Key, p.Mutation), out var ok) ? ok : p.Mutation == Mutation.Valid);
            var firstLikely = true;
            await auditor.CheckAsync();
            await auditor.EnsureBaselineAsync();
            foreach (var planned in round.OrderBy(p => Likely(p) ? 1 : 0))
            {
                if (Likely(planned) && auditor.Pending > 0 && (firstLikely || auditor.Pending >= MinPendingForCheck))
                {
                    await auditor.CheckAsync();
                    firstLikely = false;
                }
                var who = Columns[planned.Column];
                var sent = Build(planned, document, probe, hints, random);
                var reply = await SendAsync(await fixture.As(who.Who), sent);
                var status = (int)reply.Status;
                var description = sent.Describe(who.Key);
                stats.Count(planned.Operation.Key, planned.Mutation, status);
                met.Add((planned.Operation.Key, planned.Column));
                foreach (var problem in Judge(reply, planned, sent))
                {
                    stats.Finding(problem, $"{planned.Operation.Key} {planned.Mutation} → {status}: {problem}", $"{description}\n    → {status} {reply.ContentType} {Excerpt(reply.Text)}");
                }
                if (planned.Mutation == Mutation.Valid && status >= 400 && who.Who.Role is not null && status != 403)
                {
                    stats.ValidRefused(planned.Operation.Key, $"{description}\n    → {status} {Excerpt(reply.Text)}");
                }
                if (status is >= 200 and < 300 && planned.Operation.Writes && planned.Mutation != Mutation.Valid)
                {
                    stats.Accepted($"{planned.Operation.Key} {planned.Mutation}", $"{description}\n    → {status} {Excerpt(reply.Text)}");
                }
                outcomes[(planned.Operation.Key, planned.Mutation)] = outcomes.GetValueOrDefault((planned.Operation.Key, planned.Mutation)) || status is >= 200 and < 300;
                await auditor.RecordAsync(description, status, planned.Operation.Writes);
            }
        }
        await auditor.CheckAsync();
        var duration = clock.Elapsed;

        var summary = $"fuzz requests={stats.Requests} 2xx={stats.ByClass(2)} 3xx={stats.ByClass(3)} 4xx={stats.ByClass(4)} 5xx={stats.ByClass(5)} "
            + $"bad-answers={stats.FindingCount} state-changes-on-refusal={auditor.InChangedGroups} verified-refusals={auditor.Verified} "
            + $"unverified-refusals={auditor.Unverified} snapshots={probe.Taken} accepted-mutations={stats.AcceptedCount} operations={operations.Count} "
            + $"seed={seed} setup={setup.TotalSeconds:0}s duration={duration.TotalSeconds:0}s";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        output.WriteLine(stats.Report());
        if (probe.Volatile.Count > 0)
        {
            output.WriteLine("left out of the snapshots (read differently with nothing sent): " + string.Join(", ", probe.Volatile));
        }

        var failures = new List<string>();
        if (stats.Requests < Math.Min(target, DefaultRequests))
        {
            failures.Add($"Only {stats.Requests} of {target} requests were sent within {budget.TotalSeconds} s (PVO_FUZZ_SECONDS).");
        }
        failures.AddRange(operations.Where(o => stats.Sent(o.Key) == 0).Select(o => $"{o.Key} was never sent."));
        if (stats.Requests >= operations.Count * Columns.Length)
        {
            failures.AddRange(operations.SelectMany(o => Columns.Select((c, i) => (o, c, i))).Where(x => !met.Contains((x.o.Key, x.i)))
                .Select(x => $"{x.o.Key} was never sent as {x.c.Key}."));
        }
        if (stats.FindingCount > 0)
        {
            failures.Add(stats.Findings());
        }
        failures.AddRange(auditor.Changes.Select(c => "A group of refusals changed the state: " + c));
        // The comparison must really have judged most refusals, else "no change" would say nothing.
        var refusals = auditor.Verified + auditor.Unverified + auditor.InChangedGroups;
        if (auditor.Verified * 2 < refusals)
        {
            failures.Add($"Only {auditor.Verified} of {refusals} refusals were compared before and after; the rounds need reordering.");
        }
        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n\n", failures));
    }

    /// <summary>Applications in more states than the world's own: two drafts, one under review, two granted, one with its advance paid.</summary>
    private async Task MakeApplicationsAsync(AccessMatrixTests.World world)
    {
        foreach (var (state, key) in new[] { ("Draft", "fz-a"), ("Draft", "fz-b"), ("UnderReview", "fz"), ("Granted", "fz"), ("Granted", "fz-paid") })
        {
            await world.ApplicationAsync(state, key);
        }
        var treasurer = await fixture.As(Who.Treasurer("national"));
        await treasurer.Act(await world.ApplicationAsync("Granted", "fz-paid"), "pay-advance", Amount("20000.00", "bank"));
    }

    /// <summary>
    /// Proves the snapshots can fail: writes that succeed are recorded as if refused, and each must show as a change —
    /// a ledger entry, a source's definition, a scenario's new version, an application's action, a region's profile.
    /// </summary>
    private async Task ProbesSeeEveryKindOfChangeAsync(StateProbe probe, AccessMatrixTests.World world)
    {
        var ministry = await fixture.As(Who.Ministry);
        var manager = await fixture.As(Who.Manager(Region));
        var y = int.Parse(ThisYear, CultureInfo.InvariantCulture);
        var profile = world.Profile.DeepClone().AsObject();
        profile["notes"] = "changed by the fuzzer's self-check";
        var writes = new (string What, Func<Task<Reply>> Send)[]
        {
            ("a ledger entry", () => ministry.PostEntryAsync(world.Journal, "post", "fz-selfcheck", $"{y}-02-01", ("cash:fz:bank", "0.01"), ("income:fz:gift", "-0.01"))),
            ("a source's definition", () => ministry.PutJsonAsync($"api/funding-sources/{world.Nat}", world.NatBody("Fuzzer self-check"))),
            ("a scenario's version", () => ministry.PutJsonAsync($"api/planning/scenarios/{world.Scenario}", new JsonObject { ["name"] = "Fuzzer self-check" })),
            ("an application's action", async () => await manager.TryAct(await world.ApplicationAsync("Draft", "fz-selfcheck"), "submit")),
            ("a region's profile", () => manager.PutJsonAsync($"api/regions/{Region}/profile", profile)),
        };
        // The draft exists before the auditor's first snapshot, so only the action is new.
        await world.ApplicationAsync("Draft", "fz-selfcheck");
        var auditor = new RefusalAuditor(probe.TakeAsync);
        foreach (var (what, send) in writes)
        {
            await auditor.EnsureBaselineAsync();
            var reply = await send();
            Assert.True((int)reply.Status is >= 200 and < 300, $"The self-check's write of {what} failed: {reply.Describe()}");
            var before = auditor.Changes.Count;
            await auditor.RecordAsync(what, 422, writes: true);
            await auditor.CheckAsync();
            Assert.True(auditor.Changes.Count == before + 1, $"The snapshots did not see {what} change: a refusal that changed it would go unnoticed. "
                + $"Read: {string.Join(", ", (await probe.TakeAsync()).Answers.Keys)}; left out: {string.Join(", ", probe.Volatile)}");
        }
    }

    private static FuzzHints Hints(AccessMatrixTests.World world)
    {
        var y = int.Parse(ThisYear, CultureInfo.InvariantCulture);
        var hints = new FuzzHints { Year = y, Today = Today };
        string[] sources = [world.Prov, world.Nat, world.Levy, world.Ovh, world.Ink, world.Priv];
        hints["region"] = hints["regionId"] = [Region, Region, OtherRegion];
        hints["province"] = [Province];
        hints["fundingSource"] = hints["source"] = sources;
        hints["intermediary"] = ["ccv"];
        hints["kind"] = ["national-scheme", "provincial-fund", "municipal-levy", "project-overhead", "in-kind", "private", "post", "reserve"];
        hints["role"] = ["ministry", "pvo-manager", "provincial-officer", "treasurer"];
        hints["scope"] = ["national", $"region:{Region}"];
        hints["journalId"] = hints["fromJournal"] = hints["toJournal"] = [world.Journal, $"{world.Journal}-b"];
        hints["transferId"] = [world.Transfer, FuzzHints.FreshId(new Random(1))];
        hints["projectId"] = [world.Project];
        hints["file"] = ["transactions.csv", "projects.csv", "budgets.csv", "transactions.manifest.json"];
        hints["export"] = ["transactions", "projects", "budgets"];
        hints["action"] = HostileInputTests.Actions;
        hints["debtor"] = hints["code"] = hints["participant"] = [AccessMatrixTests.World.Debtor];
        hints["account"] = hints["debitAccount"] = hints["creditAccount"] = ["budget:ax:2026", "region:ax:funds", "cash:fz:bank", "income:fz:gift"];
        hints["mode"] = ["per-inhabitant", "co-financing-rate"];
        hints["scenario"] = hints["scenarios"] = ["status-quo", world.Scenario];
        hints["state"] = ["Draft", "UnderReview", "Granted"];
        hints["overdue"] = ["true", "false"];
        hints["form"] = ["Stichting", "Vereniging"];
        hints["levyRate"] = ["0.25"];
        hints["hourlyRate"] = ["50.00"];
        hints["overhead"] = ["10"];
        hints["maxCofinancing"] = ["0.5"];
        hints["managerFte"] = ["0.50"];
        hints["ccvAdviserDaysPerWeek"] = ["2.0"];
        hints["hours"] = ["1"];
        hints["user"] = ["fz-user"];
        return hints;
    }

    private static Mutation ChooseMutation(ApiOperation op, Random random)
    {
        var json = op.BodyMediaType?.Contains("json", StringComparison.Ordinal) == true;
        var choices = new List<Mutation>();
        choices.AddRange(op.BodyMediaType is null ? op.Writes ? [Mutation.UnexpectedBody] : [] : json ? Mutations.OfJsonBody : Mutations.OfTextBody);
        if (op.PathParameters.Any())
        {
            choices.Add(Mutation.PathParameter);
        }
        choices.Add(Mutation.QueryParameter);
        return random.NextDouble() < ValidShare ? Mutation.Valid : choices[random.Next(choices.Count)];
    }

    private static Sent Build(Planned planned, OpenApiOperations document, StateProbe probe, FuzzHints hints, Random random)
    {
        var op = planned.Operation;
        var path = op.Path;
        var pathParameters = op.PathParameters.ToList();
        var broken = planned.Mutation == Mutation.PathParameter ? pathParameters[random.Next(pathParameters.Count)] : null;
        foreach (var p in pathParameters)
        {
            var placeholder = "{" + p.Name + "}";
            var value = p == broken ? BadPathValues[random.Next(BadPathValues.Length)] : PathValue(op, p, probe, hints, random);
            path = path.Replace(placeholder, Uri.EscapeDataString(value), StringComparison.Ordinal);
        }
        var query = new List<string>();
        var queryParameters = op.QueryParameters.ToList();
        if (planned.Mutation == Mutation.QueryParameter)
        {
            var name = queryParameters.Count > 0 ? queryParameters[random.Next(queryParameters.Count)].Name : "fuzz";
            var bad = BadQueryValues[random.Next(BadQueryValues.Length)];
            query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(bad)}");
            if (random.Next(4) == 0)
            {
                query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(BadQueryValues[random.Next(BadQueryValues.Length)])}");
            }
        }
        else
        {
            foreach (var p in queryParameters.Where(p => p.Required || random.Next(2) == 0))
            {
                var types = OpenApiOperations.Types(document.Resolve(p.Schema));
                var value = types.Contains("integer") ? hints.Integer(p.Name, random).ToString(CultureInfo.InvariantCulture) : hints.String(p.Name, random);
                if (value is not null)
                {
                    query.Add($"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(value)}");
                }
            }
        }
        if (query.Count > 0)
        {
            path += "?" + string.Join('&', query);
        }

        WireBody? body = null;
        var bodyMutation = planned.Mutation is Mutation.PathParameter or Mutation.QueryParameter or Mutation.Valid ? Mutation.Valid : planned.Mutation;
        if (op.BodyMediaType is { } media && media.Contains("json", StringComparison.Ordinal))
        {
            var values = new ValidValues(document, hints, random);
            var valid = op.BodySchema is { } schema ? values.Build(schema, "body") : new JsonObject();
            body = bodyMutation == Mutation.Valid
                ? new WireBody(Encoding.UTF8.GetBytes(valid?.ToJsonString() ?? "null"), media, null)
                : Mutations.Apply(bodyMutation, valid, values.Schemas, random);
        }
        else if (op.BodyMediaType is { } text)
        {
            const string csv = "a,b\n1,2\n";
            body = bodyMutation == Mutation.Valid ? new WireBody(Encoding.UTF8.GetBytes(csv), text, null) : Mutations.ApplyText(bodyMutation, csv, text, random);
        }
        else if (bodyMutation == Mutation.UnexpectedBody)
        {
            body = Mutations.Apply(Mutation.UnexpectedBody, null, new Dictionary<JsonNode, JsonElement>(), random);
        }
        var key = op.Parameters.Any(p => p.In == "header" && p.Name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase)) && random.Next(3) == 0
            ? $"fz-key-{random.Next(8)}"
            : null;
        return new Sent(op.Method, path, body, key);
    }

    /// <summary>A real value for a path parameter: an id the list in front of it answered, else a hint by name.</summary>
    private static string PathValue(ApiOperation op, ApiParameter p, StateProbe probe, FuzzHints hints, Random random)
    {
        var list = op.Path[..op.Path.IndexOf("{" + p.Name + "}", StringComparison.Ordinal)].TrimEnd('/');
        if (probe.Ids.TryGetValue(list, out var ids) && ids.Length > 0)
        {
            return ids[random.Next(ids.Length)];
        }
        if (hints[p.Name].Length > 0)
        {
            return hints[p.Name][random.Next(hints[p.Name].Length)];
        }
        return OpenApiOperations.Types(p.Schema).Contains("integer")
            ? (hints.Integer(p.Name, random) + random.Next(2)).ToString(CultureInfo.InvariantCulture)
            : FuzzHints.FreshId(random);
    }

    private static async Task<Reply> SendAsync(LedgerApi api, Sent sent)
    {
        using var request = new HttpRequestMessage(new HttpMethod(sent.Method), sent.Path.TrimStart('/'));
        if (sent.Body?.Bytes is { } bytes)
        {
            var content = new ByteArrayContent(bytes);
            if (sent.Body.ContentType is { } type)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", type.Contains("json", StringComparison.Ordinal) || type.StartsWith("text/", StringComparison.Ordinal) ? type + "; charset=utf-8" : type);
            }
            request.Content = content;
        }
        if (sent.Key is not null)
        {
            request.Headers.Add("Idempotency-Key", sent.Key);
        }
        return await api.SendAsync(request);
    }

    /// <summary>What is wrong with an answer: none for a 2xx/3xx or a well-formed refusal.</summary>
    private static IEnumerable<string> Judge(Reply reply, Planned planned, Sent sent)
    {
        var status = (int)reply.Status;
        if (status >= 500)
        {
            yield return "an answer ≥ 500";
            yield break;
        }
        if (status < 400)
        {
            yield break;
        }
        foreach (var leak in Leaks.Where(l => reply.Text.Contains(l, StringComparison.Ordinal)))
        {
            yield return $"the refusal names '{leak}'";
        }
        if (reply.ContentType != "application/problem+json")
        {
            yield return $"not a problem document ({reply.ContentType ?? "no content type"})";
            yield break;
        }
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(reply.Text).RootElement.Clone();
        }
        catch (JsonException)
        {
            json = default;
        }
        if (json.ValueKind != JsonValueKind.Object)
        {
            yield return "the problem document is not a JSON object";
            yield break;
        }
        if (!json.TryGetProperty("status", out var s) || !s.TryGetInt32(out var st) || st != status)
        {
            yield return "the problem's status is missing or differs from the answer's";
        }
        if (!json.TryGetProperty("detail", out var d) || d.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(d.GetString()))
        {
            yield return "the problem has no detail";
        }
        var bodyProblem = status == 400 && sent.Body is not null && planned.Mutation is not (Mutation.Valid or Mutation.PathParameter or Mutation.QueryParameter);
        if (bodyProblem && (!json.TryGetProperty("field", out var f) || f.ValueKind != JsonValueKind.String))
        {
            yield return "a body the service could not read, but the problem names no field";
        }
    }

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static string Excerpt(string text)
    {
        var flat = text.Replace('\n', ' ');
        return flat.Length <= MaxExcerpt ? flat : flat[..MaxExcerpt] + $"… ({flat.Length} chars)";
    }

    /// <summary>The counts the fuzzer prints, and the findings it fails on (one example per kind).</summary>
    private sealed class FuzzStats
    {
        private const int MaxFindingsShown = 60;
        private readonly Dictionary<int, int> _byClass = [];
        private readonly SortedDictionary<string, int[]> _byOperation = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, (int Count, string Example)> _findings = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, (int Count, string Example)> _accepted = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, string> _validRefused = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _byProblem = new(StringComparer.Ordinal);

        public int Requests { get; private set; }

        public int FindingCount => _findings.Values.Sum(f => f.Count);

        public int AcceptedCount => _accepted.Values.Sum(f => f.Count);

        public int ByClass(int c) => _byClass.GetValueOrDefault(c);

        public int Sent(string op) => _byOperation.TryGetValue(op, out var c) ? c[2..].Sum() : 0;

        public void Count(string op, Mutation mutation, int status)
        {
            Requests++;
            _byClass[status / 100] = ByClass(status / 100) + 1;
            if (!_byOperation.TryGetValue(op, out var counts))
            {
                _byOperation[op] = counts = new int[6];
            }
            counts[Math.Clamp(status / 100, 0, 5)]++;
            if (mutation == Mutation.Valid)
            {
                counts[0]++;
                counts[1] += status is >= 200 and < 300 ? 1 : 0;
            }
        }

        public void Finding(string problem, string kind, string example)
        {
            _findings[kind] = _findings.TryGetValue(kind, out var f) ? (f.Count + 1, f.Example) : (1, example);
            _byProblem[problem] = _byProblem.GetValueOrDefault(problem) + 1;
        }

        /// <summary>The first valid request per operation that a caller with a token saw refused other than 403: how well the document's schemas let a client build a body.</summary>
        public void ValidRefused(string op, string example) => _validRefused.TryAdd(op, example);

        public void Accepted(string kind, string example) => _accepted[kind] = _accepted.TryGetValue(kind, out var f) ? (f.Count + 1, f.Example) : (1, example);

        public string Findings() =>
            $"{FindingCount} bad answer(s) ({string.Join("; ", _byProblem.Select(p => $"{p.Key} ×{p.Value}"))}), {_findings.Count} kind(s):\n" + string.Join("\n", _findings.Take(MaxFindingsShown).Select(f => $"- {f.Key} (×{f.Value.Count})\n    {f.Value.Example}"));

        public string Report()
        {
            // counts: [0] valid requests, [1] valid ones answered 2xx, [2..5] answers by class.
            var text = new StringBuilder("by operation (requests: 2xx/3xx/4xx/5xx; valid requests: 2xx of them):\n");
            foreach (var (op, c) in _byOperation)
            {
                text.Append("  ").Append(op).Append(": ").Append(c[2..].Sum()).Append(": ").Append(c[2]).Append('/').Append(c[3]).Append('/').Append(c[4]).Append('/').Append(c[5])
                    .Append("; valid ").Append(c[0]).Append(": ").Append(c[1]).Append('\n');
            }
            if (_accepted.Count > 0)
            {
                text.Append($"mutated writes the service accepted (2xx; for strict input to refuse), {_accepted.Count} kind(s):\n");
                foreach (var (kind, (count, example)) in _accepted)
                {
                    text.Append("  ").Append(kind).Append(" ×").Append(count).Append("\n    ").Append(example).Append('\n');
                }
            }
            if (_validRefused.Count > 0)
            {
                text.Append("valid requests refused (the first per operation; 403s left out):\n");
                foreach (var (op, example) in _validRefused)
                {
                    text.Append("  ").Append(op).Append("\n    ").Append(example).Append('\n');
                }
            }
            if (_findings.Count > 0)
            {
                text.Append(Findings());
            }
            return text.ToString();
        }
    }
}
