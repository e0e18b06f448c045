using System.Diagnostics;
using System.Globalization;
using System.Net;
using Xunit.Abstractions;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// What a region's funding and a funding source's details cost to read on a journal with a few thousand entries:
/// prints the timings (no timed assertion: the machine decides them) and checks the figures are the sum of the
/// entries, so the measurement is of right answers. Set <c>PVO_FIGURES_ENTRIES</c> for another size.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class FiguresReadCostTests(ServiceFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Region_funding_and_source_details_on_a_journal_with_thousands_of_entries()
    {
        var entries = int.TryParse(Environment.GetEnvironmentVariable("PVO_FIGURES_ENTRIES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 3_000;
        var ministry = await fixture.As(Who.Ministry);
        var id = $"cost-{Suffix}";
        await ministry.CreateAsync(Source(id, $"Cost {Suffix}", "national-scheme", "JenV"));
        await ministry.CeilingAsync(id, 2026, "100000000.00");
        var journal = $"source.{id}.2026";
        // Commitments of €1.00 to limburg straight in the source's journal (budget → commitment), eight callers at once.
        var next = 0;
        var written = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= entries)
            {
                (await ministry.PostEntryAsync(journal, "post", $"cost-{i}", "2026-02-01",
                    ($"budget:{id}:2026", "1.00"), ($"commitment:{id}:2026:limburg", "-1.00"))).Expect(HttpStatusCode.Created);
            }
        }));
        output.WriteLine($"wrote {entries} entries in {written.Elapsed.TotalSeconds:0.0} s");

        var regionMs = await Time(async () =>
        {
            var row = Row(await ministry.RegionFundingAsync("limburg", 2026), id) ?? throw new Xunit.Sdk.XunitException("no row");
            Assert.Equal(Money(entries), row.GetProperty("committed").GetString());
        });
        var sourceMs = await Time(async () => Assert.Equal(Money(entries), YearField(await ministry.SourceAsync(id), 2026, "committed")));
        output.WriteLine($"figures read cost entries={entries} region-funding first ms={regionMs[0]:0.0} median ms={Median(regionMs):0.0} "
            + $"funding-source first ms={sourceMs[0]:0.0} median ms={Median(sourceMs):0.0}");
    }

    private static async Task<List<double>> Time(Func<Task> read)
    {
        var times = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return times;
    }

    private static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);
}
