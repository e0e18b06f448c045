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

/// <summary>Reports how many silos the cluster has (one in localhost mode; all that joined in AzureTable mode).</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"{hosts.Count} active silo{(hosts.Count == 1 ? "" : "s")}");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Degraded("membership unknown: " + ex.GetType().Name);
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
