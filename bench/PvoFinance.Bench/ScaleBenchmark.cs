using System.Globalization;
using System.Text.Json.Nodes;
using PvoFinance.Applications;

namespace PvoFinance.Bench;

/// <summary>
/// <c>./bench.sh scale</c> (issue 14, item 6): the running service driven over HTTP at full sizes, and one silo in this
/// process for the journal activation, figures side by side in one run:
/// (1) 10,000 applications in one region (drafts, every tenth submitted), then the region's list paged through, whole
/// and with each filter, against what was created; (2) grants in that region against grants in a region with 10
/// applications, interleaved, medians; (3) activating a journal of 100,000 entries against an empty one;
/// (4) one application with 500 transitions (200 advances with 2,000-character references) and one source with
/// 10,000 commitments, with the largest stored grain state. Every size is overridable by its environment variable.
/// </summary>
internal static class ScaleBenchmark
{
    private sealed record Options(int Applications, int SubmitEvery, int Concurrency, int PageSize, int Grants, int SmallRegionApplications,
        int Transitions, int Advances, int Commitments, int JournalEntries, int ActivationSamples, string Phases)
    {
        public static Options FromEnvironment() => new(
            Read("PVO_BENCH_SCALE_APPLICATIONS", 10_000),
            Read("PVO_BENCH_SCALE_SUBMIT_EVERY", 10),
            Read("PVO_BENCH_SCALE_CONCURRENCY", 16),
            Read("PVO_BENCH_SCALE_PAGE_SIZE", 200),
            Read("PVO_BENCH_SCALE_GRANTS", 50),
            Read("PVO_BENCH_SCALE_SMALL_REGION_APPLICATIONS", 10),
            Read("PVO_BENCH_SCALE_TRANSITIONS", 500),
            Read("PVO_BENCH_SCALE_ADVANCES", 200),
            Read("PVO_BENCH_SCALE_COMMITMENTS", 10_000),
            Read("PVO_BENCH_SCALE_JOURNAL_ENTRIES", 100_000),
            Read("PVO_BENCH_SCALE_ACTIVATION_SAMPLES", 5),
            Environment.GetEnvironmentVariable("PVO_BENCH_SCALE_PHASES") is { Length: > 0 } p ? p : "1,2,3,4");
    }

    public static async Task<int> RunAsync(Uri service, string storageConnection, string tablePrefix)
    {
        var o = Options.FromEnvironment();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = service, Timeout = TimeSpan.FromSeconds(120) };
        var client = new ScaleClient(http);
        var ministry = await client.TokenAsync(new { role = "ministry", user = "scale-ministry" });
        var treasurer = await client.TokenAsync(new { role = "treasurer", scope = "national", user = "scale-treasurer" });
        var regionsJson = (await client.MustAsync(ministry, HttpMethod.Get, "/api/regions")).Json;
        var regions = (regionsJson as JsonArray ?? regionsJson.AsObject().Select(p => p.Value).OfType<JsonArray>().First())
            .Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        var big = Environment.GetEnvironmentVariable("PVO_BENCH_SCALE_REGION") is { Length: > 0 } r1 ? r1 : regions[0];
        var small = Environment.GetEnvironmentVariable("PVO_BENCH_SCALE_SMALL_REGION") is { Length: > 0 } r2 ? r2 : regions[^1];
        var s = new Scale(client, o.Concurrency, ministry, treasurer,
            await client.TokenAsync(new { role = "pvo-manager", region = big, user = $"scale-manager-{big}" }),
            await client.TokenAsync(new { role = "pvo-manager", region = small, user = $"scale-manager-{small}" }),
            big, small, Guid.NewGuid().ToString("N")[..6], Today());
        Console.WriteLine($"PvoFinance scale benchmark (issue 14): region {big} gets {o.Applications:N0} applications, region {small} {o.SmallRegionApplications}; "
            + $"concurrency {o.Concurrency}, phases {o.Phases}, {Environment.ProcessorCount} cores shared with the service and Azurite");

