using System.Text.Json;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;
using PvoFinance.Storage;
using Xunit.Abstractions;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>
/// The compact history an application keeps in its state (issue 14): the rules work on it as on the whole history, its
/// worst case at the history limit is computed and fits its declared share of the state, and a real application at the
/// limit, every reason at its longest, stays under it.
/// </summary>
public sealed class HistoryCompactionTests(ITestOutputHelper output)
{
    private static string Long(string tag) => (tag + " ").PadRight(ApplicationLimits.MaxTextLength, 'x');

    private static long Wire<TValue>(TValue value) => JsonWireSize.Of(JsonSerializer.Serialize(value, ApplicationJson.Options));

    [Fact]
    public void The_worst_case_history_is_computed_from_the_limits_and_fits_its_declared_share_of_the_state()
    {
        output.WriteLine($"compact entry {ApplicationStateBudget.CompactEntryBytes:N0} B, whole entry {ApplicationStateBudget.WholeEntryBytes:N0} B, " +
            $"compact history {ApplicationStateBudget.CompactHistoryBytes:N0} B, history in the state at most {ApplicationStateBudget.MaxHistoryBytes:N0} B " +
            $"of {GrainStateLimits.MaxApplicationHistoryBytes:N0} B declared (state bound {GrainStateLimits.MaxApplicationBytes:N0} B)");
        Assert.True(ApplicationStateBudget.MaxHistoryBytes <= GrainStateLimits.MaxApplicationHistoryBytes, $"{ApplicationStateBudget.MaxHistoryBytes:N0} bytes");
        // What is left of the bound holds the remembered answers, one more answer's room, and the value's other members.
        Assert.True(GrainStateLimits.MaxApplicationHistoryBytes + ApplicationGrain.MaxRememberedBytes + GrainStateLimits.ApplicationAnswerHeadroomBytes
            + 2 * (ApplicationStateBudget.ScheduleBytes + ApplicationStateBudget.ValueOtherBytes) <= GrainStateLimits.MaxApplicationBytes);

        // The worst history built: every entry at its longest, compacted.
        var worst = Enumerable.Range(1, ApplicationLimits.MaxHistoryEntries)
            .Select(s => ApplicationStateBudget.WorstEntry(s, withText: true, effects: 0)).ToList();
        var compact = worst.Select(h => HistoryCompaction.Compact(h, keepEffects: false)).ToList();
        var bytes = Wire(compact);
        output.WriteLine($"{compact.Count} worst compact entries: {bytes:N0} B (whole: {Wire(worst):N0} B)");
        Assert.True(bytes <= ApplicationLimits.MaxHistoryEntries * ApplicationStateBudget.CompactEntryBytes, $"{bytes:N0} bytes");
        Assert.True(Wire(ApplicationStateBudget.WorstEntry(1, withText: true, effects: ApplicationStateBudget.MaxEffectsPerEntry)) <= ApplicationStateBudget.WholeEntryBytes);
        Assert.True(Wire(worst) > GrainStateLimits.EntityBytes, "the whole history at its longest would not fit a table entity");
    }

