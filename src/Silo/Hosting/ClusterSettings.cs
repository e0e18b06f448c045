using System.Net;
using System.Net.Sockets;

namespace PvoFinance.Silo.Hosting;

/// <summary>
/// How silos find each other. <c>Localhost</c> (the default) is one silo on this machine; <c>AzureTable</c> keeps the
/// membership table in Azure Table storage (the account of <c>PvoFinance:Storage</c>: Azurite locally), so several
/// silos — on one machine (<c>./run.sh --silos 3</c>) or many — form one cluster.
/// Settings: <c>PvoFinance:Cluster:Mode</c>, <c>PvoFinance:Cluster:ClusterId</c>, <c>PvoFinance:Cluster:ServiceId</c>,
/// <c>PvoFinance:Cluster:AdvertisedAddress</c> (the address other silos reach this one at; default loopback; <c>host</c> =
/// this host's own non-loopback IPv4 address, for containers whose address is only known when they start, such as Azure
/// Container Apps replicas), <c>PvoFinance:Cluster:Kubernetes</c> (<c>true</c> in a Kubernetes pod: Orleans' Kubernetes
/// hosting names the silo after the pod, advertises the pod's IP and watches the pods of the cluster; membership stays
/// in the table) and <c>PvoFinance:Cluster:FastFailover</c> (<c>true</c> for local runs and tests: a dead silo is
/// declared dead in seconds rather than Orleans' production pace; see docs/deployment.md).
/// </summary>
/// <param name="Mode">Localhost or AzureTable.</param>
/// <param name="ClusterId">The cluster's id: silos with the same id and service form one cluster.</param>
/// <param name="ServiceId">The service's id, stable across deployments (grain state is keyed by it).</param>
/// <param name="AdvertisedAddress">The address advertised to other silos (ignored under Kubernetes, which advertises the pod's IP).</param>
/// <param name="Kubernetes">True when the silo runs in a Kubernetes pod with Orleans' Kubernetes hosting.</param>
/// <param name="FastFailover">True to declare a silo that stops answering dead after a few seconds.</param>
public sealed record ClusterSettings(string Mode, string ClusterId, string ServiceId, IPAddress AdvertisedAddress, bool Kubernetes = false, bool FastFailover = false)
{
    /// <summary>The mode with membership in Azure Table storage.</summary>
    public const string AzureTableMode = "AzureTable";

    /// <summary>The <c>AdvertisedAddress</c> value that means "this host's own address".</summary>
    public const string HostAddress = "host";

    /// <summary>
    /// The service id unless configured: the one localhost clustering uses, because grain state is stored under it —
    /// the same data serves one silo and a cluster of several.
    /// </summary>
    public const string DefaultServiceId = "dev";

    /// <summary>True when membership is kept in Azure Table storage.</summary>
    public bool IsAzureTable => Mode == AzureTableMode;

    /// <summary>Reads the settings; throws with the setting's name when one is wrong.</summary>
    public static ClusterSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var mode = configuration["PvoFinance:Cluster:Mode"] ?? "Localhost";
        if (mode is not ("Localhost" or AzureTableMode))
        {
            throw new InvalidOperationException($"PvoFinance:Cluster:Mode is Localhost or {AzureTableMode}, not '{mode}'.");
        }
        var advertised = configuration["PvoFinance:Cluster:AdvertisedAddress"] is { Length: > 0 } text
            ? text.Equals(HostAddress, StringComparison.OrdinalIgnoreCase) ? OwnAddress()
            : IPAddress.TryParse(text, out var ip) ? ip : throw new InvalidOperationException($"PvoFinance:Cluster:AdvertisedAddress '{text}' is neither an IP address nor '{HostAddress}'.")
            : IPAddress.Loopback;
        var kubernetes = Flag(configuration, "PvoFinance:Cluster:Kubernetes");
        // Kubernetes hosting only replaces how a silo names and addresses itself; the membership table still
        // needs a provider, and localhost clustering cannot span pods.
        if (kubernetes && mode != AzureTableMode)
        {
            throw new InvalidOperationException($"PvoFinance:Cluster:Kubernetes=true needs PvoFinance:Cluster:Mode={AzureTableMode} (membership in Azure Table storage).");
        }
        return new ClusterSettings(mode, configuration["PvoFinance:Cluster:ClusterId"] ?? "pvofinance", configuration["PvoFinance:Cluster:ServiceId"] ?? DefaultServiceId,
            advertised, kubernetes, Flag(configuration, "PvoFinance:Cluster:FastFailover"));
    }

    private static bool Flag(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        return !string.IsNullOrWhiteSpace(text) && (bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"{key} is true or false, not '{text}'."));
    }

    // The first non-loopback IPv4 address of this host: in a container, the one its peers route to.
    private static IPAddress OwnAddress() =>
        Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException($"PvoFinance:Cluster:AdvertisedAddress={HostAddress}, but this host has no non-loopback IPv4 address.");
}
