using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using PvoFinance.Ledger;
using static PvoFinance.Core.Tests.Accounts;

namespace PvoFinance.Core.Tests;

/// <summary>
/// One abstract step of a generated history. Its numbers are read against the journal as it is when the step
/// runs (which reservation, which earlier key), so any sub-list of steps is again a valid history — which is
/// what lets FsCheck shrink a failure to a short one.
/// </summary>
public readonly record struct Step(int Op, int A, int B, int C, int D)
{
    public override string ToString() => $"({Op},{A},{B},{C},{D})";
}

/// <summary>A generated history of commands.</summary>
public sealed record Script(Step[] Steps)
{
    public override string ToString() => $"{Steps.Length} steps: {string.Join(" ", Steps)}";
}

public static class ScriptArbitrary
{
    public const int MaxSteps = 40;

    public static Gen<Step> StepGen { get; } =
        from op in Gen.Choose(0, 99)
        from a in Gen.Choose(0, 1_000_000)
        from b in Gen.Choose(0, 1_000_000)
        from c in Gen.Choose(0, 1_000_000)
        from d in Gen.Choose(0, 1_000_000)
        select new Step(op, a, b, c, d);

    public static Arbitrary<Script> Scripts()
    {
        var gen = from n in Gen.Choose(1, MaxSteps)
                  from steps in Gen.ArrayOf(StepGen, n)
                  select new Script(steps);
        return Arb.From(gen, Shrink);
    }

    private static IEnumerable<Script> Shrink(Script s)
    {
        var steps = s.Steps;
        if (steps.Length > 1)
        {
            yield return new Script(steps[..(steps.Length / 2)]);
            yield return new Script(steps[(steps.Length / 2)..]);
        }
        for (var i = steps.Length - 1; i >= 0 && steps.Length > 1; i--)
        {
            yield return new Script([.. steps[..i], .. steps[(i + 1)..]]);
        }
    }
}

/// <summary>
/// Runs a generated history against a journal and checks, after every step, what must hold whatever the
/// commands were; and at the end, that the history can be verified and rebuilt.
/// </summary>
internal sealed class InvariantRun
{
    private static readonly AccountId[] Pool = [Appropriation, Budget, Budget2, Commitment, Commitment2, Cash, Income, Expense, Payable];
    private static readonly LocalDate Base = new(2026, 1, 1);

    private readonly LedgerHarness _h = new();
    private readonly List<(LedgerCommand Command, long Sequence)> _committed = [];
    private readonly List<(string Key, LocalDate Date)> _reservations = [];
    private int _fresh;

    public int Commits { get; private set; }

    public int Rejections { get; private set; }

    public int Duplicates { get; private set; }