    [Fact]
    public void An_application_at_the_history_limit_with_the_longest_reasons_works_on_its_compact_history_and_stays_within_the_budget()
    {
        var kit = new ApplicationKit();
        var wf = kit.Draft("30000");
        var whole = new List<HistoryEntry>(wf.Application.History);
        void Step(T trigger, Actor actor, object? payload = null)
        {
            // As the grain does: every transition starts from the value as stored (compact).
            wf = new ApplicationWorkflow(HistoryCompaction.Compact(wf.Application), Rules, kit.Clock);
            whole.Add(Ok(wf, trigger, actor, payload).Entry!);
        }
        var advances = Enumerable.Range(0, ApplicationLimits.MaxAdvances).Select(_ => (0, "100")).ToArray();
        while (whole.Count < ApplicationLimits.MaxHistoryEntries - ApplicationLimits.MaxAdvances - 5)
        {
            Step(T.EditDraft, Manager, new DraftContent(Long($"titel {whole.Count}"), M("30000")));
        }
        Step(T.Submit, Manager, new Note(Long("indiening")));
        Step(T.StartReview, Officer, new Note(Long("beoordeling")));
        var decision = kit.Grant("30000", advances) with { Reason = Long("commissie") };
        Step(T.Grant, Officer, decision);
        if (wf.Application.State == ApplicationState.UnderReview)
        {
            Step(T.Grant, Officer2, decision);
        }
        for (var i = 0; i < ApplicationLimits.MaxAdvances; i++)
        {
            Step(T.PayAdvance, Treasurer, new AdvancePayment(M("100"), Long($"bank-{i}")));
        }
        var stored = HistoryCompaction.Compact(wf.Application);
        output.WriteLine($"{stored.History.Count} transitions; compact history {Wire(stored.History) + Wire(stored.Carried):N0} B, whole {Wire(whole):N0} B");
        Assert.InRange(stored.History.Count, ApplicationLimits.MaxHistoryEntries - 5, ApplicationLimits.MaxHistoryEntries);
        Assert.Equal(ApplicationState.Granted, stored.State);
        Assert.Equal(ApplicationLimits.MaxAdvances, stored.AdvancesPaidCount);
        Assert.True(Wire(stored.History) + Wire(stored.Carried) <= ApplicationStateBudget.CompactHistoryBytes);
        Assert.All(stored.History, h => Assert.Null(h.Reason));

        // The rows give back the whole value: same money, same invariants, each entry as it happened.
        var expanded = HistoryCompaction.Expand(stored, whole);
        Assert.Equal(wf.Application.Positions(), expanded.Positions());
        Assert.Equal(stored.Positions(), expanded.Positions());
        Assert.Empty(ApplicationInvariants.Violations(expanded));
        Assert.Empty(ApplicationInvariants.Violations(stored));
        Assert.Equal(Long($"bank-{ApplicationLimits.MaxAdvances - 1}"), expanded.History[^1].Reason);
        Assert.Equal(ApplicationJson.Serialize(stored), ApplicationJson.Serialize(HistoryCompaction.Compact(stored)));
        Assert.Equal(ApplicationJson.Serialize(stored), ApplicationJson.Serialize(HistoryCompaction.Compact(expanded)));
    }

    [Fact]
    public void Compaction_keeps_the_first_commitment_whole_so_the_grant_year_stays_and_folds_the_other_effects()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("30000", (0, "10000"));
        Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("10000"), "bank"));
        var stored = HistoryCompaction.Compact(wf.Application);
        var commits = stored.History.Where(h => h.Effects.Count > 0).ToList();
        Assert.Single(commits);
        Assert.Contains(commits[0].Effects, e => e.Kind == LedgerEffectKind.Commit);
        Assert.Equal(commits[0].At, wf.Application.History.First(h => h.Effects.Any(e => e.Kind == LedgerEffectKind.Commit)).At);
        Assert.Equal(M("10000"), Assert.Single(stored.Carried).Amounts.AdvancesPaid);
        Assert.Equal(wf.Application.Positions(), stored.Positions());
        Assert.All(stored.History, h => Assert.Equal("", h.UserId));
        Assert.Throws<ArgumentException>(() => HistoryCompaction.Expand(stored, wf.Application.History.Take(2).ToList()));
    }

    [Fact]
    public async Task The_history_store_limits_refuse_what_a_table_batch_or_read_cannot_hold()
    {
        var store = new InMemoryApplicationHistoryStore();
        var entry = ApplicationStateBudget.WorstEntry(1, withText: true, effects: 1);
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("Bad id", [entry]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("app-1", [.. Enumerable.Range(1, 101).Select(s => entry with { Sequence = s })]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("app-1", [entry, entry]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync("app-1", 0, 3));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync("app-1", 1, ApplicationHistoryLimits.MaxRead + 1));
        await store.WriteAsync("app-1", [entry, entry with { Sequence = 3 }]);
        await store.WriteAsync("app-1", [entry with { Reason = "again" }]);
        var read = await store.ReadAsync("app-1", 1, 3);
        Assert.Equal([1, 3], read.Select(h => h.Sequence));
        Assert.Equal("again", read[0].Reason);
        Assert.Empty(await store.ReadAsync("app-2", 1, 3));
    }
}
