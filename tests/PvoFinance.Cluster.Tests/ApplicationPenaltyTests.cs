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
/// The penalty for a late decision and the objection term with time passing (the shared <see cref="SettableClock"/>):
/// a notice of default the day after the decision term, a decision 43 days into the penalty, the maximum of € 1,442.00
/// decided and paid to the region to the cent in the ledger, outside the fund's ceiling; an objection the day after its term.
/// </summary>
[Collection(ApplicationClusterCollection.Name)]
public sealed class ApplicationPenaltyTests(ApplicationClusterFixture fixture)
{
    private static readonly ActorDto Manager = new("pen-manager", Role.PvoManager, "region:limburg");
    private static readonly ActorDto Officer = new("pen-officer", Role.ProvincialOfficer, "province:Limburg");
    private static readonly ActorDto Officer2 = new("pen-officer2", Role.ProvincialOfficer, "province:Limburg");
    private static readonly ActorDto Treasurer = new("pen-treasurer", Role.Treasurer, "province:Limburg");

    private IGrainFactory Grains => fixture.Client;

    private static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonElement Json(ApplicationReply reply)
    {
        Assert.True(reply.Ok, $"{reply.Status} {reply.Code} {reply.Field}: {reply.Reason}");
        return JsonDocument.Parse(reply.Json!).RootElement.Clone();
    }

    private void Pass(int days) => fixture.Clock.Advance(Duration.FromDays(days));

    private async Task<(string Source, IFundingSourceGrain Fund)> Fund()
    {
        var source = Ledger.Unique("pen").Replace(".", "-", StringComparison.Ordinal);
        var fund = Grains.GetGrain<IFundingSourceGrain>(source);
        Assert.True((await fund.Create(new FundingSourceDto
        {
            Id = source,
            Name = $"Fonds {source}",
            Kind = nameof(FundingSourceKind.ProvincialFund),
            Owner = "province:Limburg",
            Funder = "Provincie Limburg",
        })).Ok);
        return (source, fund);
    }

