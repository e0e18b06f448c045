using System.Text.Json.Nodes;

namespace PvoFinance.Infra.Tests;

/// <summary>Every Bicep template and parameter file under infra/ builds with the Bicep CLI, without errors or linter warnings.</summary>
public sealed class BicepTests
{
    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string>();
        foreach (var file in InfraFiles.Files("infra", ".bicep").Concat(InfraFiles.Files("infra", ".bicepparam")))
        {
            data.Add(Path.GetRelativePath(InfraFiles.Root, file));
        }
        return data;
    }

    [Fact]
    public void There_are_templates_for_storage_and_the_container_app_and_none_for_Redis()
    {
        var names = InfraFiles.Files("infra", ".bicep").Select(f => Path.GetRelativePath(InfraFiles.Infra, f).Replace('\\', '/')).ToArray();
        Assert.Contains("azure/main.bicep", names);
        Assert.Contains("azure/modules/storage.bicep", names);
        Assert.Contains("azure/modules/containerApp.bicep", names);
        // Membership is a table of the Storage account now: no cache to deploy.
        Assert.DoesNotContain(names, n => n.Contains("redis", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Builds_without_errors_or_warnings(string file)
    {
        var command = file.EndsWith(".bicepparam", StringComparison.Ordinal) ? "build-params" : "build";
        var (exit, json, diagnostics) = await InfraFiles.BicepAsync(command, file);
        Assert.True(exit == 0, $"bicep {command} {file} exited {exit}:\n{diagnostics}");
        Assert.True(diagnostics.Trim().Length == 0, $"bicep {command} {file} reported:\n{diagnostics}");
        Assert.NotNull(JsonNode.Parse(json));
    }

    [Fact]
    public async Task A_template_with_a_mistake_is_reported()
    {
        // The check above is only worth something if the CLI reports what it finds.
        var file = Path.Combine(Path.GetTempPath(), $"pvo-infra-{Guid.NewGuid():N}.bicep");
        await File.WriteAllTextAsync(file, "param unused string\n");
        try
        {
            var (exit, _, diagnostics) = await InfraFiles.BicepAsync("build", file);
            Assert.Equal(0, exit);
            Assert.Contains("no-unused-params", diagnostics, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
