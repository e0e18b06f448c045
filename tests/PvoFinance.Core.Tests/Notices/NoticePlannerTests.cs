using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Notices;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Notices;

/// <summary>Which deadline becomes a notice when, to whom, and only once: judged with a fake clock at the edges.</summary>
public sealed class NoticePlannerTests
{
    private static readonly NoticeSubject Subject = new("app-1", "limburg", "Winkelsurveillance Maastricht", "province:Limburg");
    private static readonly AccessRules Rules = new(RegionCatalog.Shipped);

    /// <summary>Noon in Amsterdam on <paramref name="day"/> (and a minute before midnight, where the edge matters).</summary>
    private static Instant At(LocalDate day, int hour = 12, int minute = 0) => day.At(new LocalTime(hour, minute)).InZoneStrictly(LegalClocks.Zone).ToInstant();

    private static readonly LocalDate Due = new(2026, 12, 21);

    [Theory]
    [InlineData(DeadlineKind.Decision, 14)]
    [InlineData(DeadlineKind.ObjectionTerm, 7)]
    [InlineData(DeadlineKind.ObjectionDecision, 14)]
    [InlineData(DeadlineKind.Accountability, 30)]
    [InlineData(DeadlineKind.Determination, 14)]
    [InlineData(DeadlineKind.Payment, 14)]
    [InlineData(DeadlineKind.PenaltyRunning, 0)]
    [InlineData(DeadlineKind.PenaltyDecision, 7)]
    public void A_notice_is_made_from_the_lead_day_on_and_not_a_day_earlier(DeadlineKind kind, int lead)
    {
        var deadlines = With(kind, Due);
        // The last minute of the day before the lead day: nothing yet.
        Assert.Empty(NoticePlanner.Plan(Subject, deadlines, At(Due.PlusDays(-lead - 1), 23, 59)));
        // The first minute of the lead day (Amsterdam): the notice.
        var made = Assert.Single(NoticePlanner.Plan(Subject, deadlines, At(Due.PlusDays(-lead), 0, 0)));
        Assert.Equal((kind, Due, "limburg.20261221." + kind.ToString().ToLowerInvariant() + ".app-1"), (made.Kind, made.Due, made.Id));
        Assert.Equal(NoticeRules.For(kind, Due)!.Action, made.Action);
    }

    [Fact]
    public void The_limitation_notice_names_the_last_day_to_act_and_drops_off_once_barred()
    {
        var barred = new LocalDate(2031, 6, 1);
        var deadlines = Deadlines.None with { BarredFrom = barred };
        var last = barred.PlusDays(-1);
        Assert.Empty(NoticePlanner.Plan(Subject, deadlines, At(last.PlusDays(-31))));
        Assert.Equal(last, Assert.Single(NoticePlanner.Plan(Subject, deadlines, At(last.PlusDays(-30)))).Due);
        Assert.Single(NoticePlanner.Plan(Subject, deadlines, At(last)));
        Assert.Empty(NoticePlanner.Plan(Subject, deadlines, At(barred)));
    }

    [Fact]
    public void A_passed_objection_term_makes_no_late_notice_but_an_overdue_decision_does_for_two_weeks()
    {
        Assert.Empty(NoticePlanner.Plan(Subject, With(DeadlineKind.ObjectionTerm, Due), At(Due.PlusDays(1))));
        var decision = With(DeadlineKind.Decision, Due);
        Assert.Single(NoticePlanner.Plan(Subject, decision, At(Due.PlusDays(NoticeLimits.MaxLateDays))));
        Assert.Empty(NoticePlanner.Plan(Subject, decision, At(Due.PlusDays(NoticeLimits.MaxLateDays + 1))));
    }

    [Fact]
    public void A_suspended_decision_term_makes_no_notice()
    {
        var suspended = With(DeadlineKind.Decision, Due) with { DecisionSuspendedSince = Due.PlusDays(-20) };
        Assert.Empty(NoticePlanner.Plan(Subject, suspended, At(Due)));
    }

    [Fact]
    public void Planning_again_later_gives_the_same_ids_so_the_store_keeps_one()
    {
        var deadlines = With(DeadlineKind.Decision, Due);
        var first = NoticePlanner.Plan(Subject, deadlines, At(Due.PlusDays(-14)));
        var again = NoticePlanner.Plan(Subject, deadlines, At(Due.PlusDays(-3)));
        Assert.Equal(first.Select(n => n.Id), again.Select(n => n.Id));
        // A new due day (the term extended) is a new notice.
        var extended = NoticePlanner.Plan(Subject, With(DeadlineKind.Decision, Due.PlusDays(28)), At(Due.PlusDays(14)));
        Assert.NotEqual(first.Single().Id, extended.Single().Id);
    }

