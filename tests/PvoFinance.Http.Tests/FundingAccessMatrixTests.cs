using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Every funding, region-funding and ledger endpoint against every kind of caller, as one explicit table: it is
/// the access rules (<c>AccessRules.CanRead / CanManage / CanRecord</c>) written out for the region Limburg, the
/// province Limburg (which Limburg lies in) and the nation. A denied write must leave everything as it was.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class FundingAccessMatrixTests(ServiceFixture fixture)
{
    private static readonly string S = "am-" + Suffix;
    private const string Region = "limburg";
    private static readonly string Project = $"{S}-proj";

    /// <summary>The columns of the matrix.</summary>
    private static readonly Who[] Callers =
    [
        Who.Manager("limburg"),              // MO:  pvo-manager of the region
        Who.Manager("oost-brabant"),         // MX:  pvo-manager of another region
        Who.Officer("Limburg"),              // PO:  provincial officer of the province the region lies in
        Who.Officer("Noord-Brabant"),        // PX:  provincial officer of a province the region does not touch
        Who.Ministry,                        // MIN: ministry
        Who.Treasurer("national"),           // TN:  national treasurer
        Who.Treasurer("province:Limburg"),   // TPO: treasurer of the overlapping province
        Who.Treasurer("province:Noord-Brabant"), // TPX: treasurer of a province that does not overlap
        Who.Treasurer("region:limburg"),     // TRO: treasurer of the region
        Who.Treasurer("region:oost-brabant"), // TRX: treasurer of another region
        Who.Anonymous,                       // no token
    ];

    private const int Ok = 200, Made = 201, No = 403, Hidden = 404, Who401 = 401;

    /// <summary>
    /// Expected status per endpoint and caller. 200/201: allowed. 403: the caller may read the thing but not do this.
    /// 404: a funding source the caller may not read at all is answered as if it did not exist (ids do not leak).
    /// "nat" is a national scheme, "prov" a provincial fund of Limburg, "levy", "ovh", "ink", "priv" sources of the
    /// region Limburg.
    /// </summary>
    private static readonly (string Endpoint, int[] Expected)[] Matrix =
    [
        //                                                    MO      MX      PO      PX      MIN     TN      TPO     TPX     TRO     TRX     anon
        ("GET funding-sources",                             [Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Who401]),
        ("POST funding-sources (national scheme)",          [No,     No,     No,     No,     Made,   No,     No,     No,     No,     No,     Who401]),
        ("POST funding-sources (provincial fund Limburg)",  [No,     No,     Made,   No,     No,     No,     No,     No,     No,     No,     Who401]),
        ("POST funding-sources (private of limburg)",       [Made,   No,     No,     No,     No,     No,     No,     No,     No,     No,     Who401]),
        ("GET funding-sources/nat",                         [Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Who401]),
        ("GET funding-sources/prov",                        [Ok,     Hidden, Ok,     Hidden, Ok,     Ok,     Ok,     Hidden, Ok,     Hidden, Who401]),
        ("GET funding-sources/levy",                        [Ok,     Hidden, Ok,     Hidden, Ok,     Ok,     Ok,     Hidden, Ok,     Hidden, Who401]),
        ("PUT funding-sources/nat",                         [No,     No,     No,     No,     Ok,     No,     No,     No,     No,     No,     Who401]),
        ("PUT funding-sources/prov",                        [No,     Hidden, Ok,     Hidden, No,     No,     No,     Hidden, No,     Hidden, Who401]),
        ("PUT funding-sources/priv",                        [Ok,     Hidden, No,     Hidden, No,     No,     No,     Hidden, No,     Hidden, Who401]),
        ("PUT nat/years/2031",                              [No,     No,     No,     No,     Ok,     No,     No,     No,     No,     No,     Who401]),
        ("PUT prov/years/2031",                             [No,     Hidden, Ok,     Hidden, No,     No,     No,     Hidden, No,     Hidden, Who401]),
        ("POST nat/commitments",                            [No,     No,     No,     No,     Ok,     No,     No,     No,     No,     No,     Who401]),
        ("POST prov/commitments",                           [No,     Hidden, Ok,     Hidden, No,     No,     No,     Hidden, No,     Hidden, Who401]),
        ("POST nat/payments",                               [No,     No,     No,     No,     Made,   Made,   No,     No,     No,     No,     Who401]),
        ("POST prov/payments",                              [No,     Hidden, Made,   Hidden, No,     Made,   Made,   Hidden, No,     Hidden, Who401]),
        ("POST levy/years/2026/invoices",                   [Ok,     Hidden, No,     Hidden, No,     Ok,     Ok,     Hidden, Ok,     Hidden, Who401]),
        ("GET levy/years/2026/invoices",                    [Ok,     Hidden, Ok,     Hidden, Ok,     Ok,     Ok,     Hidden, Ok,     Hidden, Who401]),
        ("POST levy/receipts",                              [Made,   Hidden, No,     Hidden, No,     Made,   Made,   Hidden, Made,   Hidden, Who401]),
        ("POST ovh/overhead-charges",                       [Made,   Hidden, No,     Hidden, No,     Made,   Made,   Hidden, Made,   Hidden, Who401]),
        ("POST ink/hours",                                  [Made,   Hidden, No,     Hidden, No,     Made,   Made,   Hidden, Made,   Hidden, Who401]),
        ("POST priv/contributions",                         [Made,   Hidden, No,     Hidden, No,     Made,   Made,   Hidden, Made,   Hidden, Who401]),
        ("GET regions/limburg/funding",                     [Ok,     No,     Ok,     No,     Ok,     Ok,     Ok,     No,     Ok,     No,     Who401]),
        ("POST regions/limburg/projects/p/allocations",     [Made,   No,     No,     No,     No,     No,     No,     No,     No,     No,     Who401]),
        ("GET regions/limburg/projects/p/lineage",          [Ok,     No,     Ok,     No,     Ok,     Ok,     Ok,     No,     Ok,     No,     Who401]),
        ("GET ledger/journals",                             [No,     No,     No,     No,     Ok,     Ok,     No,     No,     No,     No,     Who401]),
        ("GET ledger/journals/j",                           [No,     No,     No,     No,     Ok,     Ok,     No,     No,     No,     No,     Who401]),
        ("GET ledger/journals/j/balances",                  [No,     No,     No,     No,     Ok,     Ok,     No,     No,     No,     No,     Who401]),
        ("GET ledger/journals/j/entries",                   [No,     No,     No,     No,     Ok,     Ok,     No,     No,     No,     No,     Who401]),
        ("GET ledger/journals/j/verify",                    [No,     No,     No,     No,     Ok,     Ok,     No,     No,     No,     No,     Who401]),
        ("POST ledger/journals/j/entries",                  [No,     No,     No,     No,     Made,   Made,   No,     No,     No,     No,     Who401]),
        ("POST ledger/transfers/t",                         [No,     No,     No,     No,     Ok,     Ok,     No,     No,     No,     No,     Who401]),
        ("GET ledger/transfers/t",                          [No,     No,     No,     No,     Ok,     Ok,     No,     No,     No,     No,     Who401]),
    ];

    public static IEnumerable<object[]> Cells() =>
        Matrix.SelectMany(row => Callers.Select((who, i) => new object[] { row.Endpoint, who.Key, row.Expected[i] }));

    /// <summary>The route each row calls, as the OpenAPI document names it.</summary>
    private static readonly Dictionary<string, string> Routes = new()
    {
        ["GET funding-sources"] = "GET /api/funding-sources",
        ["POST funding-sources (national scheme)"] = "POST /api/funding-sources",
        ["POST funding-sources (provincial fund Limburg)"] = "POST /api/funding-sources",
        ["POST funding-sources (private of limburg)"] = "POST /api/funding-sources",
        ["GET funding-sources/nat"] = "GET /api/funding-sources/{id}",
        ["GET funding-sources/prov"] = "GET /api/funding-sources/{id}",
        ["GET funding-sources/levy"] = "GET /api/funding-sources/{id}",
        ["PUT funding-sources/nat"] = "PUT /api/funding-sources/{id}",
        ["PUT funding-sources/prov"] = "PUT /api/funding-sources/{id}",
        ["PUT funding-sources/priv"] = "PUT /api/funding-sources/{id}",
        ["PUT nat/years/2031"] = "PUT /api/funding-sources/{id}/years/{year}",
        ["PUT prov/years/2031"] = "PUT /api/funding-sources/{id}/years/{year}",
        ["POST nat/commitments"] = "POST /api/funding-sources/{id}/commitments",
        ["POST prov/commitments"] = "POST /api/funding-sources/{id}/commitments",
        ["POST nat/payments"] = "POST /api/funding-sources/{id}/payments",
        ["POST prov/payments"] = "POST /api/funding-sources/{id}/payments",
        ["POST levy/years/2026/invoices"] = "POST /api/funding-sources/{id}/years/{year}/invoices",
        ["GET levy/years/2026/invoices"] = "GET /api/funding-sources/{id}/years/{year}/invoices",
        ["POST levy/receipts"] = "POST /api/funding-sources/{id}/receipts",
        ["POST ovh/overhead-charges"] = "POST /api/funding-sources/{id}/overhead-charges",
        ["POST ink/hours"] = "POST /api/funding-sources/{id}/hours",
        ["POST priv/contributions"] = "POST /api/funding-sources/{id}/contributions",
        ["GET regions/limburg/funding"] = "GET /api/regions/{regionId}/funding",
        ["POST regions/limburg/projects/p/allocations"] = "POST /api/regions/{regionId}/projects/{projectId}/allocations",
        ["GET regions/limburg/projects/p/lineage"] = "GET /api/regions/{regionId}/projects/{projectId}/lineage",
        ["GET ledger/journals"] = "GET /api/ledger/journals",
        ["GET ledger/journals/j"] = "GET /api/ledger/journals/{journalId}",
        ["GET ledger/journals/j/balances"] = "GET /api/ledger/journals/{journalId}/balances",
        ["GET ledger/journals/j/entries"] = "GET /api/ledger/journals/{journalId}/entries",
        ["GET ledger/journals/j/verify"] = "GET /api/ledger/journals/{journalId}/verify",
        ["POST ledger/journals/j/entries"] = "POST /api/ledger/journals/{journalId}/entries",
        ["POST ledger/transfers/t"] = "POST /api/ledger/transfers/{transferId}",
        ["GET ledger/transfers/t"] = "GET /api/ledger/transfers/{transferId}",
    };

    [Fact]
    public async Task The_matrix_has_a_column_per_caller_and_covers_every_funding_region_funding_and_ledger_route()
    {
        Assert.All(Matrix, row => Assert.Equal(Callers.Length, row.Expected.Length));
        Assert.Equal(Matrix.Length, Matrix.Select(r => r.Endpoint).Distinct().Count());
        Assert.Equal(Matrix.Select(r => r.Endpoint).Order(), Routes.Keys.Order());

        // Every route of these three groups that the service serves is in the matrix: a new one must be added here.
        var document = System.Text.Json.JsonDocument.Parse((await fixture.Api.GetAsync("openapi/v1.json")).Expect(HttpStatusCode.OK).Text).RootElement;
        string[] prefixes = ["/api/funding-sources", "/api/ledger/", "/api/regions/{regionId}/funding", "/api/regions/{regionId}/projects/"];
        var served = document.GetProperty("paths").EnumerateObject()
            .Where(p => prefixes.Any(x => p.Name.StartsWith(x, StringComparison.Ordinal)))
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(served, Routes.Values.Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Endpoint_by_caller(string endpoint, string caller, int expected)
    {
        await World.EnsureAsync(fixture);
        var who = Callers.Single(c => c.Key == caller);
        var api = await fixture.As(who);
        var ministry = await fixture.As(Who.Ministry);
        var tag = $"{Array.FindIndex(Matrix, r => r.Endpoint == endpoint)}-{Array.IndexOf(Callers, who)}";
        var (method, path, body, probes) = Request(endpoint, tag);

        var before = method == HttpMethod.Get ? null : await SnapshotAsync(ministry, probes);
        var reply = await api.SendAsync(method, path, body?.ToJsonString());
        Assert.True((int)reply.Status == expected, $"{endpoint} as {caller}: expected {expected}.\n{reply.Describe()}");
        if (expected is No or Hidden)
        {
            reply.ExpectProblem((HttpStatusCode)expected, expected == No ? "Forbidden" : "NotFound", expected == No ? (endpoint.Contains("ledger") ? "role" : "scope") : "id");
        }
        if (before is not null && expected is No or Hidden or Who401)
        {
            Assert.Equal(before, await SnapshotAsync(ministry, probes));
        }
    }

    [Fact]
    public async Task A_token_for_an_unknown_scope_cannot_be_obtained()
    {
        using var http = new HttpClient { BaseAddress = fixture.Service.BaseAddress };
        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { role = "treasurer", scope = "region:nowhere" }, "scope"),
                     (new { role = "treasurer", scope = "province:Brabant" }, "scope"),
                     (new { role = "treasurer", scope = "everything" }, "scope"),
                     (new { role = "pvo-manager", region = "nowhere" }, "region"),
                     (new { role = "provincial-officer", province = "limburg" }, "province"),
                     (new { role = "admin", scope = "national" }, "role"),
                     (new { role = "ministry", user = "Officer A" }, "user"),
                     (new { role = "ministry", user = "" }, "user"),
                     (new { role = "ministry", user = new string('a', 61) }, "user"),
                 })
        {
            using var response = await http.PostAsync("/dev/token", System.Net.Http.Json.JsonContent.Create(body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{System.Text.Json.JsonSerializer.Serialize(body)} → {(int)response.StatusCode} {text}");
            Assert.Equal(field, System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("field").GetString());
            Assert.DoesNotContain("token", System.Text.Json.JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name));
        }
        // The same request with a real region does get a token.
        using var good = await http.PostAsync("/dev/token", System.Net.Http.Json.JsonContent.Create(new { role = "treasurer", scope = "region:limburg" }));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task A_garbage_or_forged_bearer_token_is_401()
    {
        await World.EnsureAsync(fixture);
        var ministry = await fixture.As(Who.Ministry);
        string valid;
        using (var issuer = new HttpClient { BaseAddress = fixture.Service.BaseAddress })
        using (var issued = await issuer.PostAsync("/dev/token", System.Net.Http.Json.JsonContent.Create(new { role = "ministry" })))
        {
            valid = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        }
        var parts = valid.Split('.');
        // A token whose payload was changed after signing, and one signed by nobody.
        var forgedPayload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("""{"role":"ministry","iss":"pvofinance-dev","aud":"pvofinance","exp":4102444800}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using (var control = new HttpClient { BaseAddress = fixture.Service.BaseAddress })
        {
            // The token as issued works, so the refusals below are about the tampering.
            control.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", valid);
            Assert.Equal(HttpStatusCode.OK, (await new LedgerApi(control, fixture.Service).GetAsync("api/funding-sources")).Status);
        }
        foreach (var token in new[] { "garbage", "a.b.c", $"{parts[0]}.{forgedPayload}.{parts[2]}", $"{parts[0]}.{parts[1]}.", valid[..^4] + "AAAA" })
        {
            using var http = new HttpClient { BaseAddress = fixture.Service.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var api = new LedgerApi(http, fixture.Service);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("api/funding-sources")).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync($"api/ledger/journals/{World.Journal}/balances")).Status);
            var before = (await ministry.GetAsync($"api/funding-sources/{World.Nat}")).Text;
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.PutJsonAsync($"api/funding-sources/{World.Nat}/years/2032", new JsonObject { ["ceiling"] = "1.00" })).Status);
            Assert.Equal(before, (await ministry.GetAsync($"api/funding-sources/{World.Nat}")).Text);
        }
        // The untouched token still works.
        (await ministry.GetAsync("api/funding-sources")).Expect(HttpStatusCode.OK);
    }

    /// <summary>The request one cell makes, and what a ministry reads before and after to see that a denied write changed nothing.</summary>
    private static (HttpMethod Method, string Path, JsonNode? Body, string[] Probes) Request(string endpoint, string tag)
    {
        var src = "api/funding-sources";
        string Probe(string id) => $"{src}/{id}";
        string JournalOf(string id, int year) => $"api/ledger/journals/source.{id}.{year}";
        var regionFunding = $"api/regions/{Region}/funding?year=2026";
        var regionJournal = $"api/ledger/journals/region.{Region}/balances";
        var lineage = $"api/regions/{Region}/projects/{Project}/lineage";
        var newId = $"{S}-n{tag}";
        return endpoint switch
        {
            "GET funding-sources" => (HttpMethod.Get, src, null, []),
            "POST funding-sources (national scheme)" => (HttpMethod.Post, src, Source(newId, $"Scheme {newId}", "national-scheme", "Ministerie"), [Probe(newId)]),
            "POST funding-sources (provincial fund Limburg)" => (HttpMethod.Post, src, Source(newId, $"Fund {newId}", "provincial-fund", "Provincie Limburg", province: "Limburg"), [Probe(newId)]),
            "POST funding-sources (private of limburg)" => (HttpMethod.Post, src, Source(newId, $"Private {newId}", "private", "MKB", region: Region), [Probe(newId)]),
            "GET funding-sources/nat" => (HttpMethod.Get, Probe(World.Nat), null, []),
            "GET funding-sources/prov" => (HttpMethod.Get, Probe(World.Prov), null, []),
            "GET funding-sources/levy" => (HttpMethod.Get, Probe(World.Levy), null, []),
            "PUT funding-sources/nat" => (HttpMethod.Put, Probe(World.Nat), World.NatBody($"Funder {tag}"), [Probe(World.Nat), $"{src}"]),
            "PUT funding-sources/prov" => (HttpMethod.Put, Probe(World.Prov), World.ProvBody($"Funder {tag}"), [Probe(World.Prov), $"{src}"]),
            "PUT funding-sources/priv" => (HttpMethod.Put, Probe(World.Priv), World.PrivBody($"Funder {tag}"), [Probe(World.Priv), $"{src}"]),
            "PUT nat/years/2031" => (HttpMethod.Put, $"{Probe(World.Nat)}/years/2031", new JsonObject { ["ceiling"] = "10.00" }, [Probe(World.Nat), JournalOf(World.Nat, 2031)]),
            "PUT prov/years/2031" => (HttpMethod.Put, $"{Probe(World.Prov)}/years/2031", new JsonObject { ["ceiling"] = "10.00" }, [Probe(World.Prov), JournalOf(World.Prov, 2031)]),
            "POST nat/commitments" => (HttpMethod.Post, $"{Probe(World.Nat)}/commitments", Commitment($"c{tag}", Region, (2026, "1.00")), [Probe(World.Nat)]),
            "POST prov/commitments" => (HttpMethod.Post, $"{Probe(World.Prov)}/commitments", Commitment($"c{tag}", Region, (2026, "1.00")), [Probe(World.Prov)]),
            "POST nat/payments" => (HttpMethod.Post, $"{Probe(World.Nat)}/payments", Payment($"p{tag}", Region, 2026, "0.01"), [Probe(World.Nat), regionFunding, regionJournal]),
            "POST prov/payments" => (HttpMethod.Post, $"{Probe(World.Prov)}/payments", Payment($"p{tag}", Region, 2026, "0.01"), [Probe(World.Prov), regionFunding, regionJournal]),
            "POST levy/years/2026/invoices" => (HttpMethod.Post, $"{Probe(World.Levy)}/years/2026/invoices", null, [Probe(World.Levy), $"{Probe(World.Levy)}/years/2026/invoices", JournalOf(World.Levy, 2026)]),
            "GET levy/years/2026/invoices" => (HttpMethod.Get, $"{Probe(World.Levy)}/years/2026/invoices", null, []),
            "POST levy/receipts" => (HttpMethod.Post, $"{Probe(World.Levy)}/receipts",
                new JsonObject { ["receiptId"] = $"r{tag}", ["year"] = 2026, ["debtor"] = World.Debtor, ["amount"] = "0.01" },
                [Probe(World.Levy), $"{Probe(World.Levy)}/years/2026/invoices", JournalOf(World.Levy, 2026)]),
            "POST ovh/overhead-charges" => (HttpMethod.Post, $"{Probe(World.Ovh)}/overhead-charges",
                new JsonObject { ["chargeId"] = $"o{tag}", ["year"] = 2026, ["projectId"] = Project, ["projectCosts"] = "100.00" },
                [Probe(World.Ovh), JournalOf(World.Ovh, 2026), regionFunding]),
            "POST ink/hours" => (HttpMethod.Post, $"{Probe(World.Ink)}/hours",
                new JsonObject { ["recordId"] = $"h{tag}", ["year"] = 2026, ["hours"] = "1" },
                [Probe(World.Ink), JournalOf(World.Ink, 2026), regionFunding]),
            "POST priv/contributions" => (HttpMethod.Post, $"{Probe(World.Priv)}/contributions",
                new JsonObject { ["contributionId"] = $"k{tag}", ["year"] = 2026, ["contributor"] = "Winkeliers", ["amount"] = "1.00" },
                [Probe(World.Priv), JournalOf(World.Priv, 2026), regionFunding]),
            "GET regions/limburg/funding" => (HttpMethod.Get, regionFunding, null, []),
            "POST regions/limburg/projects/p/allocations" => (HttpMethod.Post, $"api/regions/{Region}/projects/{Project}/allocations",
                new JsonObject { ["allocationId"] = $"a{tag}", ["source"] = World.Nat, ["amount"] = "0.01" },
                [lineage, regionJournal, $"api/ledger/journals/project.{Region}.{Project}/balances"]),
            "GET regions/limburg/projects/p/lineage" => (HttpMethod.Get, lineage, null, []),
            "GET ledger/journals" => (HttpMethod.Get, "api/ledger/journals?limit=1", null, []),
            "GET ledger/journals/j" => (HttpMethod.Get, $"api/ledger/journals/{World.Journal}", null, []),
            "GET ledger/journals/j/balances" => (HttpMethod.Get, $"api/ledger/journals/{World.Journal}/balances", null, []),
            "GET ledger/journals/j/entries" => (HttpMethod.Get, $"api/ledger/journals/{World.Journal}/entries", null, []),
            "GET ledger/journals/j/verify" => (HttpMethod.Get, $"api/ledger/journals/{World.Journal}/verify", null, []),
            "POST ledger/journals/j/entries" => (HttpMethod.Post, $"api/ledger/journals/{World.Journal}/entries",
                LedgerApi.Entry("post", $"e{tag}", "2026-02-01", ("cash:mx:bank", "0.01"), ("income:mx:gift", "-0.01")),
                [$"api/ledger/journals/{World.Journal}", $"api/ledger/journals/{World.Journal}/balances"]),
            "POST ledger/transfers/t" => (HttpMethod.Post, $"api/ledger/transfers/{S}-t{tag}", World.TransferBody("0.01"),
                [$"api/ledger/transfers/{S}-t{tag}", $"api/ledger/journals/{World.Journal}", $"api/ledger/journals/{World.Journal}-b"]),
            "GET ledger/transfers/t" => (HttpMethod.Get, $"api/ledger/transfers/{World.Transfer}", null, []),
            _ => throw new ArgumentException($"No request for '{endpoint}'."),
        };
    }

    private static async Task<string> SnapshotAsync(LedgerApi ministry, string[] probes)
    {
        var parts = new List<string>();
        foreach (var probe in probes)
        {
            var reply = await ministry.GetAsync(probe);
            Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, reply.Describe());
            // A problem's traceId differs per request; everything else must be the same.
            parts.Add($"{probe} → {(int)reply.Status}\n{System.Text.RegularExpressions.Regex.Replace(reply.Text, "\"traceId\":\"[^\"]*\"", "")}");
        }
        return string.Join("\n", parts);
    }

    /// <summary>What the cells act on, made once per service by its owners.</summary>
    private static class World
    {
        public static readonly string Nat = $"{S}-nat", Prov = $"{S}-prov", Levy = $"{S}-levy", Ovh = $"{S}-ovh", Ink = $"{S}-ink", Priv = $"{S}-priv";
        public static readonly string Journal = $"matrix.{S}", Transfer = $"{S}-setup";
        /// <summary>Landgraaf, a municipality of the region Limburg.</summary>
        public const string Debtor = "GM0882";

        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static ServiceProcess? _madeFor;

        public static JsonObject NatBody(string funder) => Source(Nat, $"Matrix scheme {S}", "national-scheme", funder);

        public static JsonObject ProvBody(string funder) => Source(Prov, $"Matrix fund {S}", "provincial-fund", funder, province: "Limburg");

        public static JsonObject PrivBody(string funder) => Source(Priv, $"Matrix private {S}", "private", funder, region: Region);

        public static JsonObject TransferBody(string amount) => new()
        {
            ["fromJournal"] = Journal,
            ["debitAccount"] = "budget:mx:2026",
            ["toJournal"] = $"{Journal}-b",
            ["creditAccount"] = "region:mx:funds",
            ["amount"] = amount,
            ["valueDate"] = "2026-03-01",
        };

        public static async Task EnsureAsync(ServiceFixture fixture)
        {
            await Gate.WaitAsync();
            try
            {
                if (_madeFor == fixture.Service)
                {
                    return;
                }
                var ministry = await fixture.As(Who.Ministry);
                var officer = await fixture.As(Who.Officer("Limburg"));
                var manager = await fixture.As(Who.Manager(Region));

                await ministry.CreateAsync(NatBody("Ministerie van Justitie en Veiligheid"));
                await ministry.CeilingAsync(Nat, 2026, "10000000.00");
                (await ministry.PostJsonAsync($"api/funding-sources/{Nat}/commitments", Commitment("setup", Region, (2026, "1000000.00")))).Expect(HttpStatusCode.OK);
                (await ministry.PostJsonAsync($"api/funding-sources/{Nat}/payments", Payment("setup", Region, 2026, "100000.00"))).Expect(HttpStatusCode.Created);

                await officer.CreateAsync(ProvBody("Provincie Limburg"));
                await officer.CeilingAsync(Prov, 2026, "10000000.00");
                (await officer.PostJsonAsync($"api/funding-sources/{Prov}/commitments", Commitment("setup", Region, (2026, "1000000.00")))).Expect(HttpStatusCode.OK);

                await manager.CreateAsync(Source(Levy, $"Matrix levy {S}", "municipal-levy", "Gemeenten Limburg", region: Region, levyRate: "0.25"));
                (await manager.PostJsonAsync($"api/funding-sources/{Levy}/years/2026/invoices", new JsonObject())).Expect(HttpStatusCode.OK);
                await manager.CreateAsync(Source(Ovh, $"Matrix overhead {S}", "project-overhead", "Projecten", region: Region, overhead: "10"));
                await manager.CreateAsync(Source(Ink, $"Matrix in kind {S}", "in-kind", "Politie Limburg", region: Region, hourlyRate: "50.00"));
                await manager.CreateAsync(PrivBody("MKB Limburg"));
                (await manager.PostJsonAsync($"api/regions/{Region}/projects/{Project}/allocations", new JsonObject { ["allocationId"] = "setup", ["source"] = Nat, ["amount"] = "100.00" }))
                    .Expect(HttpStatusCode.Created);

                (await ministry.PostEntryAsync(Journal, "post", "open", "2026-01-01", ("appropriation:mx:2026", "1000.00"), ("budget:mx:2026", "-1000.00"))).Expect(HttpStatusCode.Created);
                (await ministry.PostJsonAsync($"api/ledger/transfers/{Transfer}", TransferBody("10.00"))).Expect(HttpStatusCode.OK);
                _madeFor = fixture.Service;
            }
            finally
            {
                Gate.Release();
            }
        }
    }
}
