using Azure.Data.Tables;
using PvoFinance.Storage;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// Azure Table service limits, and checks that apply them to entities and transactions before they are sent.
/// </summary>
/// <remarks>
/// Azurite (the emulator our tests run against) accepts oversize entities, more than 255 properties and
/// transactions that span partitions; real Azure refuses them. Checking here, in code shared by every
/// table writer, keeps a green test run meaningful for production. Sizes follow the service's published
/// entity-size formula: 4 bytes + 2 × (PartitionKey + RowKey chars) + Σ(8 + 2 × name chars + value bytes),
/// with strings counted as UTF-16.
/// </remarks>
public static class AzureTableLimits
{
    /// <summary>Bytes in one entity, all properties and keys included (1 MiB).</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Custom properties per entity: 255 minus the 3 system properties (PartitionKey, RowKey, Timestamp).</summary>
    public const int MaxCustomProperties = 252;

    /// <summary>Bytes in one binary property (64 KiB).</summary>
    public const int MaxBinaryPropertyBytes = 64 * 1024;

    /// <summary>Characters in one string property (64 KiB of UTF-16).</summary>
    public const int MaxStringPropertyChars = 32 * 1024;

    /// <summary>Characters in a property name.</summary>
    public const int MaxPropertyNameChars = 255;

    /// <summary>Characters in a PartitionKey or RowKey.</summary>
    /// <remarks>
    /// Azure documents keys as "up to 1 KiB"; with strings stored as UTF-16 that is 512 chars, and Azurite
    /// refuses longer keys with 400 InvalidInput. Orleans' own provider allows 1,024 chars; we take the
    /// stricter reading so that a key passing this check works on both.
    /// </remarks>
    public const int MaxKeyChars = 512;

    /// <summary>Operations in one entity-group transaction.</summary>
    public const int MaxEntitiesPerTransaction = 100;

    /// <summary>Bytes in one entity-group transaction request; the payload must stay below this (4 MiB).</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    // The Timestamp every stored entity carries: 8 + 2 × "Timestamp".Length + 8.
    private const int TimestampBytes = 8 + 2 * 9 + 8;

    // Multipart boundary, part headers and the request line of one operation, generously rounded up.
    private const int OperationFramingBytes = 1024;

    // A property's name, quotes, colon, comma and its "@odata.type" annotation, beyond the name itself.
    private const int PropertyFramingBytes = 48;

