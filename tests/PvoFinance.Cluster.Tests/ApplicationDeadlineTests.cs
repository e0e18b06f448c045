using System.Globalization;
using System.Text.Json;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The lifecycle's clocks with time actually passing (the shared <see cref="SettableClock"/>): the decision term of
/// eight weeks, suspended while information is awaited and extended once; an advance not paid before its date;
/// the payment term after the determination; revocation possible within five years and closing only after them.
/// </summary>
[Collection(ApplicationClusterCollection.Name)]
public sealed class ApplicationDeadlineTests(ApplicationClusterFixture fixture)
{
    private static readonly ActorDto Manager = new("due-manager", Role.PvoManager, "region:limburg");
    private static readonly ActorDto Officer = new("due-officer", Role.ProvincialOfficer, "province:Limburg");
    private static readonly ActorDto Treasurer = new("due-treasurer", Role.Treasurer, "province:Limburg");

    private IGrainFactory Grains => fixture.Client;

    private static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonElement Json(ApplicationReply reply)
    {
        Assert.True(reply.Ok, $"{reply.Status} {reply.Code} {reply.Field}: {reply.Reason}");
        return JsonDocument.Parse(reply.Json!).RootElement.Clone();
    }

    private static string? Deadline(JsonElement app, string name) =>
        app.GetProperty("deadlines").TryGetProperty(name, out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;

    private static string[] Actions(ApplicationReply reply) => [.. Json(reply).GetProperty("actions").EnumerateArray().Select(a => a.GetString()!)];

    private void Pass(int days) => fixture.Clock.Advance(Duration.FromDays(days));

    [Fact]
    public async Task Terms_run_are_suspended_extended_and_bar_revocation_after_five_years()
    {
        var source = Ledger.Unique("due").Replace(".", "-", StringComparison.Ordinal);
        var fund = Grains.GetGrain<IFundingSourceGrain>(source);
        Assert.True((await fund.Create(new FundingSourceDto
        {
            Id = source,
            Name = $"Fonds {source}",
            Kind = nameof(FundingSourceKind.ProvincialFund),
            Owner = "province:Limburg",
            Funder = "Provincie Limburg",
        })).Ok);
        var app = Grains.GetGrain<IApplicationGrain>(Ledger.Unique("due-app"));
        Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, "Keurmerk", "40000.00"))).Status);

        // Submitted: the decision is due eight weeks later (on the next working day when that is a weekend or holiday).
        var submitted = fixture.Clock.Today;
        var view = Json(await app.FireJson(Manager, ApplicationTrigger.Submit, null, null, "1"));
        Assert.Equal(Iso(AlgemeneTermijnenwet.Extend(submitted.PlusWeeks(8))), Deadline(view, "decision"));

        // Ten days later information is requested; fourteen days later it is supplied: the term moves by fourteen days.
        Pass(10);
        Json(await app.FireJson(Officer, ApplicationTrigger.StartReview, null, null, "2"));
        view = Json(await app.FireJson(Officer, ApplicationTrigger.RequestInformation, """{"reason":"begroting"}""", null, "3"));
        Assert.Equal(Iso(fixture.Clock.Today), Deadline(view, "decisionSuspendedSince"));
        Pass(14);
        view = Json(await app.FireJson(Manager, ApplicationTrigger.SupplyInformation, null, null, "4"));
        Assert.Null(Deadline(view, "decisionSuspendedSince"));
        Assert.Equal(Iso(AlgemeneTermijnenwet.Extend(submitted.PlusWeeks(8).PlusDays(14))), Deadline(view, "decision"));

        // Extended once, with a reason; a second extension is refused.
        var refused = await app.FireJson(Officer, ApplicationTrigger.ExtendDecisionTerm, """{"weeks":9,"reason":"advies"}""", null, "5");
        Assert.Equal((400, "weeks"), (refused.Status, refused.Field));
        view = Json(await app.FireJson(Officer, ApplicationTrigger.ExtendDecisionTerm, """{"weeks":4,"reason":"advies nodig"}""", null, "6"));
        Assert.Equal(Iso(AlgemeneTermijnenwet.Extend(submitted.PlusWeeks(12).PlusDays(14))), Deadline(view, "decision"));
        refused = await app.FireJson(Officer, ApplicationTrigger.ExtendDecisionTerm, """{"weeks":1,"reason":"nog eens"}""", null, "7");
        Assert.Equal((409, "extension"), (refused.Status, refused.Field));

        // Granted with an advance due in twenty days: not paid before, paid on the day.
        var today = fixture.Clock.Today;
        Assert.True((await fund.SetCeiling(today.Year, 100_000_00)).Ok);
        var grant = $$"""{"amount":"40000.00","endDate":"{{Iso(today.PlusDays(100))}}","accountabilityDue":"{{Iso(today.PlusDays(130))}}","advances":[{"due":"{{Iso(today.PlusDays(20))}}","amount":"10000.00"}],"reason":"ok"}""";
        view = Json(await app.FireJson(Officer, ApplicationTrigger.Grant, grant, null, "8"));
        Assert.Null(Deadline(view, "decision"));
        Assert.Equal(Iso(today.PlusDays(130)), Deadline(view, "accountability"));
        var early = await app.FireJson(Treasurer, ApplicationTrigger.PayAdvance, """{"amount":"10000.00"}""", null, "9");
        Assert.Equal((400, "amount"), (early.Status, early.Field));
        Pass(19);
        early = await app.FireJson(Treasurer, ApplicationTrigger.PayAdvance, """{"amount":"10000.00"}""", null, "10");
        Assert.Equal((400, "amount"), (early.Status, early.Field));
        Pass(1);
        view = Json(await app.FireJson(Treasurer, ApplicationTrigger.PayAdvance, """{"amount":"10000.00"}""", null, "11"));
        Assert.Equal("10000.00", view.GetProperty("figures").GetProperty("paid").GetString());

        // Accounted: the determination is due 22 weeks later; determined: the payment is due six weeks later.
        Pass(90);
        var accounted = fixture.Clock.Today;
        view = Json(await app.FireJson(Manager, ApplicationTrigger.SubmitAccountability, await AccountabilityDocuments.AccountedAsync(Grains, app.GetPrimaryKeyString(), Manager), null, "12"));
        Assert.Equal(Iso(accounted.PlusWeeks(22)), Deadline(view, "determination"));
        Assert.Null(Deadline(view, "accountability"));
        Pass(30);
        var determined = fixture.Clock.Today;
        view = Json(await app.FireJson(Officer, ApplicationTrigger.Determine, """{"amount":"40000.00"}""", null, "13"));
        Assert.Equal(Iso(determined.PlusWeeks(6)), Deadline(view, "payment"));
        Assert.Equal(Iso(determined.PlusYears(5)), Deadline(view, "barredFrom"));
        view = Json(await app.FireJson(Treasurer, ApplicationTrigger.RecordPayment, """{"amount":"30000.00"}""", null, "14"));
        Assert.Equal("Settled", view.GetProperty("state").GetString());
        Assert.Null(Deadline(view, "payment"));

        // Within five years a settled file can be revoked but not closed; after them the reverse.
        var close = await app.FireJson(Officer, ApplicationTrigger.Close, null, null, "15");
        Assert.Equal((409, "state"), (close.Status, close.Field));
        Assert.Equal(new[] { "revoke" }, Actions(await app.Get(Officer)));
        fixture.Clock.Advance(Duration.FromDays(Period.Between(fixture.Clock.Today, determined.PlusYears(5), PeriodUnits.Days).Days - 1));
        Assert.Equal(determined.PlusYears(5).PlusDays(-1), fixture.Clock.Today);
        Assert.Equal(new[] { "revoke" }, Actions(await app.Get(Officer)));
        Pass(1);
        Assert.Equal(new[] { "close" }, Actions(await app.Get(Officer)));
        var revoke = await app.FireJson(Officer, ApplicationTrigger.Revoke, """{"reason":"te laat"}""", null, "16");
        Assert.Equal((409, "state"), (revoke.Status, revoke.Field));
        view = Json(await app.FireJson(Officer, ApplicationTrigger.Close, null, null, "17"));
        Assert.Equal("Closed", view.GetProperty("state").GetString());
        Assert.True(view.GetProperty("figures").GetProperty("matchesDecisions").GetBoolean());
    }
}
