using YamlDotNet.RepresentationModel;

namespace PvoFinance.Infra.Tests;

/// <summary>The Kubernetes manifests under infra/k8s, parsed: one mapping per document, with small path helpers.</summary>
public static class Yaml
{
    /// <summary>Every document of every .yaml file under infra/k8s, with the file it came from.</summary>
    public static IReadOnlyList<(string File, YamlMappingNode Document)> Manifests { get; } = Load();

    /// <summary>The documents of one kind.</summary>
    public static YamlMappingNode[] OfKind(string kind) =>
        [.. Manifests.Where(m => Text(m.Document, "kind") == kind && m.Document.Children.ContainsKey("apiVersion") && Text(m.Document, "kind") != "Kustomization").Select(m => m.Document)];

    /// <summary>The node at a path of mapping keys, or null.</summary>
    public static YamlNode? At(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }
            current = next;
        }
        return current;
    }

    /// <summary>The scalar at a path, or null.</summary>
    public static string? Text(YamlNode node, params string[] path) => (At(node, path) as YamlScalarNode)?.Value;

    /// <summary>The items of the sequence at a path (empty if none).</summary>
    public static YamlMappingNode[] Items(YamlNode node, params string[] path) =>
        At(node, path) is YamlSequenceNode s ? [.. s.Children.OfType<YamlMappingNode>()] : [];

    /// <summary>The scalars of the sequence at a path.</summary>
    public static string[] Scalars(YamlNode node, params string[] path) =>
        At(node, path) is YamlSequenceNode s ? [.. s.Children.OfType<YamlScalarNode>().Select(c => c.Value!)] : [];

    /// <summary>A mapping of scalars (e.g. labels) as a dictionary.</summary>
    public static Dictionary<string, string> Map(YamlNode node, params string[] path) =>
        At(node, path) is YamlMappingNode m
            ? m.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (c.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal)
            : [];

    private static List<(string, YamlMappingNode)> Load()
    {
        var result = new List<(string, YamlMappingNode)>();
        foreach (var file in InfraFiles.Files(Path.Combine("infra", "k8s"), ".yaml"))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            foreach (var document in stream.Documents)
            {
                result.Add((Path.GetFileName(file), (YamlMappingNode)document.RootNode));
            }
        }
        return result;
    }
}
