using NodaTime;
using NodaTime.Testing;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>
/// People, a fake clock and small drivers so a test reads like a file's history. The fund is the province of
/// Limburg's (its provincial officers decide); the applicant is the Limburg PVO.
/// </summary>
internal sealed class ApplicationKit
{
    public static readonly AccessRules Rules = new(RegionCatalog.Shipped);

    /// <summary>Monday 2 March 2026, 10:00 in Amsterdam.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    public FakeClock Clock { get; } = new(Start);

    public static readonly Actor Manager = new("m1", Caller.Create(Role.PvoManager, Scope.Region("limburg")));
    public static readonly Actor Manager2 = new("m2", Caller.Create(Role.PvoManager, Scope.Region("limburg")));
    public static readonly Actor OtherManager = new("mx", Caller.Create(Role.PvoManager, Scope.Region("rotterdam")));
    public static readonly Actor Officer = new("o1", Caller.Create(Role.ProvincialOfficer, Scope.Province("Limburg")));
    public static readonly Actor Officer2 = new("o2", Caller.Create(Role.ProvincialOfficer, Scope.Province("Limburg")));
    public static readonly Actor OtherOfficer = new("ox", Caller.Create(Role.ProvincialOfficer, Scope.Province("Zuid-Holland")));
    public static readonly Actor Ministry = new("min", Caller.Create(Role.Ministry, Scope.National));
    public static readonly Actor Treasurer = new("t1", Caller.Create(Role.Treasurer, Scope.Province("Limburg")));
    public static readonly Actor NationalTreasurer = new("tn", Caller.Create(Role.Treasurer, Scope.National));
    public static readonly Actor RegionTreasurer = new("tr", Caller.Create(Role.Treasurer, Scope.Region("limburg")));
    public static readonly Actor OtherTreasurer = new("tz", Caller.Create(Role.Treasurer, Scope.Province("Zuid-Holland")));

    /// <summary>The PVO-manager m1 also holding a provincial officer's token: four-eyes must still stop them.</summary>
    public static readonly Actor ManagerAsOfficer = new("m1", Caller.Create(Role.ProvincialOfficer, Scope.Province("Limburg")));

    public static readonly Scope LimburgFund = Scope.Province("Limburg");

    public static Money M(string amount) => Money.Parse(amount);

    public LocalDate Today => LegalClocks.Today(Clock.GetCurrentInstant());

    public void AdvanceDays(int days) => Clock.Advance(Duration.FromDays(days));

    /// <summary>A new draft by <see cref="Manager"/>.</summary>
    public ApplicationWorkflow Draft(string requested, Scope? fund = null, SchemeRules? scheme = null)
    {
        var created = ApplicationWorkflow.CreateDraft("app-1", "limburg", fund ?? LimburgFund, scheme ?? SchemeRules.Default, Manager,
            new DraftContent("Keurmerk Veilig Ondernemen Maastricht", M(requested)), Rules, Clock);
        Assert.True(created.IsOk, created.ToString());
        return new ApplicationWorkflow(created.Application, Rules, Clock);
    }

    /// <summary>A grant for <paramref name="amount"/>: ends in ten months, accountability due a month later (tier B/C), with the given advances.</summary>
    public GrantDecision Grant(string amount, params (int Days, string Amount)[] advances)
    {
        var money = M(amount);
        var tierA = SchemeRules.Default.Tiers.TierOf(money) == AccountabilityTier.A;
        return new GrantDecision(money, Today.PlusMonths(10), tierA ? null : Today.PlusMonths(11),
            [.. advances.Select(a => new ScheduledAdvance(Today.PlusDays(a.Days), M(a.Amount)))], "past the committee");
    }

    public static AccountabilityReport FullReport(string costs = "30000") => new("Keurmerk behaald, 40 ondernemers", M(costs), "controleverklaring 2027-014");

    public ApplicationWorkflow UnderReview(string requested, Scope? fund = null, SchemeRules? scheme = null)
    {
        var wf = Draft(requested, fund, scheme);
        Ok(wf, ApplicationTrigger.Submit, Manager);
        Ok(wf, ApplicationTrigger.StartReview, fund == Scope.National ? Ministry : Officer);
        return wf;
    }

    /// <summary>Granted (tier B for 25,000.01..125,000) by <see cref="Officer"/>, or by Officer then Officer2 for tier C.</summary>
    public ApplicationWorkflow Granted(string amount, params (int Days, string Amount)[] advances)
    {
        var wf = UnderReview(amount);
        var decision = Grant(amount, advances);
        Ok(wf, ApplicationTrigger.Grant, Officer, decision);
        if (wf.Application.State == ApplicationState.UnderReview)
        {
            Ok(wf, ApplicationTrigger.Grant, Officer2, decision);
        }
        Assert.Equal(ApplicationState.Granted, wf.Application.State);
        return wf;
    }

    /// <summary>Fires and requires success.</summary>
    public static TransitionResult Ok(ApplicationWorkflow wf, ApplicationTrigger trigger, Actor actor, object? payload = null)
    {
        var r = wf.FireAsync(trigger, actor, payload).GetAwaiter().GetResult();
        Assert.True(r.IsOk, $"{trigger} by {actor}: {r}");
        Assert.Same(r.Application, wf.Application);
        Assert.Empty(ApplicationInvariants.Violations(wf.Application));
        return r;
    }

    /// <summary>Fires, requires a refusal, and checks the refusal changed nothing.</summary>
    public static Refusal No(ApplicationWorkflow wf, ApplicationTrigger trigger, Actor actor, object? payload = null, string? field = null, RefusalCode? code = null)
    {
        var before = wf.Application;
        var r = wf.FireAsync(trigger, actor, payload).GetAwaiter().GetResult();
        Assert.False(r.IsOk, $"{trigger} by {actor} should be refused, got {r}");
        Assert.Same(before, wf.Application);
        Assert.Same(before, r.Application);
        Assert.Empty(r.Effects);
        Assert.False(string.IsNullOrWhiteSpace(r.Refusal!.Reason));
        if (field is not null)
        {
            Assert.True(field == r.Refusal.Field, $"expected {field}: {r.Refusal}");
        }
        if (code is not null)
        {
            Assert.Equal(code, r.Refusal.Code);
        }
        return r.Refusal;
    }

    public static LedgerEffect E(LedgerEffectKind kind, string amount, LedgerEffectKind? reverses = null) => new("fund", kind, M(amount), reverses);
}
