using System.Globalization;
using System.Reflection;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// One-off upgrade of grain state written by the service's own provider (before Orleans' Azure Table provider took
/// over): rows in <c>{prefix}GrainState</c>, keys escaped with <c>~XX</c>, state as Newtonsoft JSON (Orleans' former
/// default grain storage serializer), in binary properties <c>Data</c>, <c>Data1</c> … <c>Data14</c>.
/// Each row is read with that serializer — the JSON names its own type — and written through the new provider
/// as a first write, so a row that already exists in the new table (migrated before, or written since) is left alone.
/// </summary>
/// <remarks>
/// Runs in every silo's start, after the grain storage created its table and before the silo takes grain calls;
/// a marker row in the new table makes later starts cost one read. Several silos starting together each copy what
/// the others have not: the copy is a create, never an overwrite. The old table is left as it was, for a rollback;
/// delete it once the upgrade is settled (<c>docs/deployment.md</c>).
/// </remarks>
public sealed partial class LegacyGrainStateMigration(
    TableServiceClient tables,
    string legacyTableName,
    string tableName,
    string serviceId,
    IGrainStorage target,
    OrleansJsonSerializer legacySerializer,
    ILogger<LegacyGrainStateMigration> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Partition and row of the marker that says the old table was copied.</summary>
    public const string MarkerPartition = "pvo-upgrade", MarkerRow = "grainstate-v1";

    /// <summary>Most rows the copy reads per page.</summary>
    private const int PageSize = 500;

    private static readonly MethodInfo WriteMethod = typeof(LegacyGrainStateMigration).GetMethod(nameof(WriteAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LegacyGrainStateMigration), ServiceLifecycleStage.ApplicationServices + 100, RunAsync);

    /// <summary>Copies the old table's rows once; returns how many rows it copied now (0 when nothing was left to do).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(tableName);
        if ((await table.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, MarkerRow, cancellationToken: cancellationToken)).HasValue)
        {
            return 0;
        }
        var legacy = tables.GetTableClient(legacyTableName);
        var copied = 0;
        var skipped = 0;
        try
        {
            await foreach (var row in legacy.QueryAsync<TableEntity>(maxPerPage: PageSize, cancellationToken: cancellationToken))
            {
                if (await CopyAsync(row))
                {
                    copied++;
                }
                else
                {
                    skipped++;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No old table: a fresh installation.
        }
        await table.UpsertEntityAsync(
            new TableEntity(MarkerPartition, MarkerRow) { ["From"] = legacyTableName, ["Copied"] = copied, ["Skipped"] = skipped },
            TableUpdateMode.Replace, cancellationToken);
        if (copied + skipped > 0)
        {
            LogMigrated(copied, skipped, legacyTableName, tableName);
        }
        return copied;
    }

    private async Task<bool> CopyAsync(TableEntity row)
    {
        var key = Unescape(row.PartitionKey);
        var prefix = serviceId + "_";
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            // Another service id's state: not ours to move.
            return false;
        }
        var grainId = GrainId.Parse(key[prefix.Length..]);
        var stateName = Unescape(row.RowKey);
        if (JoinChunks(row) is not { Length: > 0 } data)
        {
            return false;
        }
        var state = legacySerializer.Deserialize(typeof(object), Encoding.UTF8.GetString(data))
            ?? throw new InvalidOperationException($"Old row '{row.PartitionKey}'/'{row.RowKey}' holds no state.");
        try
        {
            await (Task)WriteMethod.MakeGenericMethod(state.GetType()).Invoke(null, [target, stateName, grainId, state])!;
            return true;
        }
        catch (InconsistentStateException)
        {
            // Already in the new table: copied by another silo, or written since.
            return false;
        }
    }

    private static Task WriteAsync<T>(IGrainStorage storage, string stateName, GrainId grainId, T state) =>
        storage.WriteStateAsync(stateName, grainId, new GrainState<T>(state));

    // The old provider's chunks in order, up to the first missing one.
    private static byte[]? JoinChunks(TableEntity row)
    {
        var data = new List<byte>();
        foreach (var name in Enumerable.Range(0, 15).Select(i => i == 0 ? "Data" : "Data" + i.ToString(CultureInfo.InvariantCulture)))
        {
            if (!row.TryGetValue(name, out var value) || value is null)
            {
                break;
            }
            data.AddRange(value switch
            {
                byte[] b => b,
                BinaryData d => d.ToArray(),
                string s => Convert.FromBase64String(s),
                _ => throw new InvalidOperationException($"Old row '{row.PartitionKey}'/'{row.RowKey}' has a {value.GetType().Name} in {name}."),
            });
        }
        return data.Count == 0 ? null : [.. data];
    }

    /// <summary>Reverses the old key escaping: <c>~</c> plus two hex digits is the character with that code.</summary>
    internal static string Unescape(string key)
    {
        if (!key.Contains('~', StringComparison.Ordinal))
        {
            return key;
        }
        var text = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '~' && i + 2 < key.Length && int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                text.Append((char)code);
                i += 2;
            }
            else
            {
                text.Append(key[i]);
            }
        }
        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upgrade: copied {Copied} grain state rows ({Skipped} already there or not ours) from table {From} to {To}")]
    private partial void LogMigrated(int copied, int skipped, string from, string to);
}
