using Azure.Data.Tables;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Storage.Tests;

/// <summary>Where the storage tests find a real table endpoint (Azurite locally and in CI).</summary>
public static class StorageTestEnvironment
{
    public const string ConnectionStringVariable = "PVO_TEST_STORAGE_CONNECTION_STRING";

    /// <summary>
    /// A connection string that nobody answers (port 1 refuses connections at once). A test that expects a
    /// refusal "before any I/O" uses it: had the code sent anything, it would fail with a request error instead.
    /// </summary>
    public const string UnreachableConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    /// <summary>The connection string, or a failure that says how to provide one. Missing storage fails the tests; it never skips them.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ConnectionStringVariable} is not set. These tests need a real table endpoint: "
                + "source scripts/azurite-lib.sh; azurite_install; p=$(pvo_free_port); azurite_start_memory $p .test-run/azurite.log; "
                + $"export {ConnectionStringVariable}=\"$(azurite_connection_string $p)\"");

    /// <summary>A table name no other test class uses (letters and digits only, as Azure requires).</summary>
    public static string UniqueTableName(string prefix) => prefix + Guid.NewGuid().ToString("N");

    /// <summary>Options with short retries, pointing at <paramref name="connectionString"/>.</summary>
    public static TableStorageOptions Options(string connectionString, string tableName) =>
        new() { ConnectionString = connectionString, TableName = tableName };
}
