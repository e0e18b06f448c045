using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PvoFinance.Telemetry;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// Orleans grain storage on Azure Table storage (or Azurite). Each grain gets one partition
/// (<c>{ServiceId}_{GrainId}</c>) and each named state of the grain one row in it (RowKey = state name).
/// The serialized state is kept in up to 15 binary properties of at most 64 KiB each.
/// </summary>
/// <remarks>
/// Concurrency is optimistic, on the row's ETag: a first write must create the row, later writes and
/// clears must present the ETag they last saw. Any mismatch surfaces as
/// <see cref="TableStorageConflictException"/>, which makes Orleans deactivate the grain and reload.
/// Writes always replace the whole row: a merge would keep stale chunk properties when a state shrinks.
/// Azurite caveat: it refuses an update whose JSON body passes 1 MiB, and binary chunks travel as base64,
/// so states above roughly 760 KiB can be created but not updated on Azurite; Azure accepts them.
/// </remarks>
public sealed partial class TableGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Property names of the state chunks, in order.</summary>
    internal static readonly string[] DataProperties = ["Data", .. Enumerable.Range(1, 14).Select(i => $"Data{i}")];

    /// <summary>Largest serialized state we store: 15 × 64 KiB = 960 KiB, leaving room in the 1 MiB entity for keys and names.</summary>
    public const int MaxStateBytes = 15 * AzureTableLimits.MaxBinaryPropertyBytes;

    private readonly string _name;
    private readonly TableStorageOptions _options;
    private readonly string _serviceId;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<TableGrainStorage> _logger;
    private readonly TableClient _table;

    /// <summary>Creates the provider; call <see cref="InitializeAsync"/> (the silo lifecycle does) before use.</summary>
    /// <param name="name">The provider name, as grains refer to it in <c>[PersistentState(..., storageName)]</c>.</param>
    /// <param name="options">Connection, table and serializer; validated here.</param>
    /// <param name="clusterOptions">Supplies the ServiceId that prefixes every partition key.</param>
    /// <param name="activatorProvider">Creates the empty state for missing or cleared rows.</param>
    /// <param name="logger">Logs conflicts and failures.</param>
    public TableGrainStorage(
        string name,
        TableStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        IActivatorProvider activatorProvider,
        ILogger<TableGrainStorage> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        if (options.GrainStorageSerializer is null)
        {
            throw new ArgumentException($"Grain storage '{name}' has no {nameof(TableStorageOptions.GrainStorageSerializer)}.", nameof(options));
        }
        _name = name;
        _options = options;
        _serviceId = clusterOptions.Value.ServiceId;
        _activatorProvider = activatorProvider;
        _logger = logger;
        _table = options.CreateTableClient();
    }

    /// <summary>Creates the table if it does not exist. Safe to call more than once.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
        }
        catch (Exception e)
        {
            LogInitFailed(e, _name, _options.TableName);
            throw;
        }
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<TableGrainStorage>(_name), _options.InitStage, InitializeAsync);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Reads the row; a missing row gives a fresh state, a null ETag and <c>RecordExists = false</c>.</summary>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        TracedAsync("read", stateName, grainId, () => ReadCoreAsync(stateName, grainId, grainState, cancellationToken));

    private async Task ReadCoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (pk, rk) = Keys(stateName, grainId);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is null)
        {
            grainState.State = CreateEmpty<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var entity = response.Value;
        var data = JoinChunks(entity);
        T? state;
        try
        {
            state = data is null ? default : _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(data));
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"Grain storage '{_name}' could not deserialize state '{stateName}' of grain {grainId} (row '{pk}'/'{rk}', {data?.Length ?? 0} bytes) as {typeof(T).Name}.", e);
        }
        grainState.State = state ?? CreateEmpty<T>();
        grainState.ETag = entity.ETag.ToString();
        grainState.RecordExists = state is not null;
    }

    /// <summary>
    /// Writes the whole state. With no ETag the row must not exist yet; with one, the row must still carry it.
    /// Oversize states are refused with <see cref="AzureTableLimitException"/> before anything is sent.
    /// </summary>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        TracedAsync("write", stateName, grainId, () => WriteCoreAsync(stateName, grainId, grainState, cancellationToken));

    private async Task WriteCoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (pk, rk) = Keys(stateName, grainId);
        var entity = BuildEntity(pk, rk, _options.GrainStorageSerializer.Serialize(grainState.State), stateName, grainId);
        var etag = grainState.ETag;
        try
        {
            var response = string.IsNullOrEmpty(etag)
                ? await _table.AddEntityAsync(entity, cancellationToken)
                : await _table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            grainState.ETag = response.Headers.ETag?.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException e) when (IsConditionFailure(e))
        {
            LogConflict(_name, "write", stateName, grainId, etag, e.Status);
            throw new TableStorageConflictException(
                $"Grain storage '{_name}' refused to write state '{stateName}' of grain {grainId}: "
                + (string.IsNullOrEmpty(etag) ? "the row already exists (another activation wrote it first)." : $"the row no longer has ETag {etag} (status {e.Status})."),
                etag, e);
        }
    }

    /// <summary>
    /// Deletes the row if it still carries the grain's ETag, then resets the state. A grain that never wrote
    /// (null ETag) has nothing to delete, so this is a no-op for storage.
    /// </summary>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        TracedAsync("clear", stateName, grainId, () => ClearCoreAsync(stateName, grainId, grainState, cancellationToken));

    private async Task ClearCoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (pk, rk) = Keys(stateName, grainId);
        var etag = grainState.ETag;
        if (!string.IsNullOrEmpty(etag))
        {
            Response response;
            try
            {
                response = await _table.DeleteEntityAsync(pk, rk, new ETag(etag), cancellationToken);
            }
            catch (RequestFailedException e) when (IsConditionFailure(e))
            {
                LogConflict(_name, "clear", stateName, grainId, etag, e.Status);
                throw new TableStorageConflictException(
                    $"Grain storage '{_name}' refused to clear state '{stateName}' of grain {grainId}: the row no longer has ETag {etag} (status {e.Status}).",
                    etag, e);
            }
            // The SDK reports a missing row as a 404 response, not an exception. For us it is a conflict:
            // someone else deleted the row the grain believed it owned.
            if (response.Status == 404)
            {
                LogConflict(_name, "clear", stateName, grainId, etag, response.Status);
                throw new TableStorageConflictException(
                    $"Grain storage '{_name}' refused to clear state '{stateName}' of grain {grainId}: the row was already deleted.",
                    etag, null);
            }
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = CreateEmpty<T>();
    }

    // One span and one latency measurement per table request, as children of the grain call that asked for it,
    // so a trace shows HTTP → grain → storage; conflicts are counted as well as thrown.
    private async Task TracedAsync(string operation, string stateName, GrainId grainId, Func<Task> run)
    {
        using var activity = LedgerTelemetry.Source.StartActivity("grainstate." + operation);
        activity?.SetTag("pvo.storage.provider", _name);
        activity?.SetTag("pvo.storage.state", stateName);
        activity?.SetTag("pvo.grain", grainId.ToString());
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await run();
        }
        catch (TableStorageConflictException)
        {
            outcome = "conflict";
            LedgerTelemetry.GrainStateConflicts.Add(1, new KeyValuePair<string, object?>("provider", _name), new KeyValuePair<string, object?>("operation", operation));
            activity?.SetStatus(ActivityStatusCode.Error, "conflict");
            throw;
        }
        catch (Exception e)
        {
            outcome = "error";
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            LedgerTelemetry.GrainStateLatency.Record(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("provider", _name),
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private (string PartitionKey, string RowKey) Keys(string stateName, GrainId grainId) =>
        (TableKeySanitizer.Sanitize($"{_serviceId}_{grainId}"), TableKeySanitizer.Sanitize(stateName));

    private TableEntity BuildEntity(string pk, string rk, BinaryData data, string stateName, GrainId grainId)
    {
        var bytes = data.ToMemory();
        // Checked here, not left to the service: Azurite stores entities above 1 MiB that Azure refuses.
        if (bytes.Length > MaxStateBytes)
        {
            throw new AzureTableLimitException(
                $"State '{stateName}' of grain {grainId} serializes to {bytes.Length:N0} bytes; grain storage '{_name}' holds at most {MaxStateBytes:N0} bytes (15 × 64 KiB) per state.");
        }
        var chunks = TableChunks.SplitBytes(bytes, AzureTableLimits.MaxBinaryPropertyBytes);
        if (chunks.Count > DataProperties.Length)
        {
            throw new AzureTableLimitException($"State '{stateName}' of grain {grainId} needs {chunks.Count} chunks; at most {DataProperties.Length} fit in one row.");
        }
        var entity = new TableEntity(pk, rk);
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[DataProperties[i]] = chunks[i];
        }
        AzureTableLimits.CheckEntity(entity);
        return entity;
    }

    private static byte[]? JoinChunks(TableEntity entity)
    {
        var chunks = new List<byte[]>();
        foreach (var name in DataProperties)
        {
            if (!entity.TryGetValue(name, out var value) || TableChunks.AsBytes(value) is not { } chunk)
            {
                break;
            }
            chunks.Add(chunk);
        }
        return chunks.Count switch
        {
            0 => null,
            1 => chunks[0],
            _ => chunks.SelectMany(c => c).ToArray(),
        };
    }

    private T CreateEmpty<T>() => _activatorProvider.GetActivator<T>().Create();

    // 409: the row exists (first write raced); 412: the ETag moved on; 404: the row was deleted underneath us.
    // A missing *table* is also a 404 but is an environment failure, not a conflict.
    private static bool IsConditionFailure(RequestFailedException e) =>
        e.Status is 409 or 412 || (e.Status == 404 && e.ErrorCode != "TableNotFound");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Provider}: {Operation} of state {StateName} for {GrainId} with ETag {ETag} failed with status {Status} (conflict)")]
    private partial void LogConflict(string provider, string operation, string stateName, GrainId grainId, string? etag, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Provider}: could not create table {Table}")]
    private partial void LogInitFailed(Exception exception, string provider, string table);
}
