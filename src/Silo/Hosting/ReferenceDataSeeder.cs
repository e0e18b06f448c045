using System.Diagnostics;
using PvoFinance.Grains.Contracts;
using PvoFinance.Regions;

namespace PvoFinance.Silo.Hosting;

/// <summary>
/// Seeds the ten region grains when the service starts: each gets its profile from the field report and the CBS 2024
/// population, unless it has them already (<see cref="IRegionGrain.EnsureSeeded"/> never overwrites). Registered after
/// the silo, so it normally runs once the silo is up; while the silo or storage is still coming up it retries for up to
/// <see cref="Deadline"/>, then logs and lets the service start anyway — each region grain also seeds itself on first use.
/// </summary>
public sealed class ReferenceDataSeeder(IGrainFactory grains, ILogger<ReferenceDataSeeder> logger) : IHostedService
{
    /// <summary>How long start-up waits for seeding before giving up on it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Deadline);
        var pending = RegionDefinition.All.Select(r => r.Id).ToList();
        var seeded = new List<string>();
        var attempt = 0;
        while (pending.Count > 0)
        {
            attempt++;
            foreach (var id in pending.ToList())
            {
                try
                {
                    var report = await grains.GetGrain<IRegionGrain>(id).EnsureSeeded().WaitAsync(timeout.Token);
                    pending.Remove(id);
                    if (report.ProfileSeeded || report.PopulationYearSeeded is not null)
                    {
                        seeded.Add(id);
                    }
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    logger.LogWarning("Seeding region {RegionId} failed on attempt {Attempt} ({Error}); retrying", id, attempt, ex.Message);
                }
            }
            if (pending.Count == 0 || timeout.IsCancellationRequested)
            {
                break;
            }
            try
            {
                await Task.Delay(Pause, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        if (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            logger.LogError("Reference data: {Count} regions not seeded within {Seconds} s ({Regions}); they seed themselves on first use",
                pending.Count, Deadline.TotalSeconds, string.Join(", ", pending));
            return;
        }
        logger.LogInformation("Reference data: 10 regions checked in {Ms} ms; newly seeded: {Seeded}",
            clock.ElapsedMilliseconds, seeded.Count == 0 ? "none (all present)" : string.Join(", ", seeded));
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
