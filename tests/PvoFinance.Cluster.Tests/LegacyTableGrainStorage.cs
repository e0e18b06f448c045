using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The row layout of the service's own grain storage provider before Orleans' Azure Table provider replaced it, kept
/// only to write the data an upgrade starts from: one row per grain and state in <c>{prefix}GrainState</c>, keys with
/// '/', '\', '#', '?' and '~' escaped as <c>~XX</c>, the state serialized by the silo's default grain storage serializer
/// (Orleans' Newtonsoft JSON) in binary chunks <c>Data</c>, <c>Data1</c> … of at most 64 KiB.
/// </summary>
internal sealed class LegacyTableGrainStorage(TableClient table, string serviceId, IGrainStorageSerializer serializer) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Registers the old layout under every name in <paramref name="names"/>, as the old version's silo did.</summary>
    public static void Register(ISiloBuilder silo, string connectionString, string tableName, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new LegacyTableGrainStorage(
                new TableClient(connectionString, tableName),
                sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                sp.GetRequiredService<IGrainStorageSerializer>()));
        }
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => (LegacyTableGrainStorage)sp.GetRequiredKeyedService<IGrainStorage>(names.First()));
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LegacyTableGrainStorage), ServiceLifecycleStage.ApplicationServices, ct => table.CreateIfNotExistsAsync(ct));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Escape($"{serviceId}_{grainId}"), Escape(stateName));
        if (!response.HasValue || response.Value is null)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var data = Enumerable.Range(0, 15).Select(i => i == 0 ? "Data" : $"Data{i}")
            .TakeWhile(response.Value.ContainsKey).SelectMany(n => response.Value.GetBinary(n)).ToArray();
        grainState.State = serializer.Deserialize<T>(new BinaryData(data))!;
        grainState.ETag = response.Value.ETag.ToString();
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var entity = new TableEntity(Escape($"{serviceId}_{grainId}"), Escape(stateName));
        var chunks = TableChunks.SplitBytes(serializer.Serialize(grainState.State).ToMemory(), AzureTableLimits.MaxBinaryPropertyBytes);
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[i == 0 ? "Data" : $"Data{i}"] = chunks[i];
        }
        var response = string.IsNullOrEmpty(grainState.ETag)
            ? await table.AddEntityAsync(entity)
            : await table.UpdateEntityAsync(entity, new ETag(grainState.ETag), TableUpdateMode.Replace);
        grainState.ETag = response.Headers.ETag?.ToString();
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException("The upgrade tests never clear state in the old layout.");

    private static string Escape(string value) => string.Concat(value.Select(c => c is '/' or '\\' or '#' or '?' or '~' ? $"~{(int)c:X2}" : c.ToString()));
}
