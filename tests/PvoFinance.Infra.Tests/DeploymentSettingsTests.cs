using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using PvoFinance.Silo.Hosting;

namespace PvoFinance.Infra.Tests;

/// <summary>
/// Configuration drift fails here: every environment variable the Kubernetes manifests and the Bicep templates give the
/// silos is one the service reads, each deployment sets what the service needs in Production, and the service's own
/// settings classes accept the values (secrets stand in as sample values).
/// </summary>
public sealed class DeploymentSettingsTests
{
    [Fact]
    public void The_drift_check_reports_a_name_the_service_does_not_read()
    {
        // Guards the checks below against reading everything as "read".
        Assert.Contains("PvoFinance__Cluster__Mode", ServiceSettings.Read);
        Assert.Contains("PvoFinance__Silo__SiloPort", ServiceSettings.Read);
        Assert.Contains("POD_IP", ServiceSettings.Read);
        Assert.Equal(["PvoFinance__Cluster__Modus", "PvoFinance__Storage__Connection"],
            ServiceSettings.Unread(["PvoFinance__Cluster__Mode", "PvoFinance__Cluster__Modus", "PvoFinance__Storage__Connection", "Authentication__Schemes__Bearer__ValidAudiences__1"]));
    }

    [Fact]
    public void Kubernetes_sets_only_settings_the_service_reads_and_all_it_needs_with_values_it_accepts()
    {
        var env = KubernetesManifestTests.Env(Assert.Single(Yaml.Items(Assert.Single(Yaml.OfKind("Deployment")), "spec", "template", "spec", "containers")));
        Assert.Empty(ServiceSettings.Unread(env.Keys));
        AssertProduction(env, "infra/k8s");
        foreach (var name in new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP" })
        {
            Assert.True(env.ContainsKey(name), $"infra/k8s does not set {name}, which Orleans' Kubernetes hosting reads.");
        }
        var cluster = ClusterSettings.From(Configuration(env));
        Assert.True(cluster.Kubernetes, "infra/k8s does not turn Kubernetes hosting on (PvoFinance__Cluster__Kubernetes=true).");
        Assert.StartsWith("secret:", env["PvoFinance__Storage__ConnectionString"], StringComparison.Ordinal);
        // Membership lives in the storage account: no other secret, and no Redis anywhere.
        Assert.DoesNotContain(env.Keys, k => k.Contains("Redis", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Container_Apps_sets_only_settings_the_service_reads_and_all_it_needs_with_values_it_accepts()
    {
        var (exit, json, diagnostics) = await InfraFiles.BicepAsync("build", Path.Combine("infra", "azure", "modules", "containerApp.bicep"));
        Assert.True(exit == 0, diagnostics);
        var app = Assert.Single(InfraFiles.Objects(JsonNode.Parse(json)), o => (string?)o["type"] == "Microsoft.App/containerApps");
        var container = Assert.Single(app["properties"]!["template"]!["containers"]!.AsArray());
        // The secrets list is a template expression (the registry's secret is optional): look for the names in its text.
        var secrets = app["properties"]!["configuration"]!["secrets"]!.ToString();
        var env = container!["env"]!.AsArray().ToDictionary(
            e => (string)e!["name"]!,
            e => e!["secretRef"] is { } secret ? $"secret:{secret}" : (string)e!["value"]!,
            StringComparer.Ordinal);
        Assert.Empty(ServiceSettings.Unread(env.Keys));
        AssertProduction(env, "infra/azure");
        foreach (var reference in env.Values.Where(v => v.StartsWith("secret:", StringComparison.Ordinal)))
        {
            Assert.Contains($"'{reference["secret:".Length..]}'", secrets, StringComparison.Ordinal);
        }
        // Replicas learn their address when they start; loopback would keep every silo alone.
        Assert.Equal(ClusterSettings.HostAddress, env["PvoFinance__Cluster__AdvertisedAddress"]);
        Assert.StartsWith("secret:", env["PvoFinance__Storage__ConnectionString"], StringComparison.Ordinal);
        // Membership lives in the storage account: no other secret, and no Redis anywhere.
        Assert.DoesNotContain(env.Keys, k => k.Contains("Redis", StringComparison.OrdinalIgnoreCase));
    }

    private static void AssertProduction(Dictionary<string, string> env, string where)
    {
        foreach (var name in ServiceSettings.RequiredInProduction)
        {
            Assert.True(env.TryGetValue(name, out var value) && value.Length > 0, $"{where} does not set {name}, which the service needs in Production.");
        }
        Assert.NotEqual("Development", env.GetValueOrDefault("ASPNETCORE_ENVIRONMENT"));
        Assert.Equal(ClusterSettings.AzureTableMode, env["PvoFinance__Cluster__Mode"]);
        // Template expressions ([parameters(...)]) are checked by type in Bicep; literal values by the service's own rules.
        // "host" is resolved where the silo runs, not on the machine that runs the tests; it is checked on its own.
        var literal = env.Where(kv => !kv.Value.StartsWith('[') && kv.Value != ClusterSettings.HostAddress).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var configuration = Configuration(literal);
        var cluster = ClusterSettings.From(configuration);
        Assert.Equal(ClusterSettings.AzureTableMode, cluster.Mode);
        Assert.False(cluster.FastFailover, $"{where} turns on the local failover timing, which is for one machine.");
        if (literal.ContainsKey("PvoFinance__Cluster__ServiceId"))
        {
            Assert.NotEqual(ClusterSettings.DefaultServiceId, cluster.ServiceId);
        }
        var storage = StorageSettings.From(configuration);
        Assert.True(storage.IsDurable);
    }

    // Environment variables as the service's configuration sees them; references become sample values.
    private static IConfiguration Configuration(Dictionary<string, string> env) =>
        new ConfigurationBuilder().AddInMemoryCollection(env.Select(kv => KeyValuePair.Create(
            kv.Key.Replace("__", ":", StringComparison.Ordinal),
            (string?)(kv.Value.StartsWith("secret:", StringComparison.Ordinal) || kv.Value.StartsWith("field:", StringComparison.Ordinal)
                ? "sample"
                : kv.Value)))).Build();
}
