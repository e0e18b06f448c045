using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Storage;
using Orleans.TestingHost;
using PvoFinance.Documents;
using PvoFinance.Grains;
using PvoFinance.Grains.Applications;
using PvoFinance.Silo.Hosting;
using PvoFinance.Storage;

namespace PvoFinance.Cluster.Tests;

/// <summary>A clock the tests move forward; one instance is shared by both in-process silos.</summary>
public sealed class SettableClock(Instant start) : IClock
{
    private long _ticks = start.ToUnixTimeTicks();

    /// <inheritdoc />
    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    /// <summary>Moves the clock forward.</summary>
    public void Advance(Duration by) => Interlocked.Add(ref _ticks, by.BclCompatibleTicks);

    /// <summary>Today in Europe/Amsterdam, the calendar the lifecycle's terms are judged in.</summary>
    public LocalDate Today => GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;
}

/// <summary>The fault the decorator throws, so a test can tell it from any real failure.</summary>
public sealed class InjectedStorageFault(string message) : Exception(message);

/// <summary>Arms a single failing write of one application's state; shared by both silos.</summary>
public sealed class StorageFaults
{
    private string? _armedFor;
    private int _skip;
    private int _tripped;

    /// <summary>
    /// After <paramref name="skip"/> more state writes of application <paramref name="applicationId"/> succeed, the next
    /// one fails once. A money transition writes twice: its intent (before booking) and its result (after booking), so
    /// <c>skip: 1</c> fails the write between booking in the ledger and saving the application.
    /// </summary>
    public void FailNextApplicationWrite(string applicationId, int skip = 0)
    {
        Volatile.Write(ref _skip, skip);
        Volatile.Write(ref _armedFor, applicationId);
    }

    private string? _appendArmedFor;

    /// <summary>
    /// The next journal append that carries an entry of application <paramref name="applicationId"/> lands, and then
    /// fails as if the answer were lost — a crash after the booking reached the ledger, before the caller heard of it.
    /// (A money transition writes its state once, with its booking's intent, before booking; see docs/ledger.md, "Sagas".)
    /// </summary>
    public void FailNextBookingAfterItLands(string applicationId) => FailNextAppendAfterItLands($"app:{applicationId}:");

    /// <summary>The next journal append that carries an entry whose key starts with <paramref name="keyPrefix"/> lands, then fails.</summary>
    public void FailNextAppendAfterItLands(string keyPrefix) => Volatile.Write(ref _appendArmedFor, keyPrefix);

    internal bool TryTripAppend(IReadOnlyList<PvoFinance.Storage.JournalRecord> records)
    {
        if (Volatile.Read(ref _appendArmedFor) is not { } prefix || !records.Any(r => r.IdempotencyKey.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return false;
        }
        return Interlocked.CompareExchange(ref _appendArmedFor, null, prefix) == prefix && Interlocked.Increment(ref _tripped) > 0;
    }

    /// <summary>How many writes failed on purpose so far.</summary>
    public int Tripped => Volatile.Read(ref _tripped);

    internal bool TryTrip(GrainId grainId)
    {
        if (Volatile.Read(ref _armedFor) is not { } id || grainId.Key.ToString() != id)
        {
            return false;
        }
        if (Interlocked.Decrement(ref _skip) >= 0)
        {
            return false;
        }
        return Interlocked.CompareExchange(ref _armedFor, null, id) == id && Interlocked.Increment(ref _tripped) > 0;
    }
}

/// <summary>
/// Wraps the grain storage the application grain uses and fails one armed write of <see cref="ApplicationGrainState"/>
/// after nothing was stored — as a crash between booking in the ledger and saving the application would.
/// </summary>
internal sealed class FaultInjectingGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        typeof(T) == typeof(ApplicationGrainState) && faults.TryTrip(grainId)
            ? Task.FromException(new InjectedStorageFault($"Injected: the write of {grainId} failed."))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(lifecycle);
        }
    }
}

