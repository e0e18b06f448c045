using Microsoft.Extensions.Diagnostics.HealthChecks;
using PvoFinance.Grains.Contracts;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Hosting;

/// <summary>Healthy when a grain call round-trips through the silo.</summary>
public sealed class SiloHealthCheck(IGrainFactory grains) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IPingGrain>(0).Ping().AsTask().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy("grain calls answer");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("grain calls fail: " + ex.GetType().Name);
        }
    }
}

/// <summary>Healthy when storage answers a read of a journal header.</summary>
public sealed class StorageHealthCheck(IJournalStore store) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await store.ReadHeadAsync("health-probe", timeout.Token);
            return HealthCheckResult.Healthy("storage answers");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("storage fails: " + ex.GetType().Name);
        }
    }
}
