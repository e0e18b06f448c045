using Orleans.Concurrency;
using PvoFinance.Grains.Contracts;

namespace PvoFinance.Grains;

/// <summary>Does nothing, as fast as the runtime allows.</summary>
[StatelessWorker]
public sealed class PingGrain : Grain, IPingGrain
{
    /// <inheritdoc />
    public ValueTask Ping() => ValueTask.CompletedTask;
}
