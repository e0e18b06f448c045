using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.ClockFixture;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The penalty for a late decision (Awb 4:17–4:18) and the objection term (Awb 6:7) over HTTP with the service's clock moved
/// by <c>POST /dev/clock</c>: a notice of default on the last day of the term (refused) and the day after; the penalty owed to
/// the cent on the 14th, 15th, 28th, 29th and 42nd day and at the € 1,442.00 maximum; decided, paid to the region as the fund
/// owner's cost (never the ceiling); a decision on day 15 stopping it; an objection on its last day and the day after; a second
/// objection to the same decision.
/// </summary>
[Collection(ClockCollection.Name)]
public sealed class ApplicationPenaltyClockTests(ClockFixture fixture)
{
    private const string Region = "limburg";
    private static readonly Who Manager = Who.Manager(Region);
    private static readonly Who Officer = Who.Officer("Limburg");
    private static readonly Who Treasurer = Who.Treasurer("province:Limburg");

    private static JsonObject Notice => Reason("ingebrekestelling: de beslistermijn is verstreken");

    private static JsonObject Decide(string amount) => new() { ["amount"] = amount };

    private static string Owed(JsonElement app) => app.GetProperty("penaltyOwed").GetString()!;

    private static DateOnly Date(JsonElement app, string deadline) =>
        DateOnly.ParseExact(app.GetProperty("deadlines").GetProperty(deadline).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A submitted application on a fresh Limburg fund, on a fresh day (09:00, so no test runs across midnight).</summary>
    private async Task<(string AppId, string Source, DateOnly Submitted)> SubmittedAsync(string name, string source)
    {
        await fixture.PassAsync(1);
        var appId = $"{name}-{FundingApi.Suffix}";
        await fixture.DraftAsync(appId, Region, source, "40000.00");
        await (await fixture.As(Manager)).Act(appId, "submit");
        return (appId, source, await fixture.TodayAsync());
    }

    // The text of the application's one letter of that kind, as PdfPig reads it from the downloaded PDF.
    private static async Task<string> LetterTextAsync(LedgerApi reader, string appId, string kind)
    {
        var letter = Assert.Single((await reader.GetAsync($"api/applications/{appId}/letters")).Expect(HttpStatusCode.OK).Json.GetProperty("items")
            .EnumerateArray(), l => l.GetProperty("kind").GetString() == kind);
        var pdf = (await reader.GetBytesAsync($"api/applications/{appId}/letters/{letter.GetProperty("id").GetString()}.pdf")).Bytes;
        return string.Join(" ", ApplicationLetterAndDocumentTests.PdfText(pdf).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_late_decision_costs_the_law_s_amount_to_the_cent_at_every_boundary_and_the_maximum_is_paid_to_the_region()
    {
        var source = await fixture.FundAsync("pen", "100000.00");
        var (appId, _, submitted) = await SubmittedAsync("pen", source);
        var (manager, officer, treasurer) = (await fixture.As(Manager), await fixture.As(Officer), await fixture.As(Treasurer));
        var app = await officer.ViewAsync(appId);
        var termEnds = Date(app, "decision");
        // Eight weeks, moved off a weekend or holiday (Algemene termijnenwet).
        Assert.Equal(PvoFinance.Applications.AlgemeneTermijnenwet.Extend(NodaTime.LocalDate.FromDateOnly(submitted.AddDays(56))).ToDateOnly(), termEnds);

        // On the last day of the decision term a notice is premature: refused, naming the field and the rule, nothing changed.
        await fixture.SetDayAsync(termEnds);
        var before = await officer.ViewTextAsync(appId);
        var early = (await manager.TryAct(appId, "give-notice-of-default", Notice)).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "notice");
        Assert.Contains("4:17", early.GetProperty("detail").GetString());
        Assert.Contains(Iso(termEnds), early.GetProperty("detail").GetString());
        Assert.Equal(before, await officer.ViewTextAsync(appId));

        // The day after, the notice is received; the penalty runs from two weeks later (Awb 4:17 lid 3).
        await fixture.PassAsync(1);
        app = await manager.Act(appId, "give-notice-of-default", Notice);
        var firstDay = termEnds.AddDays(1 + 14);
        Assert.Equal(firstDay, Date(app, "penaltyRunning"));
        Assert.Equal("0.00", Owed(app));
        (await manager.TryAct(appId, "give-notice-of-default", Notice)).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "notice");
        var due = (await officer.GetAsync("api/applications/due?withinDays=30")).Expect(HttpStatusCode.OK).Json;
        Assert.Contains(due.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == appId && i.GetProperty("kind").GetString() == "PenaltyRunning");

        // Days owed are those before today: € 23 a day for days 1–14, € 35 for 15–28, € 45 for 29–42, at most 42.
        (int Day, string Owed)[] boundaries = [(0, "0.00"), (14, "322.00"), (15, "357.00"), (28, "812.00"), (29, "857.00"), (42, "1442.00"), (60, "1442.00")];
        foreach (var (day, owed) in boundaries)
        {
            await fixture.SetDayAsync(firstDay.AddDays(day));
            Assert.True(owed == Owed(await officer.ViewAsync(appId)), $"day {day}: expected {owed}");
            if (day == 29)
            {
                // While it still runs, its amount is not decided.
                var running = (await officer.TryAct(appId, "decide-penalty", Decide("857.00"))).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "penalty");
                Assert.Contains("still runs", running.GetProperty("detail").GetString());
            }
        }

        // Decided at exactly the law's amount, and by the fund's owner only.
        before = await officer.ViewTextAsync(appId);
        var wrong = (await officer.TryAct(appId, "decide-penalty", Decide("1441.99"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        Assert.Contains("1442.00", wrong.GetProperty("detail").GetString());
        (await officer.TryAct(appId, "decide-penalty", Decide("0.00"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "reason");
        (await manager.TryAct(appId, "decide-penalty", Decide("1442.00"))).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "caller");
        (await treasurer.TryAct(appId, "pay-penalty", Amount("1442.00", "SEPA-DW-0"))).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "amount");
        Assert.Equal(before, await officer.ViewTextAsync(appId));
        app = await officer.Act(appId, "decide-penalty", new JsonObject { ["amount"] = "1442.00", ["reason"] = "42 dagen in gebreke" });
        Assert.Equal("1442.00", app.GetProperty("penalty").GetProperty("decided").GetString());

        // The decision on the penalty is a letter, readable by the applicant, with its days per band.
        var penaltyLetter = await LetterTextAsync(manager, appId, "PenaltyDecision");
        Assert.Contains("Wij stellen de dwangsom vast op € 1.442,00 voor 42 dagen in gebreke", penaltyLetter, StringComparison.Ordinal);
        Assert.Contains("dag 29 tot en met 42: 14 × € 45,00 = € 630,00", penaltyLetter, StringComparison.Ordinal);
        Assert.Contains("Wij hebben niet beslist binnen 42 dagen", penaltyLetter, StringComparison.Ordinal);

        // Paid to the region by a treasurer of the fund; never more than outstanding.
        (await treasurer.TryAct(appId, "pay-penalty", Amount("1442.01", "SEPA-DW-1"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "amount");
        app = await treasurer.Act(appId, "pay-penalty", Amount("1442.00", "SEPA-DW-1"));
        Assert.Equal("1442.00", app.GetProperty("penalty").GetProperty("paid").GetString());
        (await treasurer.TryAct(appId, "pay-penalty", Amount("0.01", "SEPA-DW-2"))).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "amount");

        // The fund owner's cost in the journal of the year it was decided, paid into the region's journal; the ceiling untouched.
        var year = (await fixture.TodayAsync()).Year.ToString(CultureInfo.InvariantCulture);
        var journal = await fixture.Api.BalancesAsync($"source.{source}.{year}");
        Assert.Equal("1442.00", LedgerApi.Field(journal, $"expense:penalty:{source}:{year}", "balance"));
        Assert.Equal("0.00", LedgerApi.Field(journal, $"payable:penalty:{source}:{year}:{Region}", "balance"));
        Assert.DoesNotContain(journal.Keys, k => k.StartsWith("budget:", StringComparison.Ordinal) && k.EndsWith(year, StringComparison.Ordinal) && year != ThisYear);
        var region = await fixture.Api.BalancesAsync($"region.{Region}");
        Assert.Equal("1442.00", LedgerApi.Field(region, $"income:penalty:{Region}:{source}", "creditsPosted"));
        Assert.Equal("100000.00", await AvailableAsync(fixture, source));
    }

    [Fact]
    public async Task A_decision_on_the_15th_day_stops_the_penalty_and_its_objection_term_ends_on_its_last_day()
    {
        var source = await fixture.FundAsync("penobj", "100000.00");
        var (late, _, _) = await SubmittedAsync("penobj-late", source);
        var onTime = $"penobj-ontime-{FundingApi.Suffix}";
        await fixture.DraftAsync(onTime, Region, source, "40000.00");
        var (manager, officer) = (await fixture.As(Manager), await fixture.As(Officer));
        await manager.Act(onTime, "submit");
        await fixture.SetDayAsync(Date(await officer.ViewAsync(late), "decision").AddDays(1));
        var app = await manager.Act(late, "give-notice-of-default", Notice);
        var firstDay = Date(app, "penaltyRunning");

        // Rejected on the penalty's 16th day: 15 days in default, € 357.00, decided at once.
        await fixture.SetDayAsync(firstDay.AddDays(15));
        foreach (var id in new[] { late, onTime })
        {
            await officer.Act(id, "start-review");
            app = await officer.Act(id, "reject", Reason("past niet in de regeling"));
        }
        var rejected = await fixture.TodayAsync();
        app = await officer.ViewAsync(late);
        Assert.Equal("357.00", Owed(app));
        Assert.Equal(Iso(rejected), app.GetProperty("penalty").GetProperty("stoppedOn").GetString());
        await fixture.PassAsync(20);
        Assert.Equal("357.00", Owed(await officer.ViewAsync(late)));
        app = await officer.Act(late, "decide-penalty", Decide("357.00"));
        Assert.Equal("357.00", app.GetProperty("penalty").GetProperty("decided").GetString());

        // The objection term's last day, as the view shows it: an objection that day is in time, the day after it is not.
        var lastDay = Date(app, "objectionTerm");
        Assert.True(lastDay >= rejected.AddDays(42), $"{lastDay} is before six weeks after {rejected}");
        await fixture.SetDayAsync(lastDay);
        app = await manager.Act(late, "lodge-objection", new JsonObject { ["grounds"] = "de activiteit past wel in de regeling" });
        Assert.Equal(Iso(lastDay), app.GetProperty("objections")[0].GetProperty("lodgedOn").GetString());
        await fixture.PassAsync(1);
        var before = await officer.ViewTextAsync(onTime);
        var tooLate = (await manager.TryAct(onTime, "lodge-objection", new JsonObject { ["grounds"] = "de activiteit past wel in de regeling" }))
            .ExpectProblem(HttpStatusCode.Conflict, "Conflict", "decision");
        Assert.Contains("6:7", tooLate.GetProperty("detail").GetString());
        Assert.Contains(Iso(lastDay), tooLate.GetProperty("detail").GetString());
        Assert.Equal(before, await officer.ViewTextAsync(onTime));

        // Decided unfounded; a second objection to the same rejection is refused.
        app = await officer.Act(late, "decide-objection", new JsonObject { ["founded"] = false, ["reason"] = "ongegrond: de activiteit valt buiten de regeling" });
        Assert.Equal("Unfounded", app.GetProperty("objections")[0].GetProperty("outcome").GetString());

        // Every decision is a letter: the rejection, the penalty (15 days) and the decision on the objection (appeal, not objection).
        var kinds = (await manager.GetAsync($"api/applications/{late}/letters")).Expect(HttpStatusCode.OK).Json.GetProperty("items")
            .EnumerateArray().Select(l => l.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(["Rejection", "PenaltyDecision", "ObjectionDecision"], kinds);
        var penalty = await LetterTextAsync(manager, late, "PenaltyDecision");
        Assert.Contains("Wij stellen de dwangsom vast op € 357,00 voor 15 dagen in gebreke", penalty, StringComparison.Ordinal);
        Assert.Contains("dag 15 tot en met 15: 1 × € 35,00 = € 35,00", penalty, StringComparison.Ordinal);
        Assert.Contains("hebben wij op uw aanvraag beslist; die dag telt niet mee", penalty, StringComparison.Ordinal);
        var objection = await LetterTextAsync(manager, late, "ObjectionDecision");
        Assert.Contains("Beslissing op bezwaar", objection, StringComparison.Ordinal);
        Assert.Contains("Wij verklaren uw bezwaar ongegrond.", objection, StringComparison.Ordinal);
        Assert.Contains("ongegrond: de activiteit valt buiten de regeling", objection, StringComparison.Ordinal);
        Assert.Contains("zijn ontvangen door de rechtbank", objection, StringComparison.Ordinal);
        before = await officer.ViewTextAsync(late);
        var second = (await manager.TryAct(late, "lodge-objection", new JsonObject { ["grounds"] = "nogmaals" })).ExpectProblem(HttpStatusCode.Conflict, "Conflict", "decision");
        Assert.Contains("once", second.GetProperty("detail").GetString());
        Assert.Equal(before, await officer.ViewTextAsync(late));
    }
}
