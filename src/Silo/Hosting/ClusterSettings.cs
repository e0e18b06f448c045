using System.Net;
using System.Net.Sockets;

namespace PvoFinance.Silo.Hosting;

/// <summary>
/// How silos find each other. <c>Localhost</c> (the default) is one silo on this machine; <c>Redis</c> keeps the
/// membership table in Redis so several silos — on one machine (<c>./run.sh --silos 3</c>) or many — form one cluster.
/// Settings: <c>PvoFinance:Cluster:Mode</c>, <c>PvoFinance:Cluster:Redis</c> (a StackExchange.Redis connection string),
/// <c>PvoFinance:Cluster:ClusterId</c>, <c>PvoFinance:Cluster:ServiceId</c> and <c>PvoFinance:Cluster:AdvertisedAddress</c>
/// (the address other silos reach this one at; default loopback; <c>host</c> = this host's own non-loopback IPv4
/// address, for containers whose address is only known when they start, such as Azure Container Apps replicas) and
/// <c>PvoFinance:Cluster:Kubernetes</c> (<c>true</c> in a Kubernetes pod: Orleans' Kubernetes hosting names the silo
/// after the pod, advertises the pod's IP and watches the pods of the cluster; membership stays in Redis).
/// </summary>
/// <param name="Mode">Localhost or Redis.</param>
/// <param name="Redis">The Redis connection string (Redis mode).</param>
/// <param name="ClusterId">The cluster's id: silos with the same id and service form one cluster.</param>
/// <param name="ServiceId">The service's id, stable across deployments (grain state is keyed by it).</param>
/// <param name="AdvertisedAddress">The address advertised to other silos (ignored under Kubernetes, which advertises the pod's IP).</param>
/// <param name="Kubernetes">True when the silo runs in a Kubernetes pod with Orleans' Kubernetes hosting.</param>
public sealed record ClusterSettings(string Mode, string? Redis, string ClusterId, string ServiceId, IPAddress AdvertisedAddress, bool Kubernetes = false)
{
    /// <summary>The <c>AdvertisedAddress</c> value that means "this host's own address".</summary>
    public const string HostAddress = "host";

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
            ? text.Equals(HostAddress, StringComparison.OrdinalIgnoreCase) ? OwnAddress()
            : IPAddress.TryParse(text, out var ip) ? ip : throw new InvalidOperationException($"PvoFinance:Cluster:AdvertisedAddress '{text}' is neither an IP address nor '{HostAddress}'.")
            : IPAddress.Loopback;
        var kubernetesText = configuration["PvoFinance:Cluster:Kubernetes"];
        var kubernetes = !string.IsNullOrWhiteSpace(kubernetesText) && (bool.TryParse(kubernetesText, out var k)
            ? k
            : throw new InvalidOperationException($"PvoFinance:Cluster:Kubernetes is true or false, not '{kubernetesText}'."));
        // Kubernetes hosting only replaces how a silo names and addresses itself; the membership table still
        // needs a provider, and localhost clustering cannot span pods.
        if (kubernetes && mode != "Redis")
        {
            throw new InvalidOperationException("PvoFinance:Cluster:Kubernetes=true needs PvoFinance:Cluster:Mode=Redis (membership in Redis).");
        }
        return new ClusterSettings(mode, redis, configuration["PvoFinance:Cluster:ClusterId"] ?? "pvofinance", configuration["PvoFinance:Cluster:ServiceId"] ?? DefaultServiceId, advertised, kubernetes);
    }

    // The first non-loopback IPv4 address of this host: in a container, the one its peers route to.
    private static IPAddress OwnAddress() =>
        Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException($"PvoFinance:Cluster:AdvertisedAddress={HostAddress}, but this host has no non-loopback IPv4 address.");
}
