using Azure.Data.Tables;

namespace PvoFinance.Storage.Tests;

/// <summary>
/// One table per test class, created up front and deleted afterwards. When no endpoint is configured the
/// fixture still constructs, and every test that touches <see cref="ConnectionString"/> fails with the reason.
/// </summary>
public sealed class AzuriteTableFixture : IAsyncLifetime
{
    public string TableName { get; } = StorageTestEnvironment.UniqueTableName("pvotest");

    public string ConnectionString => StorageTestEnvironment.ConnectionString;

    public TableClient CreateTableClient() =>
        StorageTestEnvironment.Options(ConnectionString, TableName).CreateTableClient();

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(StorageTestEnvironment.ConnectionStringVariable) is { Length: > 0 })
        {
            await CreateTableClient().CreateIfNotExistsAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable(StorageTestEnvironment.ConnectionStringVariable) is { Length: > 0 })
        {
            await CreateTableClient().DeleteAsync();
        }
    }
}
