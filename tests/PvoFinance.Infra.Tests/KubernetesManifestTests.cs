using YamlDotNet.RepresentationModel;
using static PvoFinance.Infra.Tests.Yaml;

namespace PvoFinance.Infra.Tests;

/// <summary>
/// infra/k8s parses and holds together: the objects Orleans' Kubernetes hosting needs, selectors that select the
/// silo pods, the pod labels Orleans watches equal to the cluster and service ids the silos are given, and RBAC for the
/// service account the pods run as.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static YamlMappingNode Deployment => Assert.Single(OfKind("Deployment"));

    private static YamlMappingNode Silo => Assert.Single(Items(Deployment, "spec", "template", "spec", "containers"));

    private static Dictionary<string, string> PodLabels => Map(Deployment, "spec", "template", "metadata", "labels");

    [Fact]
    public void Every_object_the_silos_need_is_there_once_and_the_kustomization_lists_every_file()
    {
        foreach (var kind in new[] { "Deployment", "Service", "ServiceAccount", "Role", "RoleBinding", "PodDisruptionBudget" })
        {
            Assert.True(OfKind(kind).Length == 1, $"infra/k8s has {OfKind(kind).Length} {kind} objects, not one.");
        }
        var kustomization = Assert.Single(Manifests, m => Text(m.Document, "kind") == "Kustomization");
        var files = Manifests.Select(m => m.File).Where(f => f != kustomization.File).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, Scalars(kustomization.Document, "resources").Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Selectors_select_the_silo_pods()
    {
        var labels = PodLabels;
        AssertSelects(Map(Deployment, "spec", "selector", "matchLabels"), labels, "Deployment");
        AssertSelects(Map(Assert.Single(OfKind("Service")), "spec", "selector"), labels, "Service");
        AssertSelects(Map(Assert.Single(OfKind("PodDisruptionBudget")), "spec", "selector", "matchLabels"), labels, "PodDisruptionBudget");
        var ports = Items(Silo, "ports").Select(p => Text(p, "name")).ToArray();
        Assert.Contains(Text(Assert.Single(Items(Assert.Single(OfKind("Service")), "spec", "ports")), "targetPort"), ports);
    }

    [Fact]
    public void The_pod_labels_Orleans_watches_equal_the_cluster_and_service_ids_and_the_ports_match()
    {
        var env = Env(Silo);
        Assert.Equal(env["PvoFinance__Cluster__ServiceId"], PodLabels.GetValueOrDefault("orleans/serviceId"));
        Assert.Equal(env["PvoFinance__Cluster__ClusterId"], PodLabels.GetValueOrDefault("orleans/clusterId"));
        var ports = Items(Silo, "ports").ToDictionary(p => Text(p, "name")!, p => Text(p, "containerPort")!);
        Assert.Equal(env["PvoFinance__Silo__SiloPort"], ports["silo"]);
        Assert.Equal(env["PvoFinance__Silo__GatewayPort"], ports["gateway"]);
        Assert.Equal(env.GetValueOrDefault("ASPNETCORE_HTTP_PORTS", "8080"), ports["http"]);
        foreach (var (name, field) in new[] { ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("POD_IP", "status.podIP") })
        {
            var item = Assert.Single(Items(Silo, "env"), e => Text(e, "name") == name);
            Assert.Equal(field, Text(item, "valueFrom", "fieldRef", "fieldPath"));
        }
    }

    [Fact]
    public void The_pods_run_as_a_service_account_allowed_to_watch_and_delete_pods()
    {
        var account = Text(Assert.Single(OfKind("ServiceAccount")), "metadata", "name");
        Assert.Equal(account, Text(Deployment, "spec", "template", "spec", "serviceAccountName"));
        var role = Assert.Single(OfKind("Role"));
        var binding = Assert.Single(OfKind("RoleBinding"));
        Assert.Equal(Text(role, "metadata", "name"), Text(binding, "roleRef", "name"));
        Assert.Equal("Role", Text(binding, "roleRef", "kind"));
        Assert.Contains(Items(binding, "subjects"), s => Text(s, "kind") == "ServiceAccount" && Text(s, "name") == account);
        var pods = Assert.Single(Items(role, "rules"), r => Scalars(r, "resources").Contains("pods"));
        Assert.Equal([""], Scalars(pods, "apiGroups"));
        foreach (var verb in new[] { "get", "list", "watch", "delete" })
        {
            Assert.Contains(verb, Scalars(pods, "verbs"));
        }
    }

    [Fact]
    public void The_silo_runs_as_non_root_and_is_probed_on_health()
    {
        Assert.Equal("true", Text(Deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"));
        Assert.Equal("false", Text(Silo, "securityContext", "allowPrivilegeEscalation"));
        Assert.Equal("/health", Text(Silo, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/health", Text(Silo, "startupProbe", "httpGet", "path"));
        Assert.NotNull(At(Silo, "livenessProbe"));
    }

    /// <summary>The container's environment: literal values, or <c>secret:&lt;name&gt;/&lt;key&gt;</c> and <c>field:&lt;path&gt;</c> for references.</summary>
    public static Dictionary<string, string> Env(YamlMappingNode container) =>
        Items(container, "env").ToDictionary(
            e => Text(e, "name")!,
            e => Text(e, "value")
                ?? (Text(e, "valueFrom", "secretKeyRef", "name") is { } secret ? $"secret:{secret}/{Text(e, "valueFrom", "secretKeyRef", "key")}"
                : Text(e, "valueFrom", "fieldRef", "fieldPath") is { } field ? $"field:{field}" : ""),
            StringComparer.Ordinal);

    private static void AssertSelects(Dictionary<string, string> selector, Dictionary<string, string> labels, string what)
    {
        Assert.NotEmpty(selector);
        foreach (var (key, value) in selector)
        {
            Assert.True(labels.GetValueOrDefault(key) == value, $"{what} selects {key}={value}, which the silo pods do not carry.");
        }
    }
}