    /// <summary>Throws when <paramref name="key"/> cannot be a PartitionKey or RowKey.</summary>
    /// <param name="key">The key to check.</param>
    /// <param name="role">"PartitionKey" or "RowKey", for the message.</param>
    public static void CheckKey(string key, string role)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > MaxKeyChars)
        {
            throw new AzureTableLimitException($"{role} has {key.Length} chars; Azure Table allows at most {MaxKeyChars}.");
        }
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new AzureTableLimitException($"{role} '{Printable(key)}' contains U+{(int)c:X4}; Azure Table keys forbid '/', '\\', '#', '?' and control characters.");
            }
        }
    }

    /// <summary>The size Azure charges <paramref name="entity"/> against <see cref="MaxEntityBytes"/>.</summary>
    public static long EstimateEntityBytes(TableEntity entity)
    {
        long bytes = 4 + 2L * (entity.PartitionKey.Length + entity.RowKey.Length) + TimestampBytes;
        foreach (var (name, value) in CustomProperties(entity))
        {
            bytes += 8 + 2L * name.Length + ValueBytes(value);
        }
        return bytes;
    }

    /// <summary>Throws when <paramref name="entity"/> breaks a key, property or size limit.</summary>
    public static void CheckEntity(TableEntity entity)
    {
        CheckKey(entity.PartitionKey, "PartitionKey");
        CheckKey(entity.RowKey, "RowKey");
        var count = 0;
        foreach (var (name, value) in CustomProperties(entity))
        {
            count++;
            if (name.Length > MaxPropertyNameChars)
            {
                throw new AzureTableLimitException($"Property name '{name[..32]}…' has {name.Length} chars; at most {MaxPropertyNameChars}.");
            }
            switch (value)
            {
                case string s when s.Length > MaxStringPropertyChars:
                    throw new AzureTableLimitException($"Property '{name}' of {Describe(entity)} has {s.Length} chars; a string property holds at most {MaxStringPropertyChars}.");
                case byte[] b when b.Length > MaxBinaryPropertyBytes:
                    throw new AzureTableLimitException($"Property '{name}' of {Describe(entity)} has {b.Length} bytes; a binary property holds at most {MaxBinaryPropertyBytes}.");
                case BinaryData d when d.ToMemory().Length > MaxBinaryPropertyBytes:
                    throw new AzureTableLimitException($"Property '{name}' of {Describe(entity)} has {d.ToMemory().Length} bytes; a binary property holds at most {MaxBinaryPropertyBytes}.");
            }
        }
        if (count > MaxCustomProperties)
        {
            throw new AzureTableLimitException($"{Describe(entity)} has {count} properties; Azure Table allows at most {MaxCustomProperties} besides the system properties.");
        }
        var bytes = EstimateEntityBytes(entity);
        if (bytes > MaxEntityBytes)
        {
            throw new AzureTableLimitException($"{Describe(entity)} takes {bytes:N0} bytes; an Azure Table entity holds at most {MaxEntityBytes:N0}.");
        }
    }

    /// <summary>
    /// An upper bound on the request bytes of a transaction: JSON bodies with escaped strings and base64
    /// binaries, percent-encoded keys in each operation's URL, and the multipart framing.
    /// </summary>
    public static long EstimateTransactionBytes(IReadOnlyList<TableTransactionAction> actions)
    {
        long bytes = 0;
        foreach (var action in actions)
        {
            var entity = AsTableEntity(action);
            // Keys appear in the URL (percent-encoded UTF-8: at most 9 bytes a char) and in the body.
            var keyChars = entity.PartitionKey.Length + entity.RowKey.Length;
            bytes += OperationFramingBytes + 9L * keyChars + JsonWireSize.Of(entity.PartitionKey) + JsonWireSize.Of(entity.RowKey);
            foreach (var (name, value) in CustomProperties(entity))
            {
                bytes += PropertyFramingBytes + 2 * JsonWireSize.Of(name) + value switch
                {
                    string s => JsonWireSize.Of(s),
                    byte[] b => Base64Length(b.Length),
                    BinaryData d => Base64Length(d.ToMemory().Length),
                    _ => 40,
                };
            }
        }
        return bytes;
    }

    /// <summary>
    /// Throws when the transaction is empty, has more than <see cref="MaxEntitiesPerTransaction"/> operations,
    /// spans partitions, touches one entity twice, holds an entity that breaks <see cref="CheckEntity"/>,
    /// or may reach <see cref="MaxTransactionBytes"/>.
    /// </summary>
    public static void CheckTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new AzureTableLimitException("A transaction needs at least one operation.");
        }
        if (actions.Count > MaxEntitiesPerTransaction)
        {
            throw new AzureTableLimitException($"A transaction has {actions.Count} operations; Azure Table allows at most {MaxEntitiesPerTransaction}.");
        }
        var partition = AsTableEntity(actions[0]).PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            var entity = AsTableEntity(action);
            if (!string.Equals(entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new AzureTableLimitException($"A transaction spans partitions '{Printable(partition)}' and '{Printable(entity.PartitionKey)}'; Azure Table requires one.");
            }
            if (!rows.Add(entity.RowKey))
            {
                throw new AzureTableLimitException($"A transaction touches row '{Printable(entity.RowKey)}' twice; Azure Table allows one operation per entity.");
            }
            CheckEntity(entity);
        }
        var bytes = EstimateTransactionBytes(actions);
        if (bytes >= MaxTransactionBytes)
        {
            throw new AzureTableLimitException($"A transaction may send {bytes:N0} bytes; Azure Table requires less than {MaxTransactionBytes:N0}.");
        }
    }

    private static TableEntity AsTableEntity(TableTransactionAction action) =>
        action.Entity as TableEntity
        ?? throw new ArgumentException($"Only {nameof(TableEntity)} operations can be checked; got {action.Entity.GetType().Name}.", nameof(action));

    private static IEnumerable<(string Name, object? Value)> CustomProperties(TableEntity entity)
    {
        foreach (var (name, value) in entity)
        {
            // TableEntity keeps the system properties and the ETag in the same dictionary.
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }
            yield return (name, value);
        }
    }

    private static long ValueBytes(object? value) => value switch
    {
        null => 0,
        string s => 4 + 2L * s.Length,
        byte[] b => 4 + b.Length,
        BinaryData d => 4 + d.ToMemory().Length,
        bool => 1,
        int => 4,
        Guid => 16,
        _ => 8, // long, double, DateTime, DateTimeOffset
    };

    private static long Base64Length(int bytes) => 4L * ((bytes + 2) / 3);

    private static string Describe(TableEntity entity) => $"Entity ('{Printable(entity.PartitionKey)}', '{Printable(entity.RowKey)}')";

    // Keys end up in messages; keep them short and free of control characters.
    private static string Printable(string value)
    {
        var s = value.Length > 80 ? value[..80] + "…" : value;
        return string.Create(s.Length, s, static (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                span[i] = char.IsControl(src[i]) ? '�' : src[i];
            }
        });
    }
}
