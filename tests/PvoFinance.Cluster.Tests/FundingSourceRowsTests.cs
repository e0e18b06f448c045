using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PvoFinance.Funding;
using PvoFinance.Grains;
using PvoFinance.Grains.Funding;
using PvoFinance.Storage;
using Xunit.Abstractions;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// A funding source keeps its commitments and payments as rows: one source with many commitments keeps working (every
/// commitment paged back, a payment, replays), its state stays small and within its bound, and a source written by the
/// previous version (every commitment inside its state) is moved into rows when it activates.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FundingSourceRowsTests(ClusterFixture fixture, ITestOutputHelper output)
{
    /// <summary>Commitments of the scale test; <c>PVO_SOURCE_SCALE_COMMITMENTS</c> sets the full size (10,000).</summary>
    private static int ScaleCommitments =>
        int.TryParse(Environment.GetEnvironmentVariable("PVO_SOURCE_SCALE_COMMITMENTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 300;

    /// <summary>What the state of a source may take whatever its number of commitments: its counts, totals and newest ten.</summary>
    private const long SmallStateBytes = 16 * 1024;

    private static string NewId(string tag) => $"{tag}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<List<CommitmentDto>> PageAll(string source, FundingRowKind kind, int size)
    {
        var reader = fixture.Client.GetGrain<IFundingRowReaderGrain>(0);
        var all = new List<CommitmentDto>();
        string? after = null;
        while (true)
        {
            var page = await reader.Page(source, kind, after, size);
            Assert.True(page.Commitments.Count <= size);
            all.AddRange(page.Commitments);
            if (!page.More)
            {
                return all;
            }
            after = page.Commitments[^1].CommitmentId;
        }
    }

    [Fact]
    public async Task One_source_with_many_commitments_keeps_every_operation_working_and_its_state_small()
    {
        var n = ScaleCommitments;
        var id = NewId("scale");
        var source = fixture.Client.GetGrain<IFundingSourceGrain>(id);
        Assert.True((await source.Create(new FundingSourceDto { Id = id, Name = $"Regeling {id}", Kind = nameof(FundingSourceKind.NationalScheme), Owner = "national", Funder = "JenV" })).Ok);
        Assert.True((await source.SetCeiling(2026, 1_000_000_000_00)).Ok);
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            var made = await source.Commit($"c-{i:D5}", i % 2 == 0 ? "limburg" : "rotterdam", new Dictionary<int, long> { [2026] = 100_00 + i }, i % 3 == 0 ? "doel" : null);
            Assert.True(made.Ok, $"commitment {i}: {made.Code} {made.Message}");
        }
        output.WriteLine($"{n} commitments in {started.Elapsed.TotalSeconds:F1} s ({started.Elapsed.TotalMilliseconds / n:F1} ms each)");

        started.Restart();
        var all = await PageAll(id, FundingRowKind.Commitment, FundingRowLimits.MaxPageSize);
        output.WriteLine($"paged {all.Count} commitments in {started.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(Enumerable.Range(0, n).Select(i => $"c-{i:D5}"), all.Select(c => c.CommitmentId));
        Assert.Equal(100_00 + 7, all[7].Amounts[2026]);
        Assert.Equal("rotterdam", all[7].Region);
        Assert.Equal("doel", all[9].Purpose);

        // A replay of the first commitment answers as before; other content under its id is refused.
        Assert.True((await source.Commit("c-00000", "limburg", new Dictionary<int, long> { [2026] = 100_00 }, "doel")).Ok);
        Assert.Equal((FundingRefusalCode?)FundingRefusalCode.IdempotencyConflict, (await source.Commit("c-00000", "limburg", new Dictionary<int, long> { [2026] = 1 }, "doel")).Code);

        // Paying one: only what was committed directly to the region, once per payment id.
        Assert.True((await source.Pay("p-1", "rotterdam", 2026, 100_01)).Ok);
        Assert.True((await source.Pay("p-1", "rotterdam", 2026, 100_01)).Ok);
        Assert.Equal((FundingRefusalCode?)FundingRefusalCode.IdempotencyConflict, (await source.Pay("p-1", "rotterdam", 2026, 5)).Code);
        var details = (await source.Get())!;
        Assert.Equal(n, details.CommitmentCount);
        Assert.Equal(1, details.PaymentCount);
        Assert.Equal([$"c-{n - 1:D5}", $"c-{n - 2:D5}"], details.Commitments.Take(2).Select(c => c.CommitmentId));
        Assert.Equal(FundingSourceStateBounds.RecentCommitments, details.Commitments.Count);
        var committed = Enumerable.Range(0, n).Sum(i => 100_00L + i);
        Assert.Equal(committed, details.Years.Single().Committed);
        Assert.Equal(100_01, details.Years.Single().Paid);
        Assert.Equal("p-1", Assert.Single(await PageAll(id, FundingRowKind.Payment, 10)).CommitmentId);

        var bytes = await source.StateBytes();
        output.WriteLine($"state of a source with {n} commitments: {bytes:N0} bytes (bound {GrainStateLimits.MaxFundingSourceBytes:N0})");
        Assert.InRange(bytes, 1, SmallStateBytes);
    }

    [Fact]
    public async Task A_source_stored_by_the_previous_version_with_its_commitments_inside_is_moved_into_rows_on_activation()
    {
        var id = NewId("legacy-rows");
        var old = new FundingSourceState
        {
            Source = new FundingSourceDto { Id = id, Name = $"Oud {id}", Kind = nameof(FundingSourceKind.NationalScheme), Owner = "national", Funder = "JenV" },
        };
        for (var i = 0; i < 250; i++)
        {
            old.Commitments[$"old-{i:D3}"] = new CommitmentDto($"old-{i:D3}", "limburg", new SortedDictionary<int, long> { [2026] = 10_00, [2027] = i + 1 }, i == 0 ? "eerste" : null);
        }
        old.Payments["pay-old"] = new DirectPaymentDto("limburg", 2026, 5_00);
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Funding);
        var grainId = GrainId.Create("fundingsource", id);
        await storage.WriteStateAsync("source", grainId, new GrainState<FundingSourceState>(old));

        var source = fixture.Client.GetGrain<IFundingSourceGrain>(id);
        var details = (await source.Get())!;
        Assert.Equal(250, details.CommitmentCount);
        Assert.Equal(1, details.PaymentCount);
        var all = await PageAll(id, FundingRowKind.Commitment, 64);
        Assert.Equal(old.Commitments.Keys.Order(StringComparer.Ordinal), all.Select(c => c.CommitmentId));
        Assert.Equal("eerste", all[0].Purpose);
        Assert.Equal(250, all[^1].Amounts[2027]);
        Assert.Equal("pay-old", Assert.Single(await PageAll(id, FundingRowKind.Payment, 10)).CommitmentId);

        // The old commitments keep their ids: the same content is the same commitment, other content a conflict.
        Assert.Equal((FundingRefusalCode?)FundingRefusalCode.IdempotencyConflict, (await source.Commit("old-001", "limburg", new Dictionary<int, long> { [2026] = 1 }, null)).Code);
        Assert.Equal((FundingRefusalCode?)FundingRefusalCode.IdempotencyConflict, (await source.Pay("pay-old", "limburg", 2026, 6_00)).Code);
        // What is left of the direct commitments counts the old payment: 250 × 10.00 committed for 2026, 5.00 paid.
        var tooMuch = await source.Pay("pay-new", "limburg", 2026, 2_500_00 - 5_00 + 1);
        Assert.Equal(((FundingRefusalCode?)FundingRefusalCode.LimitExceeded, "amount"), (tooMuch.Code, tooMuch.Field));
        Assert.Contains("2495.00", tooMuch.Message);

        var stored = new GrainState<FundingSourceState>(new FundingSourceState());
        await storage.ReadStateAsync("source", grainId, stored);
        Assert.NotNull(stored.State);
        Assert.Empty(stored.State!.Commitments);
        Assert.Empty(stored.State.Payments);
        Assert.Equal(250, stored.State.CommitmentCount);
        Assert.InRange(await source.StateBytes(), 1, SmallStateBytes);
    }
}
