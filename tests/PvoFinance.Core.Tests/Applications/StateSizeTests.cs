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
            Assert.InRange(max, 1, GrainStateLimits.EntityBytes - GrainStateLimits.EntityOverheadBytes);
        }
        Assert.Throws<ArgumentException>(() => GrainStateLimits.MaxBytesOf("SomethingNew"));
    }

    [Fact]
    public void An_application_at_its_most_advances_with_the_longest_reasons_fits_its_bound_with_a_transition_pending_and_every_answer_remembered()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("30000", [.. Enumerable.Range(0, ApplicationLimits.MaxAdvances).Select(_ => (0, "625"))]);
        var sizes = new List<long>();
        for (var i = 0; i < ApplicationLimits.MaxAdvances; i++)
        {
            Ok(wf, T.PayAdvance, Treasurer, new AdvancePayment(M("625"), Long($"bank-{i}")));
            sizes.Add(ApplicationJson.Serialize(wf.Application).Length);
        }
        var value = ApplicationJson.Serialize(wf.Application);
        // The worst intent write: the old and the new value, a full set of remembered answers, one more answer's room.
        var state = new ApplicationGrainState
        {
            Version = 2,
            Json = value,
            SourceId = "fund",
            Pending = new PendingTransition(value, new("t1", Role.Treasurer, "province:Limburg"), new string('k', 200), new string('f', 64)),
        };
        var answer = new string('a', 4_000);
        for (var i = 0; state.Replies.Values.Sum(r => r.Chars) + answer.Length <= ApplicationGrain.MaxRememberedChars; i++)
        {
            state.Replies[$"key-{i}"] = new RememberedReply(new string('f', 64), null, i, 200, answer);
            state.ReplyOrder.Add($"key-{i}");
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state).LongLength + GrainStateLimits.ApplicationAnswerHeadroomBytes;
        var perEntry = (sizes[^1] - sizes[0]) / (sizes.Count - 1);
        var room = (GrainStateLimits.MaxApplicationBytes - bytes) / 2 / perEntry;
        output.WriteLine($"value {value.Length:N0} chars, {wf.Application.History.Count} entries; worst intent state {bytes:N0} of {GrainStateLimits.MaxApplicationBytes:N0} bytes; " +
            $"a full-length advance adds {perEntry:N0} chars; room for about {room} more such entries");
        Assert.True(bytes <= GrainStateLimits.MaxApplicationBytes, $"{bytes:N0} bytes");
        Assert.InRange(perEntry, ApplicationLimits.MaxTextLength, 2 * ApplicationLimits.MaxTextLength);
    }

    [Fact]
    public void Remembered_answers_count_what_they_hold()
    {
        var reply = new RememberedReply("fp", null, 3, 200, "{\"history\":[]}");
        Assert.Equal(2 + 14, reply.Chars);
        var legacy = new RememberedReply("fp", new LegacyApplicationReply(200, new string('x', 100), null, null, null), 0, 0, null);
        Assert.Equal(102, legacy.Chars);
    }
}