        var summary = new List<string>();
        var failed = false;
        if (o.Phases.Contains('1'))
        {
            var (line, ok) = await ApplicationsInOneRegionAsync(s, o);
            summary.Add(line);
            failed |= !ok;
        }
        if (o.Phases.Contains('2'))
        {
            summary.Add(await GrantCostAsync(s, o));
        }
        if (o.Phases.Contains('4'))
        {
            summary.Add(await LongApplicationAsync(s, o));
            summary.Add(await ManyCommitmentsAsync(s, o));
            summary.Add(await ScaleStateSizes.PrintAsync(storageConnection, tablePrefix));
        }
        if (o.Phases.Contains('3'))
        {
            summary.Add(await JournalActivationBenchmark.RunAsync(storageConnection, o.JournalEntries, o.ActivationSamples));
        }
        Console.WriteLine("scale " + string.Join(" ", summary));
        return failed ? 1 : 0;
    }

    /// <summary>What every phase shares: the client, the callers, the two regions, this run's id prefix and today.</summary>
    internal sealed record Scale(ScaleClient Client, int Concurrency, string Ministry, string Treasurer, string BigManager, string SmallManager,
        string Big, string Small, string Run, DateOnly Today)
    {
        public string Manager(string region) => region == Big ? BigManager : SmallManager;
    }

    // Phase 1: creates, then the list: whole, by state, due before a date, both, and in odd page sizes.
    private static async Task<(string Line, bool Ok)> ApplicationsInOneRegionAsync(Scale s, Options o)
    {
        Console.WriteLine($"(1) {o.Applications:N0} applications in {s.Big}, every {o.SubmitEvery}th submitted");
        var fund = await FundAsync(s, "apps");
        var ids = Enumerable.Range(0, o.Applications).Select(i => $"s{s.Run}-{i:D6}").ToArray();
        var submitted = ids.Where((_, i) => i % o.SubmitEvery == o.SubmitEvery - 1).ToHashSet(StringComparer.Ordinal);
        var createMs = new double[ids.Length];
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        long ok = 0, submittedOk = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await ScaleClient.ForEachAsync(ids.Length, o.Concurrency, async i =>
        {
            var a = await CreateAsync(s, ids[i], s.Big, fund);
            createMs[i] = a.Ms;
            if (!a.Ok)
            {
                errors.Enqueue($"create {ids[i]} → {a.Short}");
                return;
            }
            Interlocked.Increment(ref ok);
            if (submitted.Contains(ids[i]))
            {
                var sub = await s.Client.SendRetryingAsync(s.BigManager, HttpMethod.Post, $"/api/applications/{ids[i]}/submit", new JsonObject { ["reason"] = "compleet" }, $"{ids[i]}-submit");
                if (sub.Ok)
                {
                    Interlocked.Increment(ref submittedOk);
                }
                else
                {
                    errors.Enqueue($"submit {ids[i]} → {sub.Short}");
                }
            }
        });
        var seconds = started.Elapsed.TotalSeconds;
        foreach (var e in errors.Take(5))
        {
            Console.WriteLine($"  error: {e}");
        }
        var tenth = Math.Max(1, ids.Length / 10);
        Console.WriteLine(Inv($"  creates: {ok:N0} of {ids.Length:N0} answered 2xx ({errors.Count} errors) in {seconds:F0} s = {ids.Length / seconds:F0}/s; p50 {ScaleClient.Percentile(createMs, 0.5):F1} ms, p99 {ScaleClient.Percentile(createMs, 0.99):F1}; ")
            + Inv($"first {tenth:N0} p50 {ScaleClient.Percentile(createMs.Take(tenth), 0.5):F1} ms, last {tenth:N0} p50 {ScaleClient.Percentile(createMs.TakeLast(tenth), 0.5):F1} ms; submitted {submittedOk:N0}; 503 answers retried with the same request {s.Client.Retries:N0}"));

        // The list may be written off the request's path: wait (bounded) until it shows every application.
        var wait = System.Diagnostics.Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(Read("PVO_BENCH_SCALE_LIST_WAIT_SECONDS", 120));
        var all = await ListAsync(s, "", o.PageSize);
        while (all.Items.Count(i => i.Id.StartsWith($"s{s.Run}-", StringComparison.Ordinal)) < ok && wait.Elapsed < limit)
        {
            await Task.Delay(2_000);
            all = await ListAsync(s, "", o.PageSize);
        }
        var expected = ids.ToList();
        var listed = all.Items.Select(i => i.Id).ToList();
        var exact = listed.SequenceEqual(expected, StringComparer.Ordinal);
        Console.WriteLine(Inv($"  list (pageSize {o.PageSize}): {listed.Count:N0} listed in {all.PageMs.Count} pages, exactly the created ones in id order: {(exact ? "yes" : "NO")}; ")
            + Inv($"per page p50 {ScaleClient.Percentile(all.PageMs, 0.5):F1} ms, p99 {ScaleClient.Percentile(all.PageMs, 0.99):F1}, max {all.PageMs.DefaultIfEmpty().Max():F1}; ")
            + Inv($"first page {all.PageMs.FirstOrDefault():F1} ms, last {all.PageMs.LastOrDefault():F1} ms; complete {wait.Elapsed.TotalSeconds:F1} s after the last create"));

        var far = s.Today.AddDays(400).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var todayText = s.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var dueFar = all.Items.Where(i => i.NextDue is { } d && string.CompareOrdinal(d, far) < 0).Select(i => i.Id).ToList();
        var dueToday = all.Items.Where(i => i.NextDue is { } d && string.CompareOrdinal(d, todayText) < 0).Select(i => i.Id).ToList();
        (string Query, List<string> Expected)[] filters =
        [
            ("&state=Submitted", [.. expected.Where(submitted.Contains)]),
            ("&state=draft", [.. expected.Where(i => !submitted.Contains(i))]),
            ($"&dueBefore={far}", dueFar),
            ($"&dueBefore={todayText}", dueToday),
            ($"&state=Submitted&dueBefore={far}", [.. dueFar.Where(submitted.Contains)]),
        ];
        var filtersExact = exact;
        foreach (var (query, want) in filters)
        {
            foreach (var size in new[] { o.PageSize, 37 })
            {
                var page = await ListAsync(s, query, size);
                var got = page.Items.Select(i => i.Id).ToList();
                var same = got.SequenceEqual(want, StringComparer.Ordinal) && (query.Contains("state=S") ? page.Items.All(i => i.State == "Submitted") : true);
                filtersExact &= same;
                Console.WriteLine(Inv($"  list{query} pageSize {size}: {got.Count:N0} in {page.PageMs.Count} pages (expected {want.Count:N0}) exact: {(same ? "yes" : "NO")}; per page p50 {ScaleClient.Percentile(page.PageMs, 0.5):F1} ms, max {page.PageMs.DefaultIfEmpty().Max():F1}"));
            }
        }
        var allOk = ok == ids.Length && errors.IsEmpty && filtersExact;
        return (Inv($"applications={o.Applications} creates-2xx={ok} list-exact={(filtersExact ? "yes" : "no")} list page p50 ms={ScaleClient.Percentile(all.PageMs, 0.5):F1} list page max ms={all.PageMs.DefaultIfEmpty().Max():F1}"), allOk);
    }

    private sealed record Listed(string Id, string State, string? NextDue);

    private sealed record ListResult(List<Listed> Items, List<double> PageMs);

    private static async Task<ListResult> ListAsync(Scale s, string query, int pageSize)
    {
        var items = new List<Listed>();
        var pageMs = new List<double>();
        string? next = null;
        do
        {
            var path = $"/api/applications?region={s.Big}&pageSize={pageSize}{query}" + (next is null ? "" : $"&continuation={Uri.EscapeDataString(next)}");
            var a = await s.Client.MustAsync(s.BigManager, HttpMethod.Get, path);
            pageMs.Add(a.Ms);
            var json = a.Json;
            foreach (var item in json["applications"]!.AsArray())
            {
                items.Add(new Listed(item!["id"]!.GetValue<string>(), item["state"]!.GetValue<string>(), item["next"]?["due"]?.GetValue<string>()));
            }
            next = json["next"]?.GetValue<string>();
        }
        while (next is not null && pageMs.Count < 100_000);
        return new ListResult(items, pageMs);
    }

    // Phase 2: the same grant in the big region and in the small one, interleaved, one at a time.
    private static async Task<string> GrantCostAsync(Scale s, Options o)
    {
        Console.WriteLine($"(2) {o.Grants} grants in {s.Big} against {o.Grants} in {s.Small} ({o.SmallRegionApplications} other applications there), one national scheme each, interleaved");
        var fundBig = await FundAsync(s, "grant-big");
        var fundSmall = await FundAsync(s, "grant-small");
        await ScaleClient.ForEachAsync(o.SmallRegionApplications, o.Concurrency, async i =>
        {
            var a = await CreateAsync(s, $"t{s.Run}-{i:D4}", s.Small, fundSmall);
            if (!a.Ok)
            {
                throw new InvalidOperationException($"create in {s.Small} → {a.Short}");
            }
        });
        async Task<string> ReviewedAsync(string region, string fund, int i)
        {
            var id = $"g{s.Run}-{region}-{i:D3}";
            await s.Client.MustAsync(s.Manager(region), HttpMethod.Post, "/api/applications", CreateBody(id, region, fund, "Keurmerk"));
            await s.Client.MustAsync(s.Manager(region), HttpMethod.Post, $"/api/applications/{id}/submit", new JsonObject { ["reason"] = "compleet" }, $"{id}-submit");
            await s.Client.MustAsync(s.Ministry, HttpMethod.Post, $"/api/applications/{id}/start-review", new JsonObject(), $"{id}-review");
            return id;
        }
        var bigIds = new string[o.Grants];
        var smallIds = new string[o.Grants];
        await ScaleClient.ForEachAsync(o.Grants, o.Concurrency, async i =>
        {
            bigIds[i] = await ReviewedAsync(s.Big, fundBig, i);
            smallIds[i] = await ReviewedAsync(s.Small, fundSmall, i);
        });
        var bigMs = new List<double>();
        var smallMs = new List<double>();
        var errors = 0;
        for (var i = 0; i < o.Grants; i++)
        {
            // Alternate which goes first, so neither region always follows the other.
            foreach (var (id, into) in i % 2 == 0 ? new[] { (bigIds[i], bigMs), (smallIds[i], smallMs) } : [(smallIds[i], smallMs), (bigIds[i], bigMs)])
            {
                var a = await s.Client.SendAsync(s.Ministry, HttpMethod.Post, $"/api/applications/{id}/grant", GrantBody(s.Today, "30000.00", 1), $"{id}-grant");
                into.Add(a.Ms);
                if (!a.Ok && errors++ < 3)
                {
                    Console.WriteLine($"  error: grant {id} → {a.Short}");
                }
            }
        }
        var (mBig, mSmall) = (ScaleClient.Percentile(bigMs, 0.5), ScaleClient.Percentile(smallMs, 0.5));
        var ratio = mBig / Math.Max(mSmall, 0.001);
        Console.WriteLine(Inv($"  grant in {s.Big}: p50 {mBig:F1} ms, p90 {ScaleClient.Percentile(bigMs, 0.9):F1}; in {s.Small}: p50 {mSmall:F1} ms, p90 {ScaleClient.Percentile(smallMs, 0.9):F1}; errors {errors}"));
        Console.WriteLine(Inv($"grant cost ratio={ratio:F2} (median grant in the region with {o.Applications:N0} applications / in the region with {o.SmallRegionApplications}; goal <= 1.2)"));
        return Inv($"grant cost ratio={ratio:F2} grant p50 ms big={mBig:F1} small={mSmall:F1}");
    }

    // Phase 4a: one application through as many transitions as asked: draft edits, submit, review, a grant with many
    // advances, each paid with a reference of the longest text allowed.
    private static async Task<string> LongApplicationAsync(Scale s, Options o)
    {
        var id = $"l{s.Run}";
        var fund = await FundAsync(s, "long");
        var edits = Math.Max(0, o.Transitions - o.Advances - 4);
        Console.WriteLine($"(4a) one application, {o.Transitions} transitions: create, {edits} draft edits, submit, start review, a grant of {o.Advances} advances, {o.Advances} advances paid with {ApplicationLimits.MaxTextLength:N0}-character references");
        var done = 0;
        string? refusal = null;
        var ms = new List<double>();
        async Task<bool> Step(string token, string action, JsonNode body, string key)
        {
            var a = await s.Client.SendRetryingAsync(token, HttpMethod.Post, $"/api/applications/{id}/{action}", body, key);
            ms.Add(a.Ms);
            if (a.Ok)
            {
                done++;
                return true;
            }
            refusal ??= $"transition {done + 1} ({action}) → {a.Short}";
            return false;
        }
        await s.Client.MustAsync(s.BigManager, HttpMethod.Post, "/api/applications", CreateBody(id, s.Big, fund, Long("titel", 200)));
        done = 1;
        for (var i = 0; i < edits && refusal is null; i++)
        {
            await Step(s.BigManager, "edit-draft", new JsonObject { ["title"] = Long($"titel {i}", 200), ["requested"] = "30000.00" }, $"{id}-edit-{i}");
        }
        var advances = o.Advances;
        if (refusal is null && await Step(s.BigManager, "submit", new JsonObject { ["reason"] = Long("indiening", ApplicationLimits.MaxTextLength) }, $"{id}-submit")
            && await Step(s.Ministry, "start-review", new JsonObject { ["reason"] = Long("beoordeling", ApplicationLimits.MaxTextLength) }, $"{id}-review"))
        {
            if (!await Step(s.Ministry, "grant", GrantBody(s.Today, "30000.00", advances), $"{id}-grant"))
            {
                // Today's limit on the schedule: report it, then go on with the most advances a grant may have.
                Console.WriteLine($"  refused: {refusal}");
                refusal = null;
                advances = ApplicationLimits.MaxAdvances;
                await Step(s.Ministry, "grant", GrantBody(s.Today, "30000.00", advances), $"{id}-grant-{advances}");
            }
            var each = Amount(3_000_000 / advances);
            for (var i = 0; i < advances && refusal is null; i++)
            {
                await Step(s.Treasurer, "pay-advance", new JsonObject { ["amount"] = each, ["reference"] = Long($"bank {i}", ApplicationLimits.MaxTextLength) }, $"{id}-pay-{i}");
            }
        }
        var view = await s.Client.SendAsync(s.Ministry, HttpMethod.Get, $"/api/applications/{id}");
        var history = view.Ok ? view.Json["history"]?.AsArray().Count ?? -1 : -1;
        Console.WriteLine(Inv($"  {done} of {o.Transitions} transitions stored (history {history}, advances scheduled {advances}); step p50 {ScaleClient.Percentile(ms, 0.5):F1} ms, p99 {ScaleClient.Percentile(ms, 0.99):F1}, last {ms.LastOrDefault():F1}; GET {view.Status} {view.Text.Length:N0} chars in {view.Ms:F1} ms"));
        if (refusal is not null)
        {
            Console.WriteLine($"  stopped: {refusal}");
        }
        return Inv($"long-application transitions={done}/{o.Transitions}");
    }

    // Phase 4b: one source, many commitments of one region (as many workers as the run's concurrency), until the asked
    // number or the first refusal.
    private static async Task<string> ManyCommitmentsAsync(Scale s, Options o)
    {
        var fund = await FundAsync(s, "commit");
        Console.WriteLine($"(4b) one source with {o.Commitments:N0} commitments to {s.Big}");
        var ms = new double[o.Commitments];
        long ok = 0;
        string? refusal = null;
        var stop = false;
        await ScaleClient.ForEachAsync(o.Commitments, o.Concurrency, async i =>
        {
            if (Volatile.Read(ref stop))
            {
                return;
            }
            var a = await s.Client.SendRetryingAsync(s.Ministry, HttpMethod.Post, $"/api/funding-sources/{fund}/commitments", new JsonObject
            {
                ["commitmentId"] = $"c{i:D6}",
                ["region"] = s.Big,
                ["amounts"] = new JsonObject { [s.Today.Year.ToString(CultureInfo.InvariantCulture)] = "1.00" },
            });
            ms[i] = a.Ms;
            if (a.Ok)
            {
                Interlocked.Increment(ref ok);
            }
            else
            {
                Interlocked.CompareExchange(ref refusal, $"commitment {i + 1} → {a.Short}", null);
                Volatile.Write(ref stop, true);
            }
        });
        var answered = ms.Where(m => m > 0).ToArray();
        var tenth = Math.Max(1, answered.Length / 10);
        Console.WriteLine(Inv($"  {ok:N0} of {o.Commitments:N0} commitments stored; p50 {ScaleClient.Percentile(answered, 0.5):F1} ms (first {tenth:N0} {ScaleClient.Percentile(answered.Take(tenth), 0.5):F1}, last {tenth:N0} {ScaleClient.Percentile(answered.TakeLast(tenth), 0.5):F1})"));
        if (refusal is not null)
        {
            Console.WriteLine($"  stopped: {refusal}");
        }
        var get = await s.Client.SendAsync(s.Ministry, HttpMethod.Get, $"/api/funding-sources/{fund}");
        Console.WriteLine(Inv($"  GET the source: {get.Status}, {get.Text.Length:N0} chars in {get.Ms:F1} ms"));
        return Inv($"source commitments={ok}/{o.Commitments}");
    }

    private static async Task<string> FundAsync(Scale s, string tag)
    {
        var id = $"scale-{s.Run}-{tag}";
        await s.Client.MustAsync(s.Ministry, HttpMethod.Post, "/api/funding-sources", new JsonObject
        {
            ["id"] = id,
            ["name"] = $"Schaalregeling {tag}",
            ["kind"] = "national-scheme",
            ["funder"] = "Ministerie van Justitie en Veiligheid",
        });
        await s.Client.MustAsync(s.Ministry, HttpMethod.Put, $"/api/funding-sources/{id}/years/{s.Today.Year}", new JsonObject { ["ceiling"] = "1000000000.00" });
        return id;
    }

    private static Task<ScaleClient.Answer> CreateAsync(Scale s, string id, string region, string fund) =>
        s.Client.SendRetryingAsync(s.Manager(region), HttpMethod.Post, "/api/applications", CreateBody(id, region, fund, $"Keurmerk Veilig Ondernemen {id}"));

    private static JsonObject CreateBody(string id, string region, string fund, string title) => new()
    {
        ["id"] = id,
        ["region"] = region,
        ["fundingSource"] = fund,
        ["title"] = title,
        ["requested"] = "30000.00",
    };

    private static JsonObject GrantBody(DateOnly today, string amount, int advances)
    {
        var schedule = new JsonArray();
        var cents = 2_000_000L;
        if (advances > 1)
        {
            cents = 3_000_000L / advances;
        }
        for (var i = 0; i < advances; i++)
        {
            schedule.Add(new JsonObject { ["due"] = Iso(today), ["amount"] = Amount(cents) });
        }
        return new JsonObject
        {
            ["amount"] = amount,
            ["endDate"] = Iso(today.AddDays(300)),
            ["accountabilityDue"] = Iso(today.AddDays(330)),
            ["advances"] = schedule,
            ["reason"] = Long("commissie", ApplicationLimits.MaxTextLength),
        };
    }

    private static DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")));

    private static string Long(string tag, int length) => (tag + " ").PadRight(length, 'x');

    private static string Amount(long cents) => (cents / 100).ToString(CultureInfo.InvariantCulture) + "." + (cents % 100).ToString("D2", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;
}
