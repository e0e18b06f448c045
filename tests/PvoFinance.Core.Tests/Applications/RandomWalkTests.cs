using PvoFinance.Access;
using PvoFinance.Applications;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using K = PvoFinance.Applications.LedgerEffectKind;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>
/// Seeded random sequences of requests by random people, with a clock that jumps days and years. Whatever
/// happens: nothing throws, no request fails internally, a refusal changes nothing, whatever succeeds was
/// listed as permitted, every value keeps its invariants, and money adds up.
/// </summary>
public sealed class RandomWalkTests
{
    private static readonly Actor[] People =
    [
        Manager, Manager2, OtherManager, Officer, Officer2, OtherOfficer, Ministry,
        Treasurer, NationalTreasurer, RegionTreasurer, OtherTreasurer, ManagerAsOfficer,
        new("min2", Caller.Create(Role.Ministry, Scope.National)),
    ];

    [Theory]
    [InlineData(1, 3_000)]
    [InlineData(2, 3_000)]
    [InlineData(20260302, 3_000)]
    public async Task Random_requests_never_throw_never_break_invariants_and_keep_money_consistent(int seed, int steps)
    {
        var rng = new Random(seed);
        var kit = new ApplicationKit();
        var visited = new HashSet<S>();
        var succeeded = new HashSet<T>();
        var walk = new Walk(kit, rng, rng.Next(2) == 0 ? LimburgFund : Scope.National);
        var files = 1;
        var coFinancedSteps = 0;
        var spreadTransitions = 0;

        for (var step = 0; step < steps; step++)
        {
            if (rng.Next(8) == 0)
            {
                kit.AdvanceDays(rng.Next(0, 45));
            }
            if (rng.Next(400) == 0)
            {
                kit.AdvanceDays(5 * 365);
            }
            var wf = walk.Workflow;
            // Mostly someone who can do something now, sometimes anyone at all.
            var able = People.Where(p => wf.PermittedTriggers(p).Count > 0).ToArray();
            var actor = able.Length > 0 && rng.Next(10) < 6 ? able[rng.Next(able.Length)] : People[rng.Next(People.Length)];
            var permitted = wf.PermittedTriggers(actor);
            var trigger = permitted.Count > 0 && rng.Next(10) < 8
                ? permitted[rng.Next(permitted.Count)]
                : Enum.GetValues<T>()[rng.Next(Enum.GetValues<T>().Length)];
            // Endings are permitted nearly everywhere; mostly pick something else so that walks get deep.
            if (trigger is T.Withdraw or T.Reject or T.Revoke && rng.Next(8) > 0)
            {
                var others = permitted.Where(t => t is not (T.Withdraw or T.Reject or T.Revoke)).ToArray();
                trigger = others.Length > 0 ? others[rng.Next(others.Length)] : Enum.GetValues<T>()[rng.Next(Enum.GetValues<T>().Length)];
            }
            var payload = walk.Payload(trigger);
            var before = wf.Application;

            var result = await wf.FireAsync(trigger, actor, payload);

            Assert.Same(result.Application, wf.Application);
            if (result.IsOk)
            {
                Assert.Contains(trigger, permitted);
                Assert.Equal(before.History.Count + 1, wf.Application.History.Count);
                Assert.Same(result.Entry, wf.Application.History[^1]);
                Assert.Equal((before.State, actor.UserId), (result.Entry!.From, result.Entry.UserId));
                succeeded.Add(trigger);
                walk.Remember(trigger, payload);
                if (result.Effects.Select(e => e.Source).Distinct().Count() > 1)
                {
                    spreadTransitions++;
                }
            }
            else
            {
                Assert.True(result.Refusal!.Code != RefusalCode.Internal, $"{trigger} {payload}: {result.Refusal}");
                Assert.Same(before, wf.Application);
            }

            var app = wf.Application;
            Assert.Empty(ApplicationInvariants.Violations(app));
            CheckMoney(app);
            // Every source on its own keeps the same rules as the whole.
            foreach (var source in app.Plan.Select(p => p.Source))
            {
                CheckMoney(app with { History = [.. app.History.Select(h => h with { Effects = [.. h.Effects.Where(e => e.Source == source)] })] }, source);
            }
            if (walk.CoFinanced)
            {
                coFinancedSteps++;
            }
            visited.Add(app.State);

            if (app.State is S.Closed || (app.State is S.Rejected or S.Withdrawn && rng.Next(4) == 0))
            {
                walk = new Walk(kit, rng, rng.Next(2) == 0 ? LimburgFund : Scope.National);
                files++;
            }
        }

        // The walk must get deep enough to mean something.
        Assert.True(files >= 5, $"only {files} files");
        foreach (var s in new[] { S.Granted, S.Determined, S.Settled, S.Revoked, S.AccountabilitySubmitted, S.AmendmentRequested })
        {
            Assert.True(visited.Contains(s), $"{s} never reached in {files} files; visited {string.Join(", ", visited)}");
        }
        Assert.True(succeeded.Count >= 15, "triggers that succeeded: " + string.Join(", ", succeeded));
        Assert.True(coFinancedSteps >= steps / 5, $"only {coFinancedSteps} steps on co-financed files");
        Assert.True(spreadTransitions >= 10, $"only {spreadTransitions} transitions moved money on several sources");
    }

