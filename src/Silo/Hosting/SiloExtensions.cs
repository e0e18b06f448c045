using NodaTime;
using Orleans.Dashboard;
using PvoFinance.Grains;
using PvoFinance.Grains.Serialization;
using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Hosting;

/// <summary>The Orleans silo inside the web host: clustering, storage, clock and health checks.</summary>
public static class SiloExtensions
{
    /// <summary>Orleans' default silo-to-silo port for localhost clustering.</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>Orleans' default client gateway port for localhost clustering.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>The purpose part of the membership table's name (after the storage prefix): <c>pvoSilos</c> by default.</summary>
    public const string MembershipTablePurpose = "Silos";

    /// <summary>
    /// Membership timing for local runs and tests (<c>PvoFinance:Cluster:FastFailover=true</c>): a silo is probed every
    /// second and declared dead after two missed probes, and the table is re-read every two seconds, so the others
    /// take over a killed silo's grains within seconds. Orleans' defaults (probes every 5 s, 3 missed, a 60 s table
    /// refresh) suit a real network, where a slow answer is not yet a dead silo.
    /// </summary>
    public static void FastFailover(Orleans.Configuration.ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
    }

    /// <summary>
    /// Adds the silo, configured from <see cref="StorageSettings"/>. Optional <c>PvoFinance:Silo:SiloPort</c> and
    /// <c>PvoFinance:Silo:GatewayPort</c> override the localhost clustering ports (defaults 11111 and 30000).
    /// </summary>
    public static WebApplicationBuilder AddPvoSilo(this WebApplicationBuilder builder)
    {
        var storage = StorageSettings.From(builder.Configuration);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton<IClock>(SystemClock.Instance);
        // Localhost clustering listens on fixed ports; these optional settings let several silos (e.g. test
        // runs) share one machine. Unset, Orleans' defaults apply.
        var siloPort = Port(builder.Configuration, "PvoFinance:Silo:SiloPort", DefaultSiloPort);
        var gatewayPort = Port(builder.Configuration, "PvoFinance:Silo:GatewayPort", DefaultGatewayPort);
        var cluster = ClusterSettings.From(builder.Configuration);
        builder.Services.AddSingleton(cluster);
        builder.UseOrleans(silo =>
        {
            if (cluster.IsAzureTable)
            {
                // Membership in Azure Table storage (the service's own account): every silo with this cluster and
                // service id joins the same cluster.
                if (!storage.IsDurable)
                {
                    throw new InvalidOperationException($"PvoFinance:Cluster:Mode={ClusterSettings.AzureTableMode} keeps membership in Azure Table storage; it needs PvoFinance:Storage:Mode=AzureTable.");
                }
                silo.UseAzureStorageClustering(options =>
                {
                    options.TableServiceClient = new Azure.Data.Tables.TableServiceClient(storage.ConnectionString, TableStorageOptions.CreateDefaultClientOptions());
                    options.TableName = storage.TableName(MembershipTablePurpose);
                });
                silo.Configure<Orleans.Configuration.ClusterOptions>(options =>
                {
                    options.ClusterId = cluster.ClusterId;
                    options.ServiceId = cluster.ServiceId;
                });
                if (cluster.FastFailover)
                {
                    silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(FastFailover);
                }
                if (cluster.Kubernetes)
                {
                    // Ports and the pod's IP (POD_IP) here; Kubernetes hosting listens on every address, names the
                    // silo after the pod and removes silos whose pods are gone. It runs after the
                    // cluster options above, so ORLEANS_SERVICE_ID / ORLEANS_CLUSTER_ID, if a manifest sets them, win.
                    silo.Configure<Orleans.Configuration.EndpointOptions>(options =>
                    {
                        options.SiloPort = siloPort;
                        options.GatewayPort = gatewayPort;
                        // Orleans fills in an address of this host before Kubernetes hosting looks for an empty one,
                        // so the pod's IP is set here; in a pod both are usually the same, this makes it certain.
                        if (System.Net.IPAddress.TryParse(Environment.GetEnvironmentVariable(Orleans.Hosting.Kubernetes.KubernetesHostingOptions.PodIPEnvironmentVariable), out var podIp))
                        {
                            options.AdvertisedIPAddress = podIp;
                        }
                    });
                    silo.UseKubernetesHosting();
                }
                else
                {
                    silo.ConfigureEndpoints(cluster.AdvertisedAddress, siloPort, gatewayPort, listenOnAnyHostAddress: false);
                }
            }
            else
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort);
            }
            silo.AddActivityPropagation();
            // The core's records cross grain calls by Orleans' System.Text.Json codec (the API's client is this silo).
            silo.Services.AddPvoSerializer();
            // Every silo collects for the Orleans dashboard that each one serves at /dashboard (ministry only).
            silo.AddDashboard();
            silo.AddPvoStorage(storage);
            silo.AddPvoNoticeSweeps(NoticeExtensions.SweepSettings(builder.Configuration));
        });
        // After the silo, so hosted services start it first; seeds the ten regions before the HTTP server starts.
        builder.Services.AddHostedService<ReferenceDataSeeder>();
        builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo")
            .AddCheck<ClusterHealthCheck>("cluster")
            .AddCheck<StorageHealthCheck>("storage");
        return builder;
    }

    private static int Port(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{key} must be a TCP port 1..65535, not '{text}'.");
        }
        return port;
    }

    /// <summary>Registers the journal store and grain storage: Azure Table (durable) or memory.</summary>
    public static ISiloBuilder AddPvoStorage(this ISiloBuilder silo, StorageSettings storage)
    {
        silo.AddPvoApplicationList(storage);
        silo.AddPvoFundingRows(storage);
        silo.AddPvoStatementRows(storage);
        silo.AddPvoApplicationHistory(storage);
        silo.AddPvoDocuments(storage);
        silo.AddPvoNotices(storage);
        if (storage.IsDurable)
        {
            silo.AddPvoGrainStorage(
                storage.ConnectionString!,
                storage.TableName(GrainStorageRegistration.TablePurpose),
                StorageNames.All,
                storage.TableName(GrainStorageRegistration.LegacyTablePurpose));
            silo.Services.AddSingleton<IJournalStore>(_ => new AzureTableJournalStore(new TableStorageOptions
            {
                ConnectionString = storage.ConnectionString,
                TableName = storage.TableName("Journals"),
            }));
            return silo;
        }
        silo.Services.AddSingleton<IJournalStore, InMemoryJournalStore>();
        foreach (var name in StorageNames.All)
        {
            silo.AddMemoryGrainStorage(name);
        }
        return silo;
    }
}
