using NodaTime;
using NodaTime.Text;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;

namespace PvoFinance.Grains;

/// <summary>The ledger grain's reads: balances, entries, the summary and the chain's verification; only durable state.</summary>
public sealed partial class LedgerGrain
{
    /// <inheritdoc />
    public Task<IReadOnlyList<BalanceDto>> GetBalances()
    {
        ThrowIfBroken();
        // The journal includes accepted entries that are not yet durable; take them out again so a reader
        // never sees money that storage might still refuse.
        var balances = _journal.Balances.ToDictionary(b => b.Account);
        for (var i = _queue.Count - 1; i >= 0; i--)
        {
            var e = _queue[i].Entry;
            foreach (var p in e.Postings)
            {
                balances[p.Account] = balances[p.Account].Without(p);
            }
            foreach (var p in e.Pending)
            {
                balances[p.Account] = balances[p.Account].Without(p);
            }
        }
        IReadOnlyList<BalanceDto> result = [.. balances.Values
            .Where(b => b.DebitsPosted != 0 || b.CreditsPosted != 0 || b.DebitsPending != 0 || b.CreditsPending != 0)
            .OrderBy(b => b.Account.Value, StringComparer.Ordinal)
            .Select(LedgerRequestMapper.ToDto)];
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BalanceDto>> GetBalancesAsOf(string asOfDate, string? knownAt)
    {
        var date = LocalDatePattern.Iso.Parse(asOfDate ?? "");
        if (!date.Success)
        {
            throw new ArgumentException("asOf must be an ISO date like 2026-11-23.", nameof(asOfDate));
        }
        Instant? known = null;
        if (!string.IsNullOrEmpty(knownAt))
        {
            var parsed = InstantPattern.ExtendedIso.Parse(knownAt);
            known = parsed.Success ? parsed.Value : throw new ArgumentException("knownAt must be an ISO instant like 2026-11-23T12:00:00Z.", nameof(knownAt));
        }
        var entries = await ReadCommittedAsync();
        return [.. LedgerQueries.BalancesAsOf(entries, date.Value, known).Select(LedgerRequestMapper.ToDto)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntryDto>> GetEntries(long afterSequence, int max)
    {
        max = Math.Clamp(max, 1, MaxEntriesPerRead);
        var list = new List<EntryDto>(Math.Min(max, 64));
        await foreach (var record in store.ReadRecordsAsync(Id, Math.Max(0, afterSequence)))
        {
            list.Add(LedgerRequestMapper.ToDto(Id, LedgerJson.DeserializeEntry(record)));
            if (list.Count == max)
            {
                break;
            }
        }
        return list;
    }

    /// <inheritdoc />
    public Task<JournalSummaryDto> GetSummary() => Task.FromResult(new JournalSummaryDto(
        Id, _durable, _durable == _journal.Version ? _journal.HeadHash : _durable == 0 ? EntryHasher.GenesisHash : _recent[_durable].Hash,
        _journal.OpenReservations.Count, _journal.Balances.Count));

    /// <inheritdoc />
    public async Task<ChainReportDto> VerifyChain()
    {
        var entries = new List<JournalEntry>();
        await foreach (var record in store.ReadRecordsAsync(Id, 0))
        {
            try
            {
                entries.Add(LedgerJson.DeserializeEntry(record));
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
            {
                var partial = ChainVerifier.Verify(entries);
                return partial.Intact
                    ? new ChainReportDto(Id, false, entries.Count + 1, record.Sequence, $"Entry {record.Sequence}: unreadable ({ex.Message}).", partial.HeadHash)
                    : ToDto(partial);
            }
        }
        return ToDto(ChainVerifier.Verify(entries));
    }

    private ChainReportDto ToDto(ChainReport r) => new(Id, r.Intact, r.EntriesChecked, r.FirstBrokenSequence, r.Reason, r.HeadHash);

    private async Task<JournalEntry> LoadEntryAsync(long sequence)
    {
        if (_recent.TryGetValue(sequence, out var cached))
        {
            return cached;
        }
        var record = await store.ReadRecordAsync(Id, sequence)
            ?? throw new InvalidOperationException($"Journal '{Id}' entry {sequence} is indexed but missing from storage.");
        return LedgerJson.DeserializeEntry(record);
    }

    private async Task<List<JournalEntry>> ReadCommittedAsync()
    {
        var entries = new List<JournalEntry>();
        await foreach (var record in store.ReadRecordsAsync(Id, 0))
        {
            entries.Add(LedgerJson.DeserializeEntry(record));
        }
        return entries;
    }
}
