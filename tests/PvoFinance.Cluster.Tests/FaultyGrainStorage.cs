using Orleans.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// A grain storage provider with <see cref="RandomStorageFaults"/> on every write and clear: some fail before anything
/// is stored, some after the state (and its new ETag) landed. Reads go through untouched.
/// </summary>
internal sealed class FaultyGrainStorage(IGrainStorage inner, RandomStorageFaults faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.WriteAsync($"the write of {stateName} of {grainId}", async () =>
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            return true;
        });

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.WriteAsync($"the clear of {stateName} of {grainId}", async () =>
        {
            await inner.ClearStateAsync(stateName, grainId, grainState);
            return true;
        });

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(lifecycle);
        }
    }
}
