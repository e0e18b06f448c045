using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests.Fuzz;

/// <summary>
/// The fuzzer's own parts without a service: the auditor flags a refusal that changed the state and lets a
/// successful write change it, and the mutations really break what they claim to.
/// </summary>
public sealed class RefusalAuditorTests
{
    /// <summary>A state that the test changes by hand, read as a snapshot.</summary>
    private sealed class FakeState
    {
        public int Version { get; set; }

        public int Reads { get; private set; }

        public Task<StateSnapshot> TakeAsync()
        {
            Reads++;
            return Task.FromResult(new StateSnapshot(new Dictionary<string, string> { ["/api/ledger/journals/j"] = $"200\n{{\"version\":{Version}}}" }));
        }
    }

    /// <summary>A fake state and an auditor that has read it once.</summary>
    private static async Task<(FakeState State, RefusalAuditor Auditor)> StartedAsync()
    {
        var state = new FakeState();
        var auditor = new RefusalAuditor(state.TakeAsync);
        await auditor.EnsureBaselineAsync();
        return (state, auditor);
    }

    [Fact]
    public async Task Refusals_that_leave_the_state_alone_are_verified_in_one_comparison()
    {
        var (state, auditor) = await StartedAsync();
        for (var i = 0; i < 50; i++)
        {
            await auditor.RecordAsync($"refusal {i}", 400, writes: true);
        }
        await auditor.RecordAsync("a read", 200, writes: false);
        await auditor.CheckAsync();
        Assert.Empty(auditor.Changes);
        Assert.Equal(50, auditor.Verified);
        Assert.Equal(2, state.Reads);
    }

    [Fact]
    public async Task A_refusal_that_changed_the_state_is_reported_with_its_group()
    {
        var (state, auditor) = await StartedAsync();
        await auditor.RecordAsync("POST /x harmless", 422, writes: true);
        await auditor.RecordAsync("POST /x guilty", 409, writes: true);
        state.Version++;
        await auditor.CheckAsync();
        var change = Assert.Single(auditor.Changes);
        Assert.Contains("POST /x guilty", change, StringComparison.Ordinal);
        Assert.Contains("\"version\":0", change, StringComparison.Ordinal);
        Assert.Contains("\"version\":1", change, StringComparison.Ordinal);
        Assert.Equal(2, auditor.InChangedGroups);
        Assert.Equal(0, auditor.Verified);
    }

    [Fact]
    public async Task A_successful_write_may_change_the_state_and_ends_the_group_before_it()
    {
        var (state, auditor) = await StartedAsync();
        await auditor.RecordAsync("refused before", 403, writes: true);
        state.Version++;
        // The write changed the state: the refusal before it cannot be judged, and is not blamed.
        await auditor.RecordAsync("POST /x created", 201, writes: true);
        Assert.Empty(auditor.Changes);
        Assert.Equal(1, auditor.Unverified);

        // From the snapshot after the write on, refusals are judged again, and a change is caught.
        await auditor.RecordAsync("refused after", 400, writes: true);
        state.Version++;
        await auditor.CheckAsync();
        Assert.Single(auditor.Changes);
    }

    [Fact]
    public async Task A_successful_write_that_changed_nothing_verifies_the_refusals_before_it()
    {
        var (state, auditor) = await StartedAsync();
        await auditor.RecordAsync("refused", 400, writes: true);
        await auditor.RecordAsync("POST /x replayed", 200, writes: true);
        Assert.Equal(1, auditor.Verified);
        Assert.Equal(0, auditor.Unverified);
    }

    [Fact]
    public void A_duplicated_key_is_in_the_text_twice_and_a_missing_required_field_is_gone()
    {
        var body = new JsonObject { ["amount"] = "10.00", ["reason"] = "x" };
        var duplicate = Mutations.Apply(Mutation.DuplicateKey, body, new Dictionary<JsonNode, System.Text.Json.JsonElement>(), new Random(1));
        var text = System.Text.Encoding.UTF8.GetString(duplicate.Bytes!);
        var name = duplicate.Field!;
        Assert.Equal(2, text.Split($"\"{name}\":").Length - 1);

        using var schema = System.Text.Json.JsonDocument.Parse("{\"type\":\"object\",\"required\":[\"amount\"]}");
        body = new JsonObject { ["amount"] = "10.00", ["reason"] = "x" };
        var missing = Mutations.Apply(Mutation.MissingRequired, body, new Dictionary<JsonNode, System.Text.Json.JsonElement>(ReferenceEqualityComparer.Instance) { [body] = schema.RootElement }, new Random(1));
        Assert.Equal("amount", missing.Field);
        Assert.DoesNotContain("amount", System.Text.Encoding.UTF8.GetString(missing.Bytes!), StringComparison.Ordinal);
    }
}