    [Fact]
    public async Task A_late_decision_costs_the_maximum_paid_to_the_region_to_the_cent()
    {
        var (source, _) = await Fund();
        var app = Grains.GetGrain<IApplicationGrain>(Ledger.Unique("pen-app"));
        Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, "Keurmerk", "40000.00"))).Status);
        var view = Json(await app.FireJson(Manager, ApplicationTrigger.Submit, null, null, "1"));
        var termEnds = LocalDate.FromDateTime(DateTime.Parse(view.GetProperty("deadlines").GetProperty("decision").GetString()!, CultureInfo.InvariantCulture));

        // On the last day of the term a notice is premature; the day after it is received and the penalty runs two weeks later.
        Pass(Period.Between(fixture.Clock.Today, termEnds, PeriodUnits.Days).Days);
        var early = await app.FireJson(Manager, ApplicationTrigger.GiveNoticeOfDefault, """{"reason":"ingebrekestelling"}""", null, "2");
        Assert.Equal((409, "notice"), (early.Status, early.Field));
        Pass(1);
        view = Json(await app.FireJson(Manager, ApplicationTrigger.GiveNoticeOfDefault, """{"reason":"ingebrekestelling"}""", null, "3"));
        Assert.Equal(Iso(termEnds.PlusDays(15)), view.GetProperty("deadlines").GetProperty("penaltyRunning").GetString());

        // Rejected 43 days into the penalty: 42 days are owed, € 1,442.00.
        Pass(14 + 43);
        Json(await app.FireJson(Officer, ApplicationTrigger.StartReview, null, null, "4"));
        view = Json(await app.FireJson(Officer, ApplicationTrigger.Reject, """{"reason":"past niet"}""", null, "5"));
        Assert.Equal("1442.00", view.GetProperty("penaltyOwed").GetString());
        var wrong = await app.FireJson(Officer2, ApplicationTrigger.DecidePenalty, """{"amount":"1441.99"}""", null, "6");
        Assert.Equal((400, "amount"), (wrong.Status, wrong.Field));
        view = Json(await app.FireJson(Officer2, ApplicationTrigger.DecidePenalty, """{"amount":"1442.00","reason":"42 dagen"}""", null, "7"));
        Assert.Equal("1442.00", view.GetProperty("penalty").GetProperty("decided").GetString());
        Assert.Equal(["pay-penalty"], Json(await app.Get(Treasurer)).GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).ToArray());
        view = Json(await app.FireJson(Treasurer, ApplicationTrigger.PayPenalty, """{"amount":"1442.00","reference":"SEPA-DW-1"}""", null, "8"));
        Assert.Equal("1442.00", view.GetProperty("penalty").GetProperty("paid").GetString());

        // In the ledger: the fund owner's cost, paid into the region's journal; the ceiling (budget) is untouched.
        var year = fixture.Clock.Today.Year.ToString(CultureInfo.InvariantCulture);
        var sourceJournal = await Ledger.Balances(Grains, FundingAccounts.Journal(source, fixture.Clock.Today.Year));
        Assert.Equal(1442_00, sourceJournal[$"expense:penalty:{source}:{year}"].PostedBalance);
        Assert.Equal(0, sourceJournal[$"payable:penalty:{source}:{year}:limburg"].PostedBalance);
        Assert.DoesNotContain(sourceJournal.Keys, k => k.StartsWith("budget:", StringComparison.Ordinal));
        var region = await Ledger.Balances(Grains, FundingAccounts.RegionJournal("limburg"));
        Assert.Equal(1442_00, region[$"income:penalty:limburg:{source}"].CreditsPosted);
        var again = await app.FireJson(Treasurer, ApplicationTrigger.PayPenalty, """{"amount":"0.01"}""", null, "9");
        Assert.Equal((409, "amount"), (again.Status, again.Field));
    }

    [Fact]
    public async Task An_objection_the_day_after_its_term_is_refused_and_one_on_the_last_day_revises_a_rejection()
    {
        var (source, fund) = await Fund();
        Assert.True((await fund.SetCeiling(fixture.Clock.Today.Year, 100_000_00)).Ok);
        Assert.True((await fund.SetCeiling(fixture.Clock.Today.Year + 1, 100_000_00)).Ok);
        async Task<IApplicationGrain> Rejected(string name)
        {
            var app = Grains.GetGrain<IApplicationGrain>(Ledger.Unique(name));
            Assert.Equal(201, (await app.Create(Manager, Drafts.Of("limburg", source, "Keurmerk", "40000.00"))).Status);
            Json(await app.FireJson(Manager, ApplicationTrigger.Submit, null, null, "1"));
            Json(await app.FireJson(Officer, ApplicationTrigger.StartReview, null, null, "2"));
            Json(await app.FireJson(Officer, ApplicationTrigger.Reject, """{"reason":"past niet"}""", null, "3"));
            return app;
        }
        var late = await Rejected("obj-late");
        var onTime = await Rejected("obj-ontime");
        var rejectedOn = fixture.Clock.Today;
        // Six weeks, to the next working day when they end on a weekend or holiday (Algemene termijnenwet).
        var lastDay = AlgemeneTermijnenwet.Extend(rejectedOn.PlusWeeks(6));
        Pass(Period.Between(rejectedOn, lastDay, PeriodUnits.Days).Days);
        var view = Json(await onTime.FireJson(Manager, ApplicationTrigger.LodgeObjection, """{"grounds":"de activiteit past wel"}""", null, "4"));
        Assert.Equal(Iso(AlgemeneTermijnenwet.Extend(lastDay.PlusWeeks(6))), view.GetProperty("deadlines").GetProperty("objectionDecision").GetString());
        Pass(1);
        var refused = await late.FireJson(Manager, ApplicationTrigger.LodgeObjection, """{"grounds":"de activiteit past wel"}""", null, "4");
        Assert.Equal((409, "decision"), (refused.Status, refused.Field));
        Assert.Contains("6:7", refused.Reason);

        var today = fixture.Clock.Today;
        var grant = "{\"founded\":true,\"reason\":\"gegrond\",\"grant\":{\"amount\":\"40000.00\",\"endDate\":\"" + Iso(today.PlusDays(100))
            + "\",\"accountabilityDue\":\"" + Iso(today.PlusDays(130)) + "\",\"advances\":[]}}";
        view = Json(await onTime.FireJson(Officer2, ApplicationTrigger.DecideObjection, grant, null, "5"));
        Assert.Equal("Granted", view.GetProperty("state").GetString());
        Assert.Equal("40000.00", view.GetProperty("figures").GetProperty("open").GetString());
        Assert.True(view.GetProperty("figures").GetProperty("matchesDecisions").GetBoolean());
    }
}
