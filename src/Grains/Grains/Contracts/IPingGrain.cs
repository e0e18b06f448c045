namespace PvoFinance.Grains.Contracts;

/// <summary>A grain that does nothing: the health check proves the grain runtime answers, and the benchmark measures bare call cost with it.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Returns at once.</summary>
    ValueTask Ping();
}
