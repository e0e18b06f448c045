using System.Text.Json;

namespace PvoFinance.Silo.Hosting;

/// <summary>
/// Where durable state lives. A real Azure Storage account is named by the connection string setting
/// <c>PvoFinance:Storage:ConnectionString</c> (env <c>PvoFinance__Storage__ConnectionString</c>); without it the
/// service uses the local Azurite described by <c>azurite.json</c>, with the ports overridable by <c>PVO_AZURITE_PORT</c> (tables)
/// and <c>PVO_AZURITE_BLOB_PORT</c> (blobs).
/// <c>PvoFinance:Storage:Mode</c> = <c>Memory</c> runs without any storage (nothing survives a restart).
/// </summary>
public sealed record StorageSettings(string Mode, string? ConnectionString, string TablePrefix)
{
    /// <summary>The Azurite development account key (public, documented by Microsoft; not a secret).</summary>
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>True when state is kept in Azure Table storage (or Azurite).</summary>
    public bool IsDurable => Mode.Equals("AzureTable", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The name of one of the service's tables: the prefix plus a purpose. Azure table names are 3..63
    /// letters and digits starting with a letter, so a prefix lets several deployments (or test runs) share an account.
    /// </summary>
    public string TableName(string purpose) => TablePrefix + purpose;

    /// <summary>
    /// The name of one of the service's blob containers: the prefix in lower case, a hyphen and a purpose (container
    /// names are 3..63 lower-case letters, digits and hyphens; infra/azure/modules/storage.bicep declares the same names).
    /// </summary>
    public string ContainerName(string purpose) => TablePrefix.ToLowerInvariant() + "-" + purpose;

    /// <summary>Reads the settings from configuration, falling back to <c>azurite.json</c>.</summary>
    public static StorageSettings From(IConfiguration configuration)
    {
        var mode = configuration["PvoFinance:Storage:Mode"] ?? "AzureTable";
        var prefix = configuration["PvoFinance:Storage:TablePrefix"] ?? "pvo";
        if (!mode.Equals("AzureTable", StringComparison.OrdinalIgnoreCase) && !mode.Equals("Memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"PvoFinance:Storage:Mode must be AzureTable or Memory, not '{mode}'.");
        }
        if (prefix.Length is 0 or > 40 || !char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException($"PvoFinance:Storage:TablePrefix must be 1..40 ASCII letters and digits starting with a letter, not '{prefix}'.");
        }
        var connection = configuration["PvoFinance:Storage:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connection) && mode.Equals("AzureTable", StringComparison.OrdinalIgnoreCase))
        {
            connection = AzuriteConnectionString(configuration);
        }
        return new StorageSettings(mode, connection, prefix);
    }

    /// <summary>The connection string for the Azurite described by <c>azurite.json</c> (searched upwards from the working directory).</summary>
    public static string AzuriteConnectionString(IConfiguration configuration)
    {
        var host = "127.0.0.1";
        var port = 10002;
        var blobPort = 10000;
        var file = configuration["PvoFinance:AzuriteConfig"] ?? FindUpwards("azurite.json");
        if (file is not null && File.Exists(file))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (doc.RootElement.TryGetProperty("tableHost", out var h) && h.GetString() is { Length: > 0 } hostText)
            {
                host = hostText;
            }
            if (doc.RootElement.TryGetProperty("tablePort", out var p) && p.TryGetInt32(out var portNumber))
            {
                port = portNumber;
            }
            if (doc.RootElement.TryGetProperty("blobPort", out var b) && b.TryGetInt32(out var blobNumber))
            {
                blobPort = blobNumber;
            }
        }
        if (int.TryParse(Environment.GetEnvironmentVariable("PVO_AZURITE_PORT"), out var overridePort))
        {
            port = overridePort;
        }
        if (int.TryParse(Environment.GetEnvironmentVariable("PVO_AZURITE_BLOB_PORT"), out var overrideBlobPort))
        {
            blobPort = overrideBlobPort;
        }
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};TableEndpoint=http://{host}:{port}/devstoreaccount1;"
            + $"BlobEndpoint=http://{host}:{blobPort}/devstoreaccount1;";
    }

    private static string? FindUpwards(string name)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
