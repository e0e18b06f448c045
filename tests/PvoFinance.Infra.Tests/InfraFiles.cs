using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace PvoFinance.Infra.Tests;

/// <summary>Finds the repository's infra/ and src/ folders and runs the Bicep CLI restored from NuGet.</summary>
public static class InfraFiles
{
    /// <summary>The repository root: the first folder upwards from the test binaries that holds PvoFinance.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>infra/ in the repository.</summary>
    public static string Infra => Path.Combine(Root, "infra");

    /// <summary>Every file under <paramref name="folder"/> (relative to the root) with the extension, sorted.</summary>
    public static string[] Files(string folder, string extension) =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, folder), "*" + extension, SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package (its path is stamped in at build time).</summary>
    public static string BicepPath =>
        typeof(InfraFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value
        ?? throw new InvalidOperationException("The test assembly does not know where the Bicep CLI is.");

    /// <summary>Runs <c>bicep &lt;arguments&gt; --stdout</c>; answers the exit code, the compiled JSON and what it wrote to stderr.</summary>
    public static async Task<(int ExitCode, string Json, string Diagnostics)> BicepAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(BicepPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--stdout");
        // Offline and quiet: no telemetry, no culture data needed.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {BicepPath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Every object in a JSON tree (depth first), e.g. to find the resources of a compiled template.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var (_, child) in o)
                {
                    foreach (var inner in Objects(child))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var inner in Objects(child))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PvoFinance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("PvoFinance.sln not found above " + AppContext.BaseDirectory);
    }
}
