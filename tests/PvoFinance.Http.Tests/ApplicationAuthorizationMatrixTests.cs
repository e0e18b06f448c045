using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Who may take which action, per role and scope, through HTTP. For every action the application is brought into a
/// state where the action is possible; then every caller who may not take it is refused (403, field <c>caller</c>)
/// without changing the application or the fund's journal, every caller who may read it sees exactly the actions
/// the lifecycle table gives their role, and the allowed caller succeeds. Once on a provincial fund of Limburg
/// (owner: the provincial officer of Limburg), and for a selection of actions on a national scheme (owner: the ministry).
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApplicationAuthorizationMatrixTests(ServiceFixture fixture)
{
    private const string Region = "limburg";

    /// <summary>A caller of the matrix: its token, the role group it acts in for this fund, and whether it may read the application.</summary>
    private sealed record Party(string Name, Who Who, string Group, bool CanRead);

    private const string ManagerGroup = "manager", OwnerGroup = "owner", TreasurerGroup = "treasurer", NoGroup = "none";

    private static Party[] Parties(bool national) =>
    [
        new("manager-own", Who.Manager(Region), ManagerGroup, true),
        new("manager-other", Who.Manager("noord-nederland"), NoGroup, false),
        new("officer-own", Who.Officer("Limburg"), national ? NoGroup : OwnerGroup, true),
        new("officer-other", Who.Officer("Gelderland"), NoGroup, false),
        new("ministry", Who.Ministry, national ? OwnerGroup : NoGroup, true),
        new("treasurer-province", Who.Treasurer("province:Limburg"), national ? NoGroup : TreasurerGroup, true),
        new("treasurer-national", Who.Treasurer("national"), TreasurerGroup, true),
        new("treasurer-other", Who.Treasurer("province:Gelderland"), NoGroup, false),
        new("treasurer-region", Who.Treasurer("region:limburg"), NoGroup, true),
    ];

    /// <summary>One action: the state it is tried in, its body, and the role group that may take it.</summary>
    private sealed record Case(string Setup, Func<JsonObject> Body, string Allowed);

    private static JsonObject Grant() => GrantWith("30000.00", (0, "20000.00"));

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["edit-draft"] = new("Draft", () => new JsonObject { ["title"] = "Ander project", ["requested"] = "35000.00" }, ManagerGroup),
        ["submit"] = new("Draft", () => [], ManagerGroup),
        ["withdraw"] = new("Submitted", () => Reason("gaat niet door"), ManagerGroup),
        ["start-review"] = new("Submitted", () => [], OwnerGroup),
        ["extend-decision-term"] = new("Submitted", () => new JsonObject { ["weeks"] = 4, ["reason"] = "advies nodig" }, OwnerGroup),
        ["request-information"] = new("UnderReview", () => Reason("begroting"), OwnerGroup),
        ["supply-information"] = new("InformationRequested", () => Reason("bijgevoegd"), ManagerGroup),
        ["grant"] = new("UnderReview", Grant, OwnerGroup),
        ["reject"] = new("UnderReview", () => Reason("past niet"), OwnerGroup),
        ["pay-advance"] = new("Granted", () => Amount("20000.00", "bank"), TreasurerGroup),
        ["request-amendment"] = new("Granted", () => new JsonObject { ["budget"] = "35000.00", ["reason"] = "meer" }, ManagerGroup),
        ["approve-amendment"] = new("AmendmentRequested", () => new JsonObject { ["budget"] = "35000.00", ["endDate"] = Day(300), ["reason"] = "akkoord" }, OwnerGroup),
        ["refuse-amendment"] = new("AmendmentRequested", () => Reason("nee"), OwnerGroup),
        ["submit-accountability"] = new("Granted", () => new JsonObject { ["results"] = "verslag" }, ManagerGroup),
        ["determine"] = new("AccountabilitySubmitted", () => new JsonObject { ["amount"] = "25000.00", ["reason"] = "minder" }, OwnerGroup),
        ["record-payment"] = new("DeterminedPayable", () => Amount("5000.00", "bank"), TreasurerGroup),
        ["record-reclaim"] = new("DeterminedReclaim", () => Amount("5000.00", "bank"), TreasurerGroup),
        ["revoke"] = new("Granted", () => Reason("onjuist"), OwnerGroup),
        ["close"] = new("Rejected", () => [], OwnerGroup),
        ["lodge-objection"] = new("Rejected", () => new JsonObject { ["grounds"] = "past wel" }, ManagerGroup),
        ["extend-objection-term"] = new("Objected", () => new JsonObject { ["reason"] = "hoorzitting", ["advisoryCommittee"] = true }, OwnerGroup),
        ["decide-objection"] = new("Objected", () => new JsonObject { ["founded"] = false, ["reason"] = "ongegrond" }, OwnerGroup),
    };

    /// <summary>
    /// Actions possible only once a term has passed (notice of default after the decision term, the penalty after it ran):
    /// the service's real clock cannot get there, so their role matrix is in the core's RoleMatrixTests and the cluster's
    /// ApplicationPenaltyTests (a moving clock).
    /// </summary>
    private static readonly string[] ClockBound = ["give-notice-of-default", "decide-penalty", "pay-penalty"];

    /// <summary>What each role group may do in each setup state of a tier B file (the table of the lifecycle doc).</summary>
    private static string[] Expected(string setup, string group) => (setup, group) switch
    {
        ("Draft", ManagerGroup) => ["edit-draft", "submit", "withdraw"],
        ("Submitted", ManagerGroup) => ["withdraw"],
        ("Submitted", OwnerGroup) => ["extend-decision-term", "start-review"],
        ("UnderReview", ManagerGroup) => ["withdraw"],
        ("UnderReview", OwnerGroup) => ["extend-decision-term", "grant", "reject", "request-information"],
        ("InformationRequested", ManagerGroup) => ["supply-information", "withdraw"],
        ("InformationRequested", OwnerGroup) => ["extend-decision-term"],
        ("Granted", ManagerGroup) => ["lodge-objection", "request-amendment", "submit-accountability"],
        ("Granted", OwnerGroup) => ["revoke"],
        ("Granted", TreasurerGroup) => ["pay-advance"],
        ("AmendmentRequested", ManagerGroup) => ["lodge-objection"],
        ("AccountabilitySubmitted", ManagerGroup) => ["lodge-objection"],
        ("DeterminedPayable", ManagerGroup) => ["lodge-objection"],
        ("DeterminedReclaim", ManagerGroup) => ["lodge-objection"],
        ("Rejected", ManagerGroup) => ["lodge-objection"],
        ("Objected", OwnerGroup) => ["decide-objection", "extend-objection-term"],
        ("AmendmentRequested", OwnerGroup) => ["approve-amendment", "refuse-amendment", "revoke"],
        ("AccountabilitySubmitted", OwnerGroup) => ["determine", "revoke"],
        ("DeterminedPayable", OwnerGroup) => ["revoke"],
        ("DeterminedPayable", TreasurerGroup) => ["record-payment"],
        ("DeterminedReclaim", OwnerGroup) => ["revoke"],
        ("DeterminedReclaim", TreasurerGroup) => ["record-reclaim"],
        ("Rejected", OwnerGroup) => ["close"],
        _ => [],
    };

    /// <summary>The steps that bring a new tier B draft (40,000 requested) into a setup state.</summary>
    private static (string Group, string Action, JsonObject Body)[] Path(string setup) => setup switch
    {
        "Draft" => [],
        "Submitted" => [(ManagerGroup, "submit", [])],
        "UnderReview" => [.. Path("Submitted"), (OwnerGroup, "start-review", [])],
        "InformationRequested" => [.. Path("UnderReview"), (OwnerGroup, "request-information", Reason("begroting"))],
        "Rejected" => [.. Path("UnderReview"), (OwnerGroup, "reject", Reason("past niet"))],
        "Granted" => [.. Path("UnderReview"), (OwnerGroup, "grant", Grant())],
        "Objected" => [.. Path("Rejected"), (ManagerGroup, "lodge-objection", new JsonObject { ["grounds"] = "past wel" })],
        "AmendmentRequested" => [.. Path("Granted"), (ManagerGroup, "request-amendment", new JsonObject { ["budget"] = "35000.00", ["reason"] = "meer" })],
        "AccountabilitySubmitted" =>
        [
            .. Path("Granted"), (TreasurerGroup, "pay-advance", Amount("20000.00")), (ManagerGroup, "submit-accountability", new JsonObject { ["results"] = "verslag" }),
        ],
        "DeterminedPayable" => [.. Path("AccountabilitySubmitted"), (OwnerGroup, "determine", new JsonObject { ["amount"] = "25000.00", ["reason"] = "minder" })],
        "DeterminedReclaim" => [.. Path("AccountabilitySubmitted"), (OwnerGroup, "determine", new JsonObject { ["amount"] = "15000.00", ["reason"] = "minder" })],
        _ => throw new ArgumentOutOfRangeException(nameof(setup), setup, null),
    };

    private static readonly string[] NationalSelection = ["start-review", "grant", "pay-advance", "approve-amendment", "determine", "record-reclaim", "close"];

    public static TheoryData<string, bool> Matrix()
    {
        var data = new TheoryData<string, bool>();
        foreach (var action in Cases.Keys)
        {
            data.Add(action, false);
        }
        foreach (var action in NationalSelection)
        {
            data.Add(action, true);
        }
        return data;
    }

    [Fact]
    public async Task The_matrix_covers_every_action_the_api_knows()
    {
        // The API names every action it knows when asked for an unknown one; a new action without a row here fails this test.
        var problem = (await (await fixture.As(Who.Ministry)).TryAct($"mx-none-{Suffix}", "no-such-action")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "action");
        var detail = problem.GetProperty("detail").GetString()!;
        var known = detail[(detail.IndexOf("known: ", StringComparison.Ordinal) + "known: ".Length)..].TrimEnd('.').Split(", ");
        Assert.Equal(known.Order(StringComparer.Ordinal), Cases.Keys.Concat(ClockBound).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_the_allowed_role_and_scope_may_take_the_action_and_actions_lists_exactly_what_each_may_do(string action, bool national)
    {
        var @case = Cases[action];
        var parties = Parties(national);
        var tag = $"{(national ? "n" : "p")}{action.Replace("-", "", StringComparison.Ordinal)}";
        var source = national ? await NationalSchemeAsync($"mx-{tag}") : await fixture.FundAsync($"mx-{tag}", "100000.00");
        var appId = $"mx-{tag}-{Suffix}";
        await fixture.DraftAsync(appId, Region, source, "40000.00");
        async Task<LedgerApi> ActorOf(string group) => await fixture.As(parties.First(p => p.Group == group).Who);
        foreach (var (group, step, body) in Path(@case.Setup))
        {
            var actor = await ActorOf(group);
            await actor.Act(appId, step, step == "submit-accountability" ? await actor.WithDocumentsAsync(appId, body) : body);
        }

        var observer = await fixture.As(Who.Ministry);
        var journal = $"source.{source}.{ThisYear}";
        var before = await observer.ViewTextAsync(appId);
        var ledgerBefore = await fixture.Api.StateAsync(journal);

        // Everyone outside the allowed group is refused, naming the caller, and changes nothing.
        foreach (var party in parties.Where(p => p.Group != @case.Allowed))
        {
            var reply = await (await fixture.As(party.Who)).TryAct(appId, action, @case.Body());
            Assert.True(reply.Status == HttpStatusCode.Forbidden, $"{party.Name} on {action} ({@case.Setup}): {reply.Describe()}");
            reply.ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        }
        Assert.Equal(before, await observer.ViewTextAsync(appId));
        Assert.Equal(ledgerBefore, await fixture.Api.StateAsync(journal));

        // Each caller who may read the file sees exactly the actions of their role; the others may not read it.
        foreach (var party in parties)
        {
            var reply = await (await fixture.As(party.Who)).GetAsync($"api/applications/{appId}");
            if (!party.CanRead)
            {
                reply.ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
                continue;
            }
            var expected = Expected(@case.Setup, party.Group);
            Assert.True(expected.SequenceEqual(Actions(reply.Expect(HttpStatusCode.OK).Json)),
                $"{party.Name} in {@case.Setup}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", Actions(reply.Json))}]");
        }
        Assert.Contains(action, Expected(@case.Setup, @case.Allowed));

        // The allowed caller succeeds: one more history entry, for this action (the accountability's documents are
        // uploaded first, each an entry of its own, so they are counted before).
        var allowed = await ActorOf(@case.Allowed);
        var request = action == "submit-accountability" ? await allowed.WithDocumentsAsync(appId, @case.Body()) : @case.Body();
        var historyBefore = (await observer.ViewAsync(appId)).GetProperty("history").GetArrayLength();
        var done = await allowed.Act(appId, action, request);
        var history = done.GetProperty("history");
        Assert.Equal(historyBefore + 1, history.GetArrayLength());
        Assert.Equal(action, Kebab(history[history.GetArrayLength() - 1].GetProperty("trigger").GetString()!));
        Assert.True(done.GetProperty("figures").GetProperty("matchesDecisions").GetBoolean());
    }

    private async Task<string> NationalSchemeAsync(string name)
    {
        var ministry = await fixture.As(Who.Ministry);
        var id = $"{name}-{Suffix}";
        await ministry.CreateAsync(Source(id, $"Regeling {id}", "national-scheme", "Ministerie van Justitie en Veiligheid"));
        await ministry.CeilingAsync(id, int.Parse(ThisYear, CultureInfo.InvariantCulture), "100000.00");
        return id;
    }

    private static string Kebab(string trigger) =>
        string.Concat(trigger.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
