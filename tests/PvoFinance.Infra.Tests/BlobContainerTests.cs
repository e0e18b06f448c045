using System.Text.Json.Nodes;

namespace PvoFinance.Infra.Tests;

/// <summary>
/// The Storage account declares the blob containers the service writes letters and documents to, private, named as
/// the service names them (<c>StorageSettings.ContainerName</c>: the table prefix in lower case, a hyphen, the purpose).
/// </summary>
public sealed class BlobContainerTests
{
    [Fact]
    public async Task The_storage_template_declares_private_letters_and_documents_containers_named_by_the_table_prefix()
    {
        var (exit, json, diagnostics) = await InfraFiles.BicepAsync("build", "infra/azure/modules/storage.bicep");
        Assert.True(exit == 0, diagnostics);
        var resources = JsonNode.Parse(json)!["resources"]!;
        var containers = (resources is JsonObject map ? map.Select(kv => kv.Value!) : resources.AsArray().Select(r => r!))
            .Where(r => (string?)r["type"] == "Microsoft.Storage/storageAccounts/blobServices/containers")
            .ToList();
        var names = containers.Select(c => (string)c["name"]!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, names.Length);
        Assert.Contains(names, n => n.Contains("toLower(parameters('tablePrefix'))", StringComparison.Ordinal) && n.Contains("-documents", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("toLower(parameters('tablePrefix'))", StringComparison.Ordinal) && n.Contains("-letters", StringComparison.Ordinal));
        Assert.All(containers, c => Assert.Equal("None", (string?)c["properties"]!["publicAccess"]));
    }

    [Fact]
    public void Main_passes_its_table_prefix_to_the_storage_module()
    {
        var main = File.ReadAllText(Path.Combine(InfraFiles.Infra, "azure", "main.bicep"));
        var storage = main[main.IndexOf("module storage", StringComparison.Ordinal)..main.IndexOf("module silos", StringComparison.Ordinal)];
        Assert.Contains("tablePrefix: tablePrefix", storage, StringComparison.Ordinal);
    }
}