/// <summary>
/// Two real silos on Azurite, like <see cref="ClusterFixture"/>, but with a <see cref="SettableClock"/> shared by both
/// and the application grain's storage (<see cref="StorageNames.Funding"/>) wrapped in a fault injector.
/// </summary>
public sealed class ApplicationClusterFixture : IAsyncLifetime
{
    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The clock both silos read.</summary>
    /// <remarks>It starts at noon today in Amsterdam, so whole days added across a change of summer time keep the date exact.</remarks>
    public SettableClock Clock { get; } = new(SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date
        .At(new LocalTime(12, 0)).InZoneLeniently(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).ToInstant());

    /// <summary>The switch for failing writes.</summary>
    public StorageFaults Faults { get; } = new();

    /// <summary>The switch for failing history row writes.</summary>
    public HistoryRowFaults HistoryFaults { get; } = new();

    /// <summary>The switch for failing the storing of letters.</summary>
    public LetterStoreFaults LetterFaults { get; } = new();

    /// <summary>The storage the silos use.</summary>
    public StorageSettings Storage { get; } = new("AzureTable", ClusterFixture.ConnectionString(), "a" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>A client connected to the cluster.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var (faults, historyFaults, letterFaults) = (Faults, HistoryFaults, LetterFaults);
        Cluster = await TestSilos.StartAsync(Storage, Clock, silo =>
        {
            silo.Services.WrapGrainStorage(StorageNames.Funding, inner => new FaultInjectingGrainStorage(inner, faults));
            silo.Services.Wrap<IApplicationHistoryStore>(inner => new FaultyHistoryStore(inner, historyFaults));
            silo.Services.Wrap<IDocumentStore>(inner => new FaultyLetterStore(inner, letterFaults));
            silo.Services.Wrap<PvoFinance.Storage.IJournalStore>(inner => new LandThenFailJournalStore(inner, faults));
        });
    }

    /// <inheritdoc />
    public Task DisposeAsync() => TestSilos.StopAsync(Cluster);
}

/// <summary>The application tests on their own cluster, with a clock they move and storage that fails on demand.</summary>
[CollectionDefinition(Name)]
public sealed class ApplicationClusterCollection : ICollectionFixture<ApplicationClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "application-cluster";
}

/// <summary>Arms failing history row writes of one application; shared by both silos.</summary>
public sealed class HistoryRowFaults
{
    private string? _armedFor;
    private int _times;

    /// <summary>The next <paramref name="times"/> row writes of application <paramref name="applicationId"/> fail.</summary>
    public void FailNextRowWrites(string applicationId, int times = 1)
    {
        Volatile.Write(ref _times, times);
        Volatile.Write(ref _armedFor, applicationId);
    }

    internal bool TryTrip(string applicationId) =>
        Volatile.Read(ref _armedFor) == applicationId && Interlocked.Decrement(ref _times) >= 0;
}

/// <summary>Fails armed history row writes before anything is written, as an unreachable table would.</summary>
internal sealed class FaultyHistoryStore(IApplicationHistoryStore inner, HistoryRowFaults faults) : IApplicationHistoryStore
{
    public Task WriteAsync(string applicationId, IReadOnlyList<PvoFinance.Applications.HistoryEntry> entries, IReadOnlyList<StoredReply>? replies = null,
        CancellationToken cancellationToken = default) =>
        faults.TryTrip(applicationId)
            ? Task.FromException(new InjectedStorageFault($"Injected: the history rows of {applicationId} were not written."))
            : inner.WriteAsync(applicationId, entries, replies, cancellationToken);

    public Task<StoredReply?> ReadReplyAsync(string applicationId, string key, CancellationToken cancellationToken = default) =>
        inner.ReadReplyAsync(applicationId, key, cancellationToken);

    public Task<IReadOnlyList<PvoFinance.Applications.HistoryEntry>> ReadAsync(string applicationId, int first, int last, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(applicationId, first, last, cancellationToken);
}
