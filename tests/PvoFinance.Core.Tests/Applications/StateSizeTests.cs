using System.Reflection;
using System.Text.Json;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;
using PvoFinance.Storage;
using Xunit.Abstractions;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>
/// The declared maximum sizes of grain state: every persistent state has one, each fits a table entity, and an
/// application at its limits of advances with every reason at its longest fits its bound with its remembered answers.
/// </summary>
public sealed class StateSizeTests(ITestOutputHelper output)
{
    private static string Long(string tag) => (tag + " ").PadRight(ApplicationLimits.MaxTextLength, 'x');

    [Fact]
    public void Every_persistent_state_declares_a_bound_that_fits_one_table_entity()
    {
        var stateTypes = typeof(ApplicationGrain).Assembly.GetTypes()
            .SelectMany(t => t.GetConstructors())
            .SelectMany(c => c.GetParameters())
            .Where(p => p.GetCustomAttributes().Any(a => a.GetType().Name == "PersistentStateAttribute"))
            .Select(p => p.ParameterType.GetGenericArguments().Single().Name)
            .Distinct()
            .ToList();
        Assert.True(stateTypes.Count >= 8, $"found {stateTypes.Count} persistent states");
        foreach (var name in stateTypes)
        {
            var max = GrainStateLimits.MaxBytesOf(name);
            Assert.InRange(max, 1, GrainStateLimits.MaxStateBytes);
        }
        Assert.Throws<ArgumentException>(() => GrainStateLimits.MaxBytesOf("SomethingNew"));
    }

    [Fact]
    public void The_declared_worst_case_of_an_application_state_fits_its_bound_and_its_request_fits_an_entity()
    {
        output.WriteLine($"worst state {ApplicationStateBudget.WorstStateBytes:N0} B of {GrainStateLimits.MaxApplicationBytes:N0} B " +
            $"(history {ApplicationStateBudget.MaxHistoryBytes:N0}, schedule {ApplicationStateBudget.ScheduleBytes:N0} twice, other members " +
            $"{ApplicationStateBudget.ValueOtherBytes:N0} twice, answers {GrainStateLimits.MaxApplicationRememberedBytes:N0} + {GrainStateLimits.ApplicationAnswerHeadroomBytes:N0}); " +
            $"its write request {GrainStateLimits.RequestBytesOf(ApplicationStateBudget.WorstStateBytes):N0} B of {GrainStateLimits.EntityRequestBytes:N0}");
        Assert.True(ApplicationStateBudget.WorstStateBytes <= GrainStateLimits.MaxApplicationBytes, $"{ApplicationStateBudget.WorstStateBytes:N0} bytes");
        Assert.True(GrainStateLimits.RequestBytesOf(GrainStateLimits.MaxStateBytes) <= GrainStateLimits.EntityRequestBytes);
        Assert.True(GrainStateLimits.RequestBytesOf(GrainStateLimits.MaxStateBytes + 3) > GrainStateLimits.EntityRequestBytes - 4, "the bound is the largest such size, not far under it");
        // The state that stopped the long application of the scale benchmark: under the old bound, over what Azurite takes.
        Assert.True(GrainStateLimits.RequestBytesOf(786_312) > GrainStateLimits.EntityRequestBytes);
        Assert.True(786_312 > GrainStateLimits.MaxStateBytes);
    }

    [Fact]
    public void An_application_at_its_most_advances_with_the_longest_texts_keeps_its_other_members_and_schedule_within_the_budget()
    {
        var kit = new ApplicationKit();
        var wf = kit.Draft("30000");
        Ok(wf, T.EditDraft, Manager, new DraftContent(new string('<', ApplicationLimits.MaxTextLength), M("30000")));
        Ok(wf, T.Submit, Manager);
        Ok(wf, T.StartReview, Officer);
        var each = M("100");
        var decision = kit.Grant("30000") with
        {
            Advances = [.. Enumerable.Range(0, ApplicationLimits.MaxAdvances).Select(_ => new ScheduledAdvance(kit.Today, each))],
            Reason = new string('<', ApplicationLimits.MaxTextLength),
        };
        Ok(wf, T.Grant, Officer, decision);
        if (wf.Application.State == ApplicationState.UnderReview)
        {
            Ok(wf, T.Grant, Officer2, decision);
        }
        for (var i = 0; i < ApplicationLimits.MaxAdvances; i++)
        {
            Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(each, new string('<', ApplicationLimits.MaxTextLength)));
        }
        var stored = HistoryCompaction.Compact(wf.Application);
        var value = JsonWireSize.Of(ApplicationJson.Serialize(stored));
        var history = Wire(stored.History) + Wire(stored.Carried);
        var schedule = Wire(stored.Advances);
        output.WriteLine($"value {value:N0} B with {stored.History.Count} entries: history {history:N0} B, schedule of {stored.Advances.Count} {schedule:N0} B, the rest {value - history - schedule:N0} B");
        Assert.Equal(ApplicationLimits.MaxAdvances, stored.AdvancesPaidCount);
        Assert.True(schedule <= ApplicationStateBudget.ScheduleBytes, $"{schedule:N0} bytes");
        Assert.True(value - history - schedule <= ApplicationStateBudget.ValueOtherBytes, $"{value - history - schedule:N0} bytes");
    }

    private static long Wire<TValue>(TValue value) => JsonWireSize.Of(JsonSerializer.Serialize(value, ApplicationJson.Options));

    [Fact]
    public void Remembered_answers_count_the_bytes_they_take_in_the_state()
    {
        var reply = new RememberedReply("fp", null, 3, 200, "{\"history\":[]}");
        // 14 characters, of which 2 quotes written as six-byte escapes.
        Assert.Equal(RememberedReply.FixedBytes + 2 + 14 + 2 * 5, reply.Bytes);
        var legacy = new RememberedReply("fp", new LegacyApplicationReply(200, new string('x', 100), null, null, null), 0, 0, null);
        Assert.Equal(RememberedReply.FixedBytes + 102, legacy.Bytes);
        var stored = JsonSerializer.SerializeToUtf8Bytes(new RememberedReply(new string('f', 64), null, 499, 200, "{\"title\":\"<&>\"}", 50)).LongLength;
        Assert.InRange(new RememberedReply(new string('f', 64), null, 499, 200, "{\"title\":\"<&>\"}", 50).Bytes, stored, stored + RememberedReply.FixedBytes);
    }
}
