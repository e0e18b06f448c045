using System.Net;

namespace PvoFinance.Silo.Hosting;

/// <summary>
/// How silos find each other. <c>Localhost</c> (the default) is one silo on this machine; <c>Redis</c> keeps the
/// membership table in Redis so several silos — on one machine (<c>./run.sh --silos 3</c>) or many — form one cluster.
/// Settings: <c>PvoFinance:Cluster:Mode</c>, <c>PvoFinance:Cluster:Redis</c> (a StackExchange.Redis connection string),
/// <c>PvoFinance:Cluster:ClusterId</c>, <c>PvoFinance:Cluster:ServiceId</c> and <c>PvoFinance:Cluster:AdvertisedAddress</c>
/// (the address other silos reach this one at; default loopback).
/// </summary>
/// <param name="Mode">Localhost or Redis.</param>
/// <param name="Redis">The Redis connection string (Redis mode).</param>
/// <param name="ClusterId">The cluster's id: silos with the same id and service form one cluster.</param>
/// <param name="ServiceId">The service's id, stable across deployments (grain state is keyed by it).</param>
/// <param name="AdvertisedAddress">The address advertised to other silos.</param>
public sealed record ClusterSettings(string Mode, string? Redis, string ClusterId, string ServiceId, IPAddress AdvertisedAddress)
{
    /// <summary>
    /// The service id unless configured: the one localhost clustering uses, because grain state is stored under it —
    /// the same data serves one silo and a Redis cluster of several.
    /// </summary>
    public const string DefaultServiceId = "dev";

    /// <summary>Reads the settings; throws with the setting's name when one is wrong.</summary>
    public static ClusterSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var mode = configuration["PvoFinance:Cluster:Mode"] ?? "Localhost";
        if (mode is not ("Localhost" or "Redis"))
        {
            throw new InvalidOperationException($"PvoFinance:Cluster:Mode is Localhost or Redis, not '{mode}'.");
        }
        var redis = configuration["PvoFinance:Cluster:Redis"];
        if (mode == "Redis" && string.IsNullOrWhiteSpace(redis))
        {
            throw new InvalidOperationException("PvoFinance:Cluster:Redis (a Redis connection string such as 127.0.0.1:6379) is required in Redis mode.");
        }
        var advertised = configuration["PvoFinance:Cluster:AdvertisedAddress"] is { Length: > 0 } text
            ? IPAddress.TryParse(text, out var ip) ? ip : throw new InvalidOperationException($"PvoFinance:Cluster:AdvertisedAddress '{text}' is not an IP address.")
            : IPAddress.Loopback;
        return new ClusterSettings(mode, redis, configuration["PvoFinance:Cluster:ClusterId"] ?? "pvofinance", configuration["PvoFinance:Cluster:ServiceId"] ?? DefaultServiceId, advertised);
    }
}