    [Fact]
    public async Task The_store_makes_a_notice_once_and_prunes_after_the_retention()
    {
        var store = new InMemoryNoticeStore();
        var notices = NoticePlanner.Plan(Subject, With(DeadlineKind.Decision, Due), At(Due.PlusDays(-10)));
        Assert.Equal(1, await store.AddAsync("limburg", notices));
        Assert.Equal(0, await store.AddAsync("limburg", NoticePlanner.Plan(Subject, With(DeadlineKind.Decision, Due), At(Due.PlusDays(-9)))));
        Assert.Equal(At(Due.PlusDays(-10)), (await store.GetAsync("limburg", notices[0].Id))!.Made);
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync("rotterdam", notices));
        Assert.Equal(0, await store.PruneAsync("limburg", NoticePlanner.KeepFrom(At(Due.PlusDays(NoticeLimits.RetainDays)))));
        Assert.Equal(1, await store.PruneAsync("limburg", NoticePlanner.KeepFrom(At(Due.PlusDays(NoticeLimits.RetainDays + 1)))));
        Assert.Empty(await store.ListAsync("limburg", 10));
    }

    [Fact]
    public void The_decision_notice_goes_to_the_deciding_officer_and_the_applicant_not_to_other_scopes()
    {
        var notice = NoticePlanner.Plan(Subject, With(DeadlineKind.Decision, Due), At(Due)).Single();
        Assert.True(NoticeRecipients.IsFor(notice, Caller.Create(Role.PvoManager, Scope.Region("limburg")), Rules));
        Assert.True(NoticeRecipients.IsFor(notice, Caller.Create(Role.ProvincialOfficer, Scope.Province("Limburg")), Rules));
        Assert.False(NoticeRecipients.IsFor(notice, Caller.Create(Role.PvoManager, Scope.Region("rotterdam")), Rules));
        Assert.False(NoticeRecipients.IsFor(notice, Caller.Create(Role.ProvincialOfficer, Scope.Province("Gelderland")), Rules));
        Assert.False(NoticeRecipients.IsFor(notice, Caller.Create(Role.Ministry, Scope.National), Rules));
        Assert.False(NoticeRecipients.IsFor(notice, Caller.Create(Role.Treasurer, Scope.National), Rules));
    }

    [Fact]
    public void The_accountability_notice_goes_to_the_applicant_and_the_treasurers_whose_books_cover_the_region()
    {
        var national = Subject with { FundOwner = "national" };
        var notice = NoticePlanner.Plan(national, With(DeadlineKind.Accountability, Due), At(Due)).Single();
        Assert.True(NoticeRecipients.IsFor(notice, Caller.Create(Role.PvoManager, Scope.Region("limburg")), Rules));
        Assert.True(NoticeRecipients.IsFor(notice, Caller.Create(Role.Treasurer, Scope.National), Rules));
        Assert.True(NoticeRecipients.IsFor(notice, Caller.Create(Role.Treasurer, Scope.Province("Limburg")), Rules));
        Assert.False(NoticeRecipients.IsFor(notice, Caller.Create(Role.Treasurer, Scope.Province("Gelderland")), Rules));
        Assert.False(NoticeRecipients.IsFor(notice, Caller.Create(Role.Ministry, Scope.National), Rules));
        // A national fund's determination is the ministry's.
        var determination = NoticePlanner.Plan(national, With(DeadlineKind.Determination, Due), At(Due)).Single();
        Assert.True(NoticeRecipients.IsFor(determination, Caller.Create(Role.Ministry, Scope.National), Rules));
        Assert.False(NoticeRecipients.IsFor(determination, Caller.Create(Role.PvoManager, Scope.Region("limburg")), Rules));
    }

    [Fact]
    public void Ids_split_back_into_their_parts_and_anything_else_is_no_id()
    {
        var id = NoticeIds.Of("zeeland-west-brabant", "a-1", DeadlineKind.PenaltyRunning, Due);
        Assert.True(NoticeIds.TryParse(id, out var region, out var due, out var kind, out var app));
        Assert.Equal(("zeeland-west-brabant", Due, DeadlineKind.PenaltyRunning, "a-1"), (region, due, kind, app));
        foreach (var bad in new[] { "", "limburg", "limburg.2026122.decision.a", "limburg.20261321.decision.a", "limburg.20261221.nope.a", "Limburg.20261221.decision.a", "limburg.20261221.decision.a.b", new string('a', 200) })
        {
            Assert.False(NoticeIds.TryParse(bad, out _, out _, out _, out _), bad);
        }
    }

    [Fact]
    public void Every_kind_has_a_dated_rule_with_a_reason_and_none_before_notices_began()
    {
        foreach (var kind in Enum.GetValues<DeadlineKind>())
        {
            var rule = NoticeRules.For(kind, Due);
            Assert.NotNull(rule);
            Assert.Contains("Awb", rule.Reason, StringComparison.Ordinal);
            Assert.Null(NoticeRules.For(kind, NoticeRules.Introduced.PlusDays(-1)));
        }
    }

    private static Deadlines With(DeadlineKind kind, LocalDate due) => kind switch
    {
        DeadlineKind.Decision => Deadlines.None with { Decision = due },
        DeadlineKind.Accountability => Deadlines.None with { Accountability = due },
        DeadlineKind.Determination => Deadlines.None with { Determination = due },
        DeadlineKind.Payment => Deadlines.None with { Payment = due },
        DeadlineKind.Limitation => Deadlines.None with { BarredFrom = due.PlusDays(1) },
        DeadlineKind.ObjectionTerm => Deadlines.None with { ObjectionTerm = due },
        DeadlineKind.ObjectionDecision => Deadlines.None with { ObjectionDecision = due },
        DeadlineKind.PenaltyRunning => Deadlines.None with { PenaltyRunning = due },
        _ => Deadlines.None with { PenaltyDecision = due },
    };
}