    /// <summary>
    /// An independent recount from the history: what is committed covers what was advanced or made payable,
    /// nothing is paid or received beyond what was made payable or claimed, determinations stay within grants,
    /// and a settled file has nothing left anywhere.
    /// </summary>
    /// <param name="app">The application (or one source's view of it: only that source's effects).</param>
    /// <param name="source">The source viewed, or null for the whole.</param>
    private static void CheckMoney(Application app, string? source = null)
    {
        long commits = 0, releases = 0, commitReversals = 0, advances = 0, payables = 0, payableReversals = 0, payments = 0, receivables = 0, receivableReversals = 0, receipts = 0;
        foreach (var e in app.History.SelectMany(h => h.Effects))
        {
            Assert.True(e.Amount.Cents > 0);
            switch (e.Kind)
            {
                case K.Commit: commits += e.Amount.Cents; break;
                case K.Release: releases += e.Amount.Cents; break;
                case K.Reverse when e.Reverses == K.Commit: commitReversals += e.Amount.Cents; break;
                case K.Reverse when e.Reverses == K.Payable: payableReversals += e.Amount.Cents; break;
                case K.Reverse when e.Reverses == K.Receivable: receivableReversals += e.Amount.Cents; break;
                case K.PenaltyPayable or K.PenaltyPayment: break;   // the fund owner's own cost, not the grant's money
                case K.Advance: advances += e.Amount.Cents; break;
                case K.Payable: payables += e.Amount.Cents; break;
                case K.Payment: payments += e.Amount.Cents; break;
                case K.Receivable: receivables += e.Amount.Cents; break;
                case K.Receipt: receipts += e.Amount.Cents; break;
                default: Assert.Fail($"unexpected effect {e}"); break;
            }
        }
        var stillCommitted = commits - releases - commitReversals;
        Assert.True(stillCommitted >= advances, "commits - releases - reversals >= advances");
        var open = stillCommitted - advances - payables;
        Assert.True(open >= 0, "the commitment covers advances and payables");
        Assert.Equal(open, source is null ? app.Amounts.OpenCommitment.Cents : app.Positions().Single(p => p.Source == source).Amounts.OpenCommitment.Cents);
        var payableLeft = payables - payableReversals - payments;
        Assert.True(payableLeft >= 0, "never paid more than made payable");
        receivables -= receivableReversals;
        Assert.True(receivables - receipts >= 0, "never received more than claimed");
        if (app.Determined is { } d && source is null)
        {
            Assert.True(d <= app.Granted && !d.IsNegative, "0 <= determined <= granted");
            if (app.State is S.Determined or S.Settled)
            {
                // What the recipient ends up with equals the determination once everything is settled.
                Assert.Equal(d.Cents, advances + payables - payableReversals - receivables);
            }
        }
        if (app.State is S.Settled or S.Closed)
        {
            Assert.Equal((0L, 0L, 0L), (open, payableLeft, receivables - receipts));
        }
    }

    /// <summary>One application and a generator of plausible, sometimes wrong, requests for it.</summary>
    private sealed class Walk
    {
        private readonly ApplicationKit _kit;
        private readonly Random _rng;
        private GrantDecision? _lastGrant;
        private AmendmentDecision? _lastAmendment;
        private Determination? _lastDetermination;

        private readonly Dictionary<string, FundingTerms> _terms = [];