    public void Run(IEnumerable<Step> steps)
    {
        var i = 0;
        foreach (var step in steps)
        {
            try
            {
                Execute(step);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"Step {i} {step} failed: {ex.Message}", ex);
            }
            i++;
        }
        CheckEnd();
    }

    private string NewKey(string prefix) => $"{prefix}-{_fresh++}";

    private static long Amount(int x, int y) => y % 3 == 0 ? 1 + x % 500 : 1 + x % 300_000;

    private static Posting P(AccountId a, long cents) => new(a, new Money(cents));

    private static string? Memo(int x) => (x % 4) switch { 0 => null, 1 => "", _ => $"memo {x % 97}" };

    private static List<Posting> Legs(Step s)
    {
        var amt = Amount(s.B, s.C);
        var grantee = s.C % 2 == 0 ? Commitment : Commitment2;
        switch (s.A % 14)
        {
            case 0:
            case 1:
                return [P(Appropriation, amt * 3), P(s.D % 5 == 0 ? Budget2 : Budget, -amt * 3)];    // fund a budget
            case 2:
                return [P(Budget, amt), P(grantee, -amt)];                                          // commit a grant
            case 3:
            case 4:
                return [P(Cash, amt * 2), P(Income, -amt * 2)];                                      // receive money
            case 5:
                return [P(grantee, amt), P(Cash, -amt)];                                            // pay a grantee
            case 6:
                var part = 1 + s.D % amt;                                                           // may leave a zero leg
                return [P(Budget, amt), P(Commitment, -part), P(Commitment2, -(amt - part))];
            case 7:
                return [P(Expense, amt), P(Cash, -amt)];                                            // spend from the bank
            case 8:
                return [P(Budget2, amt), P(Payable, -amt)];
            case 9:
            case 10:
                var n = 2 + s.D % 3;                                                                // random legs
                var start = s.C % Pool.Length;
                var legs = new List<Posting>();
                long sum = 0;
                for (var k = 0; k < n - 1; k++)
                {
                    var cents = (1 + (s.B / (k + 1)) % 50_000) * ((s.D >> k) % 2 == 0 ? 1 : -1);
                    legs.Add(P(Pool[(start + k * 2) % Pool.Length], cents));
                    sum += cents;
                }
                legs.Add(P(Pool[(start + (n - 1) * 2) % Pool.Length], -sum));                       // may be zero
                return legs;
            case 11:
                return [P(Expense, amt), P(Payable, -amt - 1)];                                     // unbalanced
            case 12:
                return [P(InKind, amt), P(Income, -amt)];                                           // memo and cash
            default:
                return [P(Expense, amt), P(Expense, amt), P(Payable, -2 * amt)];                    // same account twice
        }
    }

    private LedgerCommand Build(Step s, out (LedgerCommand Command, long Sequence)? replayOf, out bool changed)
    {
        replayOf = null;
        changed = false;
        var date = Base.PlusDays(s.D % 120);
        switch (s.Op)
        {
            case < 25:
                return new PostEntry(NewKey("post"), date, Legs(s), Memo(s.C));
            case < 45:
                return new ReserveEntry(NewKey("reserve"), date, Legs(s), Memo(s.C));
            case < 73:
            {
                var (key, reservedOn) = _reservations.Count == 0 || s.A % 15 == 0
                    ? ("no-such-reservation", date)
                    : _reservations[s.A % _reservations.Count];
                var on = reservedOn.PlusDays(s.D % 20 - 3); // sometimes before the reservation
                if (s.Op >= 63)
                {
                    return new VoidReservation(NewKey("void"), on, key, Memo(s.C));
                }
                Money? amount = null;
                if (s.B % 4 != 0)
                {
                    var open = _h.Journal.ReservationOf(key)?.Total.Cents ?? 10_000;
                    amount = new Money((s.B % 4) switch
                    {
                        1 => 1 + s.C % open,                // partial or exact
                        2 => Math.Max(1, open / 2),          // half
                        _ => open + 1 + s.C % 100,           // more than reserved
                    });
                    if (s.C % 50 == 0)
                    {
                        amount = new Money(-(s.C % 3));     // zero or negative
                    }
                }
                return new PostReservation(NewKey("take"), on, key, amount, Memo(s.C));
            }
            case < 83:
            {
                if (_committed.Count == 0 || s.A % 12 == 0)
                {
                    return new ReverseEntry(NewKey("undo"), date, "no-such-entry");
                }
                var target = _h.Entries[(int)(_committed[s.A % _committed.Count].Sequence - 1)];
                return new ReverseEntry(NewKey("undo"), target.ValueDate.PlusDays(s.D % 10 - 2), target.Key, Memo(s.C));
            }
            default:
            {
                if (_committed.Count == 0)
                {
                    return new PostEntry(NewKey("post"), date, Legs(s), Memo(s.C));
                }
                var original = _committed[s.A % _committed.Count];
                replayOf = original;
                if (s.Op < 92)
                {
                    return original.Command;
                }
                changed = true;
                var c = original.Command;
                return (s.B % 3) switch
                {
                    0 => c with { Memo = (c.Memo ?? "") + "x" },
                    1 => c with { ValueDate = c.ValueDate.PlusDays(1 + s.C % 5) },
                    _ => c switch
                    {
                        PostEntry p => p with { Postings = [.. p.Postings.Select((x, i) => i == 0 ? x with { Amount = x.Amount + new Money(1) } : x)] },
                        ReserveEntry r => r with { Postings = [.. r.Postings.Reverse()] },
                        PostReservation pr => pr with { Amount = pr.Amount is { } a ? a + new Money(1) : new Money(1) },
                        VoidReservation v => v with { ReservationKey = v.ReservationKey + "-other" },
                        ReverseEntry rv => rv with { EntryKey = rv.EntryKey + "-other" },
                        _ => throw new InvalidOperationException("unknown command"),
                    },
                };
            }
        }
    }

    private void Execute(Step step)
    {
        var command = Build(step, out var replayOf, out var changed);
        var beforeJson = _h.StateJson;
        var beforeVersion = _h.Journal.Version;
        var beforeHead = _h.Journal.HeadHash;
        var beforeKeys = _h.Journal.KeyCount;

        var outcome = _h.Execute(command);

        if (replayOf is { } original)
        {
            if (changed)
            {
                var rejected = Assert.IsType<Rejected>(outcome);
                Assert.Equal(RejectionCode.IdempotencyConflict, rejected.Rejection.Code);
            }
            else
            {
                Assert.Equal(new Duplicate(original.Sequence), outcome);
            }
        }

        switch (outcome)
        {
            case Committed c:
                Commits++;
                Assert.Equal(beforeVersion + 1, _h.Journal.Version);
                Assert.Equal(_h.Journal.Version, c.Entry.Sequence);
                Assert.Equal(beforeHead, c.Entry.PreviousHash);
                Assert.Equal(c.Entry.Hash, _h.Journal.HeadHash);
                Assert.Equal(beforeKeys + 1, _h.Journal.KeyCount);
                Assert.Equal(c.Entry.Sequence, _h.Journal.SequenceOf(command.Key));
                _committed.Add((command, c.Entry.Sequence));
                if (command is ReserveEntry)
                {
                    _reservations.Add((command.Key, command.ValueDate));
                }
                break;
            case Duplicate d:
                Duplicates++;
                Assert.Equal(_h.Journal.SequenceOf(command.Key), d.Sequence);
                AssertUnchanged();
                break;
            case Rejected r:
                Rejections++;
                Assert.False(string.IsNullOrWhiteSpace(r.Rejection.Message));
                AssertUnchanged();
                break;
        }
        CheckInvariants();

        void AssertUnchanged()
        {
            Assert.Equal(beforeVersion, _h.Journal.Version);
            Assert.Equal(beforeHead, _h.Journal.HeadHash);
            Assert.Equal(beforeKeys, _h.Journal.KeyCount);
            Assert.Equal(beforeJson, _h.StateJson);
        }
    }

    private void CheckInvariants()
    {
        var balances = _h.Journal.Balances;
        Assert.Equal(0, balances.Sum(b => b.Posted.Cents));
        Assert.Equal(balances.Sum(b => b.DebitsPending), balances.Sum(b => b.CreditsPending));
        foreach (var b in balances)
        {
            Assert.True(b.WithinLimit, $"{b.Account} is over its limit: {b}");
            Assert.True(b.DebitsPosted >= 0 && b.CreditsPosted >= 0 && b.DebitsPending >= 0 && b.CreditsPending >= 0, $"negative total: {b}");
        }

        // What is pending on each account is exactly what the open reservations still hold there.
        var heldDebit = new Dictionary<AccountId, long>();
        var heldCredit = new Dictionary<AccountId, long>();
        foreach (var r in _h.Journal.OpenReservations)
        {
            Assert.Equal(0, r.Remaining.Sum(p => p.Amount.Cents));
            Assert.True(r.Total.Cents > 0, $"reservation {r.Key} is open with nothing left");
            foreach (var p in r.Remaining)
            {
                var side = p.Amount.Cents > 0 ? heldDebit : heldCredit;
                side[p.Account] = side.GetValueOrDefault(p.Account) + Math.Abs(p.Amount.Cents);
            }
        }
        foreach (var b in balances)
        {
            Assert.Equal(heldDebit.GetValueOrDefault(b.Account), b.DebitsPending);
            Assert.Equal(heldCredit.GetValueOrDefault(b.Account), b.CreditsPending);
        }
    }

    private void CheckEnd()
    {
        var json = _h.StateJson;
        var report = ChainVerifier.Verify(_h.Entries);
        Assert.True(report.Intact, report.Reason);
        Assert.Equal(_h.Journal.Version, report.EntriesChecked);
        Assert.Equal(_h.Journal.HeadHash, report.HeadHash);

        Assert.Equal(json, LedgerJson.Serialize(Journal.FromState(_h.Journal.ToState()).ToState()));
        Assert.Equal(json, LedgerJson.Serialize(Journal.FromState(LedgerJson.DeserializeState(json)).ToState()));

        var replayed = new Journal();
        foreach (var e in _h.Entries)
        {
            replayed.Apply(LedgerJson.DeserializeEntry(LedgerJson.Serialize(e)));
        }
        Assert.Equal(json, LedgerJson.Serialize(replayed.ToState()));
        Assert.Equal(_h.Journal.KeyCount, replayed.KeyCount);

        var asOf = LedgerQueries.BalancesAsOf(_h.Entries, new LocalDate(2100, 1, 1));
        Assert.Equal(_h.Journal.Balances.OrderBy(b => b.Account.Value, StringComparer.Ordinal), asOf);
    }
}

public class LedgerInvariantProperties
{
    [Property(MaxTest = 2000, Arbitrary = new[] { typeof(ScriptArbitrary) })]
    public void Every_generated_history_keeps_the_ledger_invariants(Script script) => new InvariantRun().Run(script.Steps);

    [Fact]
    public void Long_seeded_histories_keep_the_ledger_invariants_and_exercise_every_outcome()
    {
        int commits = 0, rejections = 0, duplicates = 0;
        for (var seed = 1; seed <= 25; seed++)
        {
            var random = new Random(seed);
            var steps = Enumerable.Range(0, 300)
                .Select(_ => new Step(random.Next(100), random.Next(1_000_001), random.Next(1_000_001), random.Next(1_000_001), random.Next(1_000_001)))
                .ToList();
            var run = new InvariantRun();
            run.Run(steps);
            commits += run.Commits;
            rejections += run.Rejections;
            duplicates += run.Duplicates;
        }
        // The generator must reach all three outcomes often, or the invariants above prove little.
        Assert.True(commits > 1_500, $"only {commits} commits");
        Assert.True(rejections > 1_500, $"only {rejections} rejections");
        Assert.True(duplicates > 300, $"only {duplicates} duplicates");
    }
}
