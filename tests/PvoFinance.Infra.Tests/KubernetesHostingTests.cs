using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PvoFinance.Silo.Hosting;

namespace PvoFinance.Infra.Tests;

/// <summary>
/// <c>PvoFinance__Cluster__Kubernetes=true</c> wires Orleans' Kubernetes hosting into the silo as the manifests expect:
/// the silo is named after the pod and advertises the pod's IP on the configured ports, listening on every address.
/// The host is built from the service's own <see cref="SiloExtensions.AddPvoSilo"/> but not started (no cluster here).
/// </summary>
public sealed class KubernetesHostingTests
{
    [Fact]
    public void The_silo_takes_its_name_and_address_from_the_pod()
    {
        // Orleans' Kubernetes hosting reads these from the process environment, as a pod's manifest sets them.
        Environment.SetEnvironmentVariable("POD_NAME", "pvofinance-7d9f-abcde");
        Environment.SetEnvironmentVariable("POD_NAMESPACE", "pvofinance");
        Environment.SetEnvironmentVariable("POD_IP", "10.244.1.17");
        try
        {
            using var app = Build(new()
            {
                ["PvoFinance:Cluster:Mode"] = "AzureTable",
                ["PvoFinance:Cluster:Kubernetes"] = "true",
                ["PvoFinance:Cluster:ServiceId"] = "pvofinance",
                ["PvoFinance:Silo:SiloPort"] = "11111",
                ["PvoFinance:Silo:GatewayPort"] = "30000",
            });
            var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
            Assert.Equal(IPAddress.Parse("10.244.1.17"), endpoints.AdvertisedIPAddress);
            Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.SiloListeningEndpoint);
            Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), endpoints.GatewayListeningEndpoint);
            Assert.Equal("pvofinance-7d9f-abcde", app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
            Assert.Equal("pvofinance", app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId);
        }
        finally
        {
            Environment.SetEnvironmentVariable("POD_NAME", null);
            Environment.SetEnvironmentVariable("POD_NAMESPACE", null);
            Environment.SetEnvironmentVariable("POD_IP", null);
        }
    }

    [Fact]
    public void Without_Kubernetes_a_table_membership_silo_advertises_the_configured_address()
    {
        using var app = Build(new()
        {
            ["PvoFinance:Cluster:Mode"] = "AzureTable",
            ["PvoFinance:Cluster:AdvertisedAddress"] = "10.1.2.3",
        });
        Assert.Equal(IPAddress.Parse("10.1.2.3"), app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress);
    }

    [Theory]
    [InlineData("Localhost", "true", "PvoFinance:Cluster:Mode=AzureTable")]
    [InlineData("AzureTable", "yes", "PvoFinance:Cluster:Kubernetes is true or false")]
    [InlineData("Redis", "false", "PvoFinance:Cluster:Mode is Localhost or AzureTable, not 'Redis'")]
    public void Kubernetes_needs_table_membership_and_a_boolean(string mode, string kubernetes, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PvoFinance:Cluster:Mode"] = mode,
            ["PvoFinance:Cluster:Kubernetes"] = kubernetes,
        }).Build();
        var e = Assert.Throws<InvalidOperationException>(() => ClusterSettings.From(configuration));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    private static Microsoft.AspNetCore.Builder.WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        // Membership in Azure Table storage needs the durable storage mode; the host is built, never started, so the
        // account (an Azurite address nobody answers) is never reached.
        settings["PvoFinance:Storage:Mode"] = "AzureTable";
        settings["PvoFinance:Storage:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPvoSilo();
        return builder.Build();
    }
}
