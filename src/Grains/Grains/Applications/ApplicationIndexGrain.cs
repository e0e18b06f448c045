using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using PvoFinance.Applications;
using PvoFinance.Storage;
using PvoFinance.Telemetry;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// The single writer of one region's list; see <see cref="IApplicationIndexGrain"/>. Summaries wait in a bounded
/// in-memory queue (latest per application) and are written in batches of up to
/// <see cref="ApplicationListLimits.MaxBatch"/> rows, one store transaction each, when a batch fills or after
/// <see cref="ApplicationListLimits.FlushDelay"/>. A failed batch stays queued and is retried with doubling waits,
/// counted and logged each time.
/// </summary>
/// <remarks>
/// Reentrant so that <see cref="Upsert"/> never waits for a batch being written: the queue is swapped out before
/// each await, and only one batch is in flight at a time. If the silo dies with summaries still queued, each
/// application re-sends its summary when it next activates (see <c>ApplicationGrain.OnActivateAsync</c>).
/// </remarks>
[Reentrant]
public sealed class ApplicationIndexGrain(
    [PersistentState("applications", StorageNames.Funding)] IPersistentState<ApplicationIndexState> legacy,
    IApplicationListStore store,
    ILogger<ApplicationIndexGrain> logger) : Grain, IApplicationIndexGrain
{
    private readonly Dictionary<string, ApplicationListRow> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failedBefore = new(StringComparer.Ordinal);
    // One batch in flight at a time, whoever starts it (timer, full batch, Flush, deactivation), so _inFlight is exact.
    private readonly SemaphoreSlim _oneBatch = new(1, 1);
    private List<ApplicationListRow> _inFlight = [];
    private IGrainTimer? _timer;
    private Task _flushing = Task.CompletedTask;
    private int _failures;
    private DateTime _notBefore = DateTime.MinValue;

    private string Region => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Migration from the previous version: its one growing state becomes rows, then the state is cleared.
        if (legacy.State.Entries.Count > 0)
        {
            var rows = legacy.State.Entries.Values.Select(ApplicationListRows.From).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            foreach (var chunk in rows.Chunk(ApplicationListLimits.MaxBatch))
            {
                await store.UpsertAsync(Region, chunk, cancellationToken);
            }
            ApplicationListTelemetry.Repairs.Add(rows.Count, new("how", "migrated"), new("region", Region));
            logger.LogInformation("Region {Region}: moved {Count} application summaries from grain state to list rows", Region, rows.Count);
            await legacy.ClearStateAsync(cancellationToken);
        }
        _timer = this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions
        {
            DueTime = ApplicationListLimits.FlushDelay,
            Period = ApplicationListLimits.FlushDelay,
            Interleave = true,
        });
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        // Last chance to write what is queued; what cannot be written is re-sent by the applications on activation.
        _notBefore = DateTime.MinValue;
        try
        {
            await _flushing;
            while (_queued.Count > 0 && !cancellationToken.IsCancellationRequested && await FlushOnce())
            {
            }
        }
        finally
        {
            if (_queued.Count > 0)
            {
                logger.LogError("Region {Region}: {Count} list rows not written at deactivation; the applications re-send them when they next activate", Region, _queued.Count);
            }
        }
    }

    /// <inheritdoc />
    public Task Upsert(ApplicationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Region != Region)
        {
            throw new ArgumentException($"Application '{summary.Id}' belongs to region '{summary.Region}', not '{Region}'.", nameof(summary));
        }
        var row = ApplicationListRows.From(summary);
        ApplicationListLimits.Validate(row);
        if (_queued.TryGetValue(row.Id, out var waiting))
        {
            if (waiting.Sequence < row.Sequence || (waiting.Sequence == row.Sequence && waiting != row))
            {
                _queued[row.Id] = row;
            }
        }
        else if (_queued.Count >= ApplicationListLimits.MaxQueued)
        {
            ApplicationListTelemetry.WriteFailures.Add(1, new("reason", "queue_full"), new("region", Region));
            throw new InvalidOperationException($"The list of region '{Region}' has {_queued.Count} rows waiting for storage; application '{row.Id}' re-sends its summary when it next activates.");
        }
        else
        {
            _queued[row.Id] = row;
        }
        if (_queued.Count >= ApplicationListLimits.MaxBatch)
        {
            StartFlush();
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApplicationListRow>> Pending(string? afterId)
    {
        var rows = new Dictionary<string, ApplicationListRow>(StringComparer.Ordinal);
        foreach (var row in _inFlight.Concat(_queued.Values))
        {
            if ((afterId is null || string.CompareOrdinal(row.Id, afterId) > 0) && (!rows.TryGetValue(row.Id, out var kept) || kept.Sequence < row.Sequence))
            {
                rows[row.Id] = row;
            }
        }
        return Task.FromResult<IReadOnlyList<ApplicationListRow>>([.. rows.Values]);
    }

    /// <inheritdoc />
    public async Task Flush()
    {
        _notBefore = DateTime.MinValue;
        await _flushing;
        while (_queued.Count > 0)
        {
            if (!await FlushOnce())
            {
                throw new InvalidOperationException($"The list of region '{Region}' could not be written; {_queued.Count} rows stay queued and are retried.");
            }
        }
    }

    /// <inheritdoc />
    public Task<int> Queued() => Task.FromResult(_queued.Count);

    private Task Tick(CancellationToken cancellationToken)
    {
        if (_queued.Count > 0 && DateTime.UtcNow >= _notBefore)
        {
            StartFlush();
        }
        return Task.CompletedTask;
    }

    private void StartFlush()
    {
        if (!_flushing.IsCompleted)
        {
            return;
        }
        _flushing = FlushWhileFull();
    }

    // Writes batches while a full one is waiting; a part-filled batch is written by the next tick.
    private async Task FlushWhileFull()
    {
        while (await FlushOnce() && _queued.Count >= ApplicationListLimits.MaxBatch)
        {
        }
    }

    // Writes one batch; false when it failed (the rows stay queued, the next try waits).
    private async Task<bool> FlushOnce()
    {
        await _oneBatch.WaitAsync();
        try
        {
            return await WriteBatch();
        }
        finally
        {
            _oneBatch.Release();
        }
    }

    private async Task<bool> WriteBatch()
    {
        if (_queued.Count == 0)
        {
            return true;
        }
        var batch = _queued.Values.OrderBy(r => r.Id, StringComparer.Ordinal).Take(ApplicationListLimits.MaxBatch).ToList();
        foreach (var row in batch)
        {
            _queued.Remove(row.Id);
        }
        // Readers still see the batch while it is on its way (see Pending).
        _inFlight = batch;
        try
        {
            var result = await store.UpsertAsync(Region, batch);
            ApplicationListTelemetry.RowsWritten.Add(result.Written, new KeyValuePair<string, object?>("region", Region));
            ApplicationListTelemetry.BatchSize.Record(batch.Count, new KeyValuePair<string, object?>("region", Region));
            var repaired = batch.Count(r => _failedBefore.Remove(r.Id));
            if (repaired > 0)
            {
                ApplicationListTelemetry.Repairs.Add(repaired, new("how", "retried"), new("region", Region));
                logger.LogInformation("Region {Region}: {Count} list rows written on retry after {Failures} failed attempts", Region, repaired, _failures);
            }
            _failures = 0;
            _inFlight = [];
            return true;
        }
        catch (Exception ex)
        {
            // Back in the queue unless a newer summary arrived meanwhile; retried after a doubling wait.
            foreach (var row in batch)
            {
                if (!_queued.TryGetValue(row.Id, out var newer) || newer.Sequence < row.Sequence)
                {
                    _queued[row.Id] = row;
                }
                _failedBefore.Add(row.Id);
            }
            _inFlight = [];
            _failures++;
            var wait = TimeSpan.FromMilliseconds(Math.Min(
                ApplicationListLimits.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(_failures - 1, 20)),
                ApplicationListLimits.MaxRetryDelay.TotalMilliseconds));
            _notBefore = DateTime.UtcNow + wait;
            ApplicationListTelemetry.WriteFailures.Add(1, new("reason", "storage"), new("region", Region));
            logger.LogWarning(ex, "Region {Region}: writing {Count} list rows failed (attempt {Failures}); retrying in {Wait} ms", Region, batch.Count, _failures, (int)wait.TotalMilliseconds);
            return false;
        }
    }
}
