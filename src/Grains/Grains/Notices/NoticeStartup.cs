using Microsoft.Extensions.Logging;
using PvoFinance.Regions;

namespace PvoFinance.Grains.Notices;

/// <summary>
/// Registers every region's sweeper reminder when a silo starts (an Orleans startup task). Idempotent: a reminder
/// already there with the same period is left alone, so every silo of a cluster may run it.
/// </summary>
public sealed class NoticeStartup(IGrainFactory grains, ILogger<NoticeStartup> logger)
{
    /// <summary>Starts the ten sweepers' reminders; a region that fails is logged and retried at the next start.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var region in RegionDefinition.All.Select(r => r.Id))
        {
            try
            {
                await grains.GetGrain<INoticeSweeperGrain>(region).Start().WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "The notice reminder of {Region} could not be registered; the next silo start tries again.", region);
            }
        }
    }
}