        public Walk(ApplicationKit kit, Random rng, Scope fund)
        {
            _kit = kit;
            _rng = rng;
            var requested = M(Pick("20000", "25000", "60000", "125000", "200000", "124999.99"));
            CoFinanced = rng.Next(2) == 0;
            // Co-financed files: the fund (at most 80 % of the costs), the region's levy pot, and a sponsor (at most 20 %).
            var lead = CoFinanced ? FundingTerms.Fund("fund", fund) with { MaxCofinancing = new PvoFinance.Funding.Percentage(8000) } : FundingTerms.Fund("fund", fund);
            _terms["fund"] = lead;
            _terms["levy"] = new FundingTerms("levy", PvoFinance.Funding.FundingSourceKind.MunicipalLevy, Scope.Region("limburg"), null, []);
            _terms["sponsor"] = new FundingTerms("sponsor", PvoFinance.Funding.FundingSourceKind.Private, Scope.Region("limburg"), new PvoFinance.Funding.Percentage(2000), []);
            var content = CoFinanced ? Content("Keurmerk", requested) : new DraftContent("Keurmerk", requested);
            var created = ApplicationWorkflow.CreateDraft($"app-{rng.Next()}", "limburg", lead, _terms, SchemeRules.Default, Manager, content, Rules, kit.Clock);
            Assert.True(created.IsOk, created.ToString());
            Workflow = new ApplicationWorkflow(created.Application, Rules, kit.Clock, _terms);
        }

        public ApplicationWorkflow Workflow { get; }

        /// <summary>Whether this file's plan has several sources.</summary>
        public bool CoFinanced { get; }

        // 70 % from the fund, 20 % from the levy pot, 10 % from the sponsor, on costs of 125 % of the request.
        private static DraftContent Content(string title, Money requested)
        {
            var parts = Allocation.Split(requested, [70, 20, 10]);
            var plan = new[] { new FundingPart("fund", parts[0]), new FundingPart("levy", parts[1]), new FundingPart("sponsor", parts[2]) }.Where(p => p.Amount.Cents > 0).ToList();
            return new DraftContent(title, requested, Money.FromCents(requested.Cents / 4 * 5 + 4), null, plan);
        }

        // Sometimes a split named explicitly: the plan's parts scaled (valid), or shuffled amounts (often refused).
        private IReadOnlyList<FundingPart>? Split(Money total)
        {
            if (!CoFinanced || _rng.Next(3) > 0 || total.Cents <= 0)
            {
                return null;
            }
            var weights = App.Plan.Select(p => _rng.Next(4) == 0 ? (long)_rng.Next(0, 100) : p.Amount.Cents).ToArray();
            if (weights.Sum() == 0)
            {
                return null;
            }
            var shares = Allocation.Split(total, weights);
            return [.. App.Plan.Select((p, i) => new FundingPart(p.Source, shares[i])).Where(p => p.Amount.Cents > 0)];
        }

        private Application App => Workflow.Application;

        public void Remember(T trigger, object? payload)
        {
            switch (payload)
            {
                case GrantDecision g when trigger == T.Grant: _lastGrant = g; break;
                case AmendmentDecision a: _lastAmendment = a; break;
                case Determination d: _lastDetermination = d; break;
            }
        }

