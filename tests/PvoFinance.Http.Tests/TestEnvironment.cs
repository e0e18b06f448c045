using System.Security.Cryptography;

namespace PvoFinance.Http.Tests;

/// <summary>Where the tests find the repository, the built service and the storage to run it on.</summary>
public static class TestEnvironment
{
    public const string ConnectionStringVariable = "PVO_TEST_STORAGE_CONNECTION_STRING";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>The storage connection string, or a failure that says how to provide one. Missing storage fails the tests; it never skips them.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ConnectionStringVariable} is not set. These tests run the real service on a real table endpoint: "
                + "source scripts/azurite-lib.sh; azurite_install; p=$(pvo_free_port); azurite_start_memory $p .test-run/azurite.log; "
                + $"export {ConnectionStringVariable}=\"$(azurite_connection_string $p)\"");

    /// <summary>The repository root: the first folder above the test binaries that holds PvoFinance.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The built service, or a failure that says how to build it.</summary>
    public static string SiloDll
    {
        get
        {
            var dll = Path.Combine(RepoRoot, "src", "Silo", "bin", Configuration, "net10.0", "PvoFinance.Silo.dll");
            return File.Exists(dll)
                ? dll
                : throw new InvalidOperationException(
                    $"The service is not built: {dll} is missing. Build it first: dotnet build src/Silo -c {Configuration} "
                    + $"(or dotnet build tests/PvoFinance.Http.Tests -c {Configuration}, which builds it as a project reference).");
        }
    }

    /// <summary>A table prefix no other fixture uses: 't' and 10 lowercase hex characters (Azure table names are letters and digits).</summary>
    public static string NewTablePrefix() => "t" + RandomNumberGenerator.GetHexString(10, lowercase: true);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PvoFinance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No PvoFinance.sln in any folder above {AppContext.BaseDirectory}.");
    }
}
