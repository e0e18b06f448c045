using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Funding;

/// <summary>
/// Commitments and payments as rows: the state records each change in its outbox with the running totals (one write,
/// so totals and rows never disagree after a crash), and the rows are written from the outbox before the call answers
/// (<see cref="Invoke"/>) and again on activation. A source of the previous version, with every commitment in its
/// state, is moved into rows when it activates.
/// </summary>
public sealed partial class FundingSourceGrain : IIncomingGrainCallFilter
{
    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Commitments.Count > 0 || state.State.Payments.Count > 0)
        {
            await MoveIntoRows(cancellationToken);
        }
        await FlushOutbox();
    }

    /// <summary>Runs every call, then writes the rows its changes left in the outbox, so an answer is never ahead of the rows.</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Invoke();
        await FlushOutbox();
    }

    /// <inheritdoc />
    public Task<long> StateBytes() => Task.FromResult(this.MeasureBytes(state.State));

    /// <summary>The previous version's commitments and payments into rows (idempotent: a crash midway repeats it), then out of the state.</summary>
    private async Task MoveIntoRows(CancellationToken cancellationToken)
    {
        var s = state.State;
        var moved = s.Commitments.Values.Select(c => new FundingRow(FundingRowKind.Commitment, c.CommitmentId, c.Region, c.Amounts, c.Purpose))
            .Concat(s.Payments.Select(p => new FundingRow(FundingRowKind.Payment, p.Key, p.Value.Region, new Dictionary<int, long> { [p.Value.Year] = p.Value.Cents }, null)))
            .ToList();
        foreach (var batch in moved.Chunk(FundingRowLimits.MaxBatch))
        {
            await rows.PutAsync(Id, batch, cancellationToken);
        }
        foreach (var c in s.Commitments.Values.OrderBy(c => c.CommitmentId, StringComparer.Ordinal))
        {
            Made(c);
        }
        foreach (var (id, p) in s.Payments)
        {
            Recorded(id, p.Region, p.Year, p.Cents, +1);
        }
        // Written above already; the outbox need not write them again.
        s.Outbox.Clear();
        s.Commitments.Clear();
        s.Payments.Clear();
        await Save();
    }

    /// <summary>Records a commitment made: its row, the count, the running totals and the newest few.</summary>
    private void Made(CommitmentDto c)
    {
        var s = state.State;
        Change(new FundingRowChangeDto(nameof(FundingRowKind.Commitment), c.CommitmentId, c.Region, c.Amounts, c.Purpose, Made: true, 0, Delete: false));
        s.CommitmentCount++;
        foreach (var (year, cents) in c.Amounts)
        {
            s.DirectCommitted[Totals(c.Region, year)] = s.DirectCommitted.GetValueOrDefault(Totals(c.Region, year)) + cents;
        }
        s.Recent.Insert(0, c);
        if (s.Recent.Count > FundingSourceStateBounds.RecentCommitments)
        {
            s.Recent.RemoveRange(FundingSourceStateBounds.RecentCommitments, s.Recent.Count - FundingSourceStateBounds.RecentCommitments);
        }
        s.Attempts.Remove(c.CommitmentId);
    }

    /// <summary>Records a direct payment (<paramref name="sign"/> +1) or takes a refused one back (-1).</summary>
    private void Recorded(string paymentId, string region, int year, long cents, int sign)
    {
        var s = state.State;
        Change(new FundingRowChangeDto(nameof(FundingRowKind.Payment), paymentId, region, new Dictionary<int, long> { [year] = cents }, null, Made: true, 0, Delete: sign < 0));
        s.PaymentCount += sign;
        s.DirectPaid[Totals(region, year)] = s.DirectPaid.GetValueOrDefault(Totals(region, year)) + sign * cents;
    }

    /// <summary>
    /// Before a commitment's attempt: its refused attempts from its row (so the attempt books under new keys), and every
    /// other id's refused attempts out of the state into their rows, so the state holds the attempts of one id at a time.
    /// </summary>
    private void HoldAttempts(string commitmentId, FundingRow? row)
    {
        var s = state.State;
        foreach (var (id, attempts) in s.Attempts.Where(a => a.Key != commitmentId).ToList())
        {
            Change(new FundingRowChangeDto(nameof(FundingRowKind.Commitment), id, "", new Dictionary<int, long>(), null, Made: false, attempts, Delete: false));
            s.Attempts.Remove(id);
        }
        if (row is { Made: false, RefusedAttempts: > 0 } && row.RefusedAttempts > s.Attempts.GetValueOrDefault(commitmentId))
        {
            s.Attempts[commitmentId] = row.RefusedAttempts;
        }
    }

    private void Change(FundingRowChangeDto change) => state.State.Outbox[Key(change.Kind, change.Id)] = change;

    private static string Key(string kind, string id) => (kind == nameof(FundingRowKind.Commitment) ? "c:" : "p:") + id;

    /// <summary>Writes the state after checking every declared bound; an outbox at its bound is written out first.</summary>
    private async Task Save()
    {
        if (state.State.Outbox.Count >= FundingSourceStateBounds.MaxOutbox)
        {
            await FlushOutbox();
        }
        if (FundingSourceStateBounds.Breach(state.State) is { } breach)
        {
            DeactivateOnIdle();
            throw new GrainStateTooLargeException($"Funding source '{Id}' would hold too many {breach}. Nothing was changed.");
        }
        await this.WriteOrDropAsync(state);
    }

    /// <summary>Writes the outbox's changes to the rows: puts in groups of at most a batch, removals one by one.</summary>
    private async Task FlushOutbox()
    {
        var outbox = state.State.Outbox;
        if (outbox.Count == 0)
        {
            return;
        }
        var changes = outbox.ToList();
        foreach (var batch in changes.Where(c => !c.Value.Delete).Chunk(FundingRowLimits.MaxBatch))
        {
            await rows.PutAsync(Id, [.. batch.Select(c => ToRow(c.Value))]);
        }
        foreach (var (_, change) in changes.Where(c => c.Value.Delete))
        {
            await rows.DeleteAsync(Id, Enum.Parse<FundingRowKind>(change.Kind), change.Id);
        }
        // Only what was written leaves (a change made meanwhile stays); the state forgets them at its next write.
        foreach (var (key, change) in changes)
        {
            if (outbox.TryGetValue(key, out var now) && ReferenceEquals(now, change))
            {
                outbox.Remove(key);
            }
        }
    }

    /// <summary>The row of a commitment id: a change not yet in the rows first, then a point read; null for an id no row can have.</summary>
    private Task<FundingRow?> CommitmentRow(string id) => Row(FundingRowKind.Commitment, id);

    private async Task<FundingRow?> PaymentRow(string id) => await Row(FundingRowKind.Payment, id);

    private async Task<FundingRow?> Row(FundingRowKind kind, string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > FundingRowLimits.MaxIdChars || id.Any(c => c is < '!' or > '~' or '/' or '\\' or '#' or '?' or ':'))
        {
            return null;
        }
        if (state.State.Outbox.TryGetValue(Key(kind.ToString(), id), out var change))
        {
            return change.Delete ? null : ToRow(change);
        }
        return await rows.GetAsync(Id, kind, id);
    }

    private static FundingRow ToRow(FundingRowChangeDto c) =>
        new(Enum.Parse<FundingRowKind>(c.Kind), c.Id, c.Region, c.Amounts, c.Purpose, c.Made, c.RefusedAttempts);

    private static Commitment ToCommitment(FundingRow r) => new(r.Id, r.Region, r.Amounts, r.Purpose);

    private static Commitment ToCommitment(CommitmentDto c) => new(c.CommitmentId, c.Region, c.Amounts, c.Purpose);

    private static CommitmentDto ToDto(Commitment c) => new(c.Id, c.Region, c.Amounts, c.Purpose);
}