        public object? Payload(T trigger) => trigger switch
        {
            T.EditDraft => CoFinanced && _rng.Next(2) == 0
                ? Content(Pick("Keurmerk", "", "Camera's"), Amount(App.Requested))
                : new DraftContent(Pick("Keurmerk", "", "Camera's"), Amount(App.Requested)),
            T.ExtendDecisionTerm => new DecisionTermExtension(_rng.Next(0, 10), Pick("advies", "")),
            T.Grant => App.PendingApproval is not null && _lastGrant is not null && _rng.Next(4) > 0 ? _lastGrant : Grant(),
            T.PayAdvance => new AdvancePayment(App.NextAdvance is { } n && _rng.Next(5) > 0 ? n.Amount : Amount(App.Granted)),
            T.RequestAmendment => new AmendmentRequest(
                _rng.Next(3) == 0 ? null : _rng.Next(2) == 0 ? App.Granted + Money.FromCents(_rng.Next(1, 5_000_000)) : Amount(App.Granted),
                _rng.Next(2) == 0 ? null : App.EndDate?.PlusDays(_rng.Next(-10, 120)),
                Pick("reden", "reden", "reden", "")),
            T.ApproveAmendment => App.PendingApproval is not null && _lastAmendment is not null && _rng.Next(4) > 0 ? _lastAmendment : Amendment(),
            T.SubmitAccountability => _rng.Next(4) switch
            {
                0 => new AccountabilityReport("resultaten"),
                1 => new AccountabilityReport(null),
                _ => FullReport(),
            },
            T.Determine => App.PendingApproval is not null && _lastDetermination is not null && _rng.Next(4) > 0
                ? _lastDetermination
                : new Determination(_rng.Next(3) == 0 ? App.Granted : Amount(App.Granted), Pick("grond 4:46", "")),
            T.RecordPayment => new MoneyRecord(_rng.Next(3) > 0 ? App.Amounts.Payable : Amount(App.Amounts.Payable)),
            T.RecordReclaim => new MoneyRecord(_rng.Next(3) > 0 ? App.Amounts.Receivable : Amount(App.Amounts.Receivable)),
            T.LodgeObjection => new ObjectionLodging(Pick("bezwaar", "bezwaar", ""), _rng.Next(4) == 0 ? _rng.Next(0, App.History.Count + 2) : null),
            T.ExtendObjectionTerm => new ObjectionTermExtension(Pick("reden", ""), _rng.Next(2) == 0),
            T.DecideObjection => _rng.Next(3) switch
            {
                0 => new ObjectionDecision(false, Pick("ongegrond", "")),
                1 => new ObjectionDecision(true, "gegrond", Grant()),
                _ => new ObjectionDecision(true, "gegrond", Determined: _rng.Next(3) == 0 ? App.Granted : Amount(App.Granted)),
            },
            T.DecidePenalty => new PenaltyDecision(App.Penalty is { } p && _rng.Next(4) > 0 ? p.OwedOn(_kit.Today) : Amount(new Money(1442_00)), Pick("reden", "")),
            T.PayPenalty => new MoneyRecord(App.Penalty is { } q && _rng.Next(3) > 0 ? q.Outstanding : Amount(new Money(1442_00))),
            _ => _rng.Next(5) == 0 ? null : new Note(Pick("reden", "", "  ")),
        };

        private GrantDecision Grant()
        {
            var amount = _rng.Next(4) == 0 ? Amount(App.Requested) : App.Requested;
            var tierA = SchemeRules.Default.Tiers.TierOf(amount) == AccountabilityTier.A;
            var today = _kit.Today;
            var count = tierA && _rng.Next(4) > 0 ? 0 : _rng.Next(0, 4);
            var advances = new List<ScheduledAdvance>();
            for (var i = 0; i < count; i++)
            {
                advances.Add(new ScheduledAdvance(today.PlusDays(i * _rng.Next(0, 60)), Money.FromCents(amount.Cents / (count + _rng.Next(0, 2)))));
            }
            var end = today.PlusDays(_rng.Next(-5, 300));
            return new GrantDecision(amount, end, tierA && _rng.Next(5) > 0 ? null : end.PlusDays(_rng.Next(-5, 90)), advances, Pick("besluit", ""), Split(amount));
        }

        private AmendmentDecision Amendment()
        {
            var asked = App.Amendment?.Budget ?? App.Granted;
            var budget = _rng.Next(3) == 0 ? Amount(asked) : asked;
            var end = App.Amendment?.EndDate ?? App.EndDate ?? _kit.Today;
            IReadOnlyList<ScheduledAdvance>? remaining = _rng.Next(2) == 0
                ? null
                : [new ScheduledAdvance(_kit.Today.PlusDays(_rng.Next(0, 30)), Money.FromCents(Math.Max(1, (budget - App.Amounts.AdvancesPaid).Cents / 2)))];
            return new AmendmentDecision(budget, end, null, remaining, Pick("akkoord", ""), Split(budget));
        }

        /// <summary>Mostly a part of <paramref name="around"/>, sometimes a cent over it, sometimes zero.</summary>
        private Money Amount(Money around) => _rng.Next(10) switch
        {
            0 => Money.Zero,
            1 => around + Money.FromCents(1),
            _ => Money.FromCents((long)(around.Cents * _rng.NextDouble())),
        };

        private string Pick(params string[] options) => options[_rng.Next(options.Length)];
    }
}
