using Azure.Core;
using Azure.Data.Tables;

namespace PvoFinance.Silo.Storage;

/// <summary>Where and how the journal store (<see cref="AzureTableJournalStore"/>) reaches Azure Table storage.</summary>
public sealed class TableStorageOptions
{
    /// <summary>The default table.</summary>
    public const string DefaultTableName = "PvoJournals";

    /// <summary>Connection string of the storage account (for Azurite: the devstoreaccount1 string).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table that holds the rows; created at silo start if missing. Letters and digits, 3–63, starting with a letter.</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>SDK client options; the default keeps retries short (see <see cref="CreateDefaultClientOptions"/>).</summary>
    public TableClientOptions ClientOptions { get; set; } = CreateDefaultClientOptions();

    /// <summary>
    /// Client options with at most 2 retries and a 5 s network timeout per try, so that a stalled request
    /// fails (and is reported) inside Orleans' 30 s grain call timeout instead of after it.
    /// </summary>
    public static TableClientOptions CreateDefaultClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        options.Retry.Mode = RetryMode.Exponential;
        // Counts every request (Development only; see StorageRequestCounter), retries included.
        options.AddPolicy(StorageRequestCounter.Instance, HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>Builds a client for <see cref="TableName"/> after checking the options.</summary>
    public TableClient CreateTableClient()
    {
        Validate();
        return new TableClient(ConnectionString, TableName, ClientOptions);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that is missing or malformed.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException($"{nameof(TableStorageOptions)}.{nameof(ConnectionString)} is required.");
        }
        if (!IsValidTableName(TableName))
        {
            throw new ArgumentException($"{nameof(TableStorageOptions)}.{nameof(TableName)} '{TableName}' is not a valid Azure table name (3–63 letters and digits, starting with a letter).");
        }
        ArgumentNullException.ThrowIfNull(ClientOptions, nameof(ClientOptions));
    }

    private static bool IsValidTableName(string? name) =>
        name is { Length: >= 3 and <= 63 } && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);
}
