using System.Xml.Linq;

namespace PvoFinance.Core.Tests;

/// <summary>
/// The core (src/Core) is plain C#: the money, ledger and workflow rules must not lean on the grain ring, the HTTP surface or
/// the storage. The compiler enforces it only as long as the project references none of them, so these tests fail the
/// moment a reference to Orleans, ASP.NET or Azure creeps into the project file or the built assembly.
/// </summary>
public sealed class CoreRingTests
{
    private static readonly string[] Forbidden = ["Orleans", "Microsoft.Orleans", "Microsoft.AspNetCore", "Azure", "PvoFinance.Grains", "PvoFinance.Api", "PvoFinance.Silo"];

    private static bool IsForbidden(string name) =>
        Forbidden.Any(f => name.Equals(f, StringComparison.OrdinalIgnoreCase) || name.StartsWith(f + ".", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void The_core_assembly_references_no_orleans_aspnet_or_azure_assembly()
    {
        var core = typeof(Money).Assembly;
        Assert.Equal("PvoFinance.Core", core.GetName().Name);
        var references = core.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("NodaTime", references); // the check reads real references, not an empty list
        Assert.DoesNotContain(references, IsForbidden);
    }

    [Fact]
    public void The_core_project_file_references_no_orleans_aspnet_or_azure_package_or_project()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Core", "PvoFinance.Core.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference")
            .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include") ?? ""))
            .ToList();
        Assert.Contains("NodaTime", references);
        Assert.DoesNotContain(references, IsForbidden);
        Assert.Equal("Microsoft.NET.Sdk", (string?)project.Root!.Attribute("Sdk"));
    }

    [Fact]
    public void The_core_types_do_not_live_in_the_grain_assembly()
    {
        // The rules types named in the README's layout are in the core assembly, not compiled into the grains again.
        foreach (var type in new[] { typeof(Money), typeof(PvoFinance.Ledger.Journal), typeof(PvoFinance.Applications.ApplicationWorkflow), typeof(PvoFinance.Access.AccessRules) })
        {
            Assert.Equal("PvoFinance.Core", type.Assembly.GetName().Name);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PvoFinance.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("PvoFinance.sln not found above " + AppContext.BaseDirectory);
    }
}
