using System.Collections.Immutable;
using NodaTime;

namespace PvoFinance.Ledger;

/// <summary>
/// One budget holder's journal: the single writer's in-memory view of balances, open reservations and the
/// idempotency index, and the rules that decide whether a command becomes an entry. Plain C#, no I/O:
/// the caller persists a <see cref="Committed"/> entry, and replays stored entries with <see cref="Apply"/>.
/// </summary>
/// <remarks>
/// Invariants, asserted after every entry: posted postings sum to zero; pending changes sum to zero;
/// every account with a limit is within it; sequences are consecutive and each entry's previous hash is
/// the head before it. A command either yields one entry that keeps all of them, or changes nothing.
/// </remarks>
public sealed partial class Journal
{
    private readonly Dictionary<AccountId, AccountBalance> _balances = [];
    private readonly Dictionary<string, Reservation> _open = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reversed = new(StringComparer.Ordinal);
    private KeyIndex _keys = new();
    private MovementTotals _totals = new();
    private long _totalsMissingThrough;

    // While a batch is decided (ExecuteChains, ExecuteAll, CheckAll): the entries it made so far by sequence, so that a
    // later command of the batch can reverse one of them (linked events see the earlier events of their batch).
    private Dictionary<long, JournalEntry>? _batchEntries;
    private int _batchDepth;

    /// <summary>The sequence of the last entry (0 when empty).</summary>
    public long Version { get; private set; }

    /// <summary>The hash of the last entry (<see cref="EntryHasher.GenesisHash"/> when empty).</summary>
    public string HeadHash { get; private set; } = EntryHasher.GenesisHash;

    /// <summary>Current balances of every account the journal has touched.</summary>
    public IReadOnlyCollection<AccountBalance> Balances => _balances.Values;

    /// <summary>Reservations still open.</summary>
    public IReadOnlyCollection<Reservation> OpenReservations => _open.Values;

    /// <summary>Keys of entries that have been reversed.</summary>
    public IReadOnlyCollection<string> ReversedKeys => _reversed;

    /// <summary>Number of keys the idempotency index holds in memory (at most <see cref="KeyIndex.MaxIndexedKeys"/>).</summary>
    public int KeyCount => _keys.Count;

    /// <summary>Every key of an entry after this sequence is held in memory; older ones may need a look-up in storage.</summary>
    public long KeyFloor => _keys.Floor;

    /// <summary>False for a journal restored from a snapshot of the older format, until <see cref="RebuildKeyFilter"/>: every older key is then "unknown".</summary>
    public bool HasKeyFilter => _keys.HasFilter;

    /// <summary>Entries up to this sequence were stored before keys had rows of their own (a look-up of their keys queries the records).</summary>
    public long KeysWithoutRowsThrough
    {
        get => _keys.KeysWithoutRowsThrough;
        set => _keys.KeysWithoutRowsThrough = value;
    }

    /// <summary>The balance of one account (empty if never touched).</summary>
    public AccountBalance BalanceOf(AccountId account) =>
        _balances.TryGetValue(account, out var b) ? b : AccountBalance.Empty(account);

    /// <summary>
    /// False when the journal was rebuilt from a snapshot written before snapshots carried the running totals: the
    /// totals then lack entries 1..<see cref="TotalsMissingThrough"/> until <see cref="CompleteTotals"/> adds them.
    /// </summary>
    public bool TotalsComplete => _totalsMissingThrough == 0;

    /// <summary>The last entry the running totals lack (0 when they are complete).</summary>
    public long TotalsMissingThrough => _totalsMissingThrough;

    /// <summary>A copy of the running totals per movement (see <see cref="MovementTotals"/>), including every applied entry.</summary>
    public MovementTotals CopyTotals() => _totals.Copy();

    /// <summary>
    /// Adds entries 1..<see cref="TotalsMissingThrough"/> (read back from storage, in order) to the running totals of a
    /// journal rebuilt from an older snapshot. Why: such a snapshot has balances but no totals; this one-off read
    /// completes them, and the next snapshot carries them.
    /// </summary>
    public void CompleteTotals(IReadOnlyList<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (TotalsComplete)
        {
            return;
        }
        if (entries.Count != _totalsMissingThrough || entries.Where((e, i) => e.Sequence != i + 1).Any())
        {
            throw new InvalidOperationException($"The running totals need entries 1..{_totalsMissingThrough} in order; {entries.Count} entries were given.");
        }
        foreach (var e in entries)
        {
            _totals.Fold(e);
        }
        _totalsMissingThrough = 0;
    }


    /// <summary>The sequence of the entry made with <paramref name="key"/> when the index holds it in memory, or null (see <see cref="KeysToLookUp"/>).</summary>
    public long? SequenceOf(string key) => _keys.TryGet(key, out var k) ? k.Sequence : null;

    /// <summary>
    /// The keys <paramref name="command"/> needs that only storage can answer: its own idempotency key and the key it
    /// refers to, when they are not held in memory and the key filter says "maybe". The caller looks each up and
    /// reports it with <see cref="IndexKey"/> (found) or <see cref="ConfirmAbsent"/> (not found) before
    /// <see cref="Execute"/> or <see cref="Check"/>, with no other command decided in between.
    /// </summary>
    public IReadOnlyList<string> KeysToLookUp(LedgerCommand command)
    {
        if (Validate(command) is not null)
        {
            return [];
        }
        // Made only when a key needs a look-up (rare: the filter rules out almost every new key); every decision asks.
        List<string>? keys = null;
        Want(command.Key);
        switch (command)
        {
            case PostReservation p when !_open.ContainsKey(p.ReservationKey ?? ""):
                Want(p.ReservationKey);
                break;
            case VoidReservation v when !_open.ContainsKey(v.ReservationKey ?? ""):
                Want(v.ReservationKey);
                break;
            case ReverseEntry r:
                Want(r.EntryKey);
                break;
        }
        return keys is null ? [] : keys;

        void Want(string? key)
        {
            if (key is not null && IsKeyShaped(key) && _keys.NeedsLookUp(key) && !(keys?.Contains(key) ?? false))
            {
                (keys ??= new List<string>(2)).Add(key);
            }
        }
    }

    /// <summary>
    /// True when only storage can tell whether an entry was made with <paramref name="key"/>: it is not held in memory
    /// and the key filter says "maybe" (a reader of entries by key then looks it up rather than miss an old entry).
    /// </summary>
    public bool KeyNeedsLookUp(string key) => IsKeyShaped(key) && _keys.NeedsLookUp(key);

    /// <summary>Records that storage has no entry with <paramref name="key"/>, read when every entry up to <paramref name="durableVersion"/> was durable.</summary>
    public void ConfirmAbsent(string key, long durableVersion) => _keys.ConfirmAbsent(key, durableVersion);

    /// <summary>Builds the key filter of a journal restored from a snapshot of the older format from every key up to the snapshot, read from storage once.</summary>
    public void RebuildKeyFilter(IEnumerable<(long Sequence, string Key, string ContentHash)> keys)
    {
        var list = keys.ToList();
        if (list.Any(k => k.Sequence < 1 || k.Sequence > Version))
        {
            throw new InvalidOperationException($"A key to index lies outside 1..{Version}.");
        }
        _keys.RebuildFilter(list);
    }

    /// <summary>An open reservation by key, or null.</summary>
    public Reservation? ReservationOf(string key) => _open.GetValueOrDefault(key);

    /// <summary>
    /// Decides a command. On success the entry is already applied to this journal; the caller must persist
    /// it before reporting success, and must discard this journal (reload) if persisting fails.
    /// </summary>
    /// <param name="command">What to do.</param>
    /// <param name="now">The recording instant, from the injected clock.</param>
    /// <param name="referenced">For <see cref="ReverseEntry"/>: the entry to reverse, fetched by the caller
    /// (via <see cref="SequenceOf"/>) because old entries are not kept in memory.</param>
    public LedgerOutcome Execute(LedgerCommand command, Instant now, JournalEntry? referenced = null)
    {
        if (Decide(command, referenced, out var decided, out var contentHash) is { } outcome)
        {
            return outcome;
        }
        var draft = new JournalEntry(
            Version + 1, command.Key, decided.Kind, command.ValueDate, now, decided.Reference,
            decided.Postings, decided.Pending, command.Memo, contentHash, HeadHash, Hash: "");
        var entry = draft with { Hash = EntryHasher.EntryHash(draft) };
        Apply(entry);
        if (_batchEntries is not null)
        {
            _batchEntries[entry.Sequence] = entry;
        }
        return new Committed(entry);
    }

    /// <summary>
    /// Whether <see cref="Execute"/> would accept <paramref name="command"/> now, without recording anything: the
    /// refusal it would give, or null when it would commit it (or replay it, for a key already used with the same
    /// content). Why: a movement over two journals asks the second journal first, so a refusal there leaves the
    /// first journal untouched instead of holding a reservation and its void.
    /// </summary>
    public LedgerRejection? Check(LedgerCommand command, JournalEntry? referenced = null) =>
        Decide(command, referenced, out _, out _) is Rejected rejected ? rejected.Rejection : null;

    // Everything Execute decides before it builds the entry: a refusal or a replay as the outcome, else null with
    // the decision and the command's content hash.
    private LedgerOutcome? Decide(LedgerCommand command, JournalEntry? referenced, out Decision decided, out string contentHash)
    {
        decided = null!;
        contentHash = "";
        if (Validate(command) is { } invalid)
        {
            return new Rejected(invalid);
        }
        contentHash = EntryHasher.ContentHash(command);
        if (TryFindKey(command.Key, out var seen))
        {
            return seen.ContentHash == contentHash
                ? new Duplicate(seen.Sequence)
                : Reject(RejectionCode.IdempotencyConflict, "key", $"Key '{command.Key}' was used for entry {seen.Sequence} with different content; use a new key for a new command.");
        }
        if (Version >= LedgerLimits.MaxEntriesPerJournal)
        {
            return Reject(RejectionCode.LimitOfJournal, "key", $"This journal holds its maximum of {LedgerLimits.MaxEntriesPerJournal} entries.");
        }

        decided = command switch
        {
            PostEntry p => DecideNew(p.Postings, reserve: false),
            ReserveEntry r => DecideNew(r.Postings, reserve: true),
            PostReservation pr => DecidePostReservation(pr),
            VoidReservation v => DecideVoid(v),
            ReverseEntry rv => DecideReverse(rv, referenced),
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
        };
        if (decided.Rejection is { } rejection)
        {
            return new Rejected(rejection);
        }
        if (CheckBalances(decided.Postings, decided.Pending, decided.FieldOf) is { } limit)
        {
            return new Rejected(limit);
        }
        if (_totals.Count + _totals.NewTotals(decided.Postings, decided.Pending, command.ValueDate) > LedgerLimits.MaxMovementTotalsPerJournal)
        {
            return Reject(RejectionCode.LimitOfJournal, "postings", $"This journal may hold running totals for at most {LedgerLimits.MaxMovementTotalsPerJournal} pairs of accounts and value years.");
        }
        return null;
    }

    /// <summary>
    /// Applies an entry that is already decided: a new one from <see cref="Execute"/>, or a stored one during
    /// recovery. Throws if it does not continue this journal's chain or would break an invariant.
    /// </summary>
    public void Apply(JournalEntry entry)
    {
        if (entry.Sequence != Version + 1)
        {
            throw new InvalidOperationException($"Entry {entry.Sequence} does not follow version {Version}.");
        }
        if (entry.PreviousHash != HeadHash)
        {
            throw new InvalidOperationException($"Entry {entry.Sequence} does not chain to the head hash.");
        }
        AssertBalanced(entry);
        foreach (var p in entry.Postings)
        {
            _balances[p.Account] = BalanceOf(p.Account).With(p);
        }
        foreach (var p in entry.Pending)
        {
            _balances[p.Account] = BalanceOf(p.Account).With(p);
        }
        _totals.Fold(entry);
        switch (entry.Kind)
        {
            case EntryKind.Reserve:
                _open[entry.Key] = new Reservation(entry.Key, entry.Sequence, entry.ValueDate, [.. entry.Pending.Select(p => new Posting(p.Account, p.Amount))]);
                break;
            case EntryKind.PostReservation:
            case EntryKind.VoidReservation:
                var reservation = _open[entry.Reference!];
                var remaining = reservation.Remaining.Select(r =>
                {
                    var released = entry.Pending.Where(p => p.Account == r.Account).Sum(p => p.Amount.Cents);
                    return r with { Amount = new Money(checked(r.Amount.Cents - released)) };
                }).ToImmutableArray();
                if (remaining.All(r => r.Amount.Cents == 0))
                {
                    _open.Remove(entry.Reference!);
                }
                else
                {
                    _open[entry.Reference!] = reservation with { Remaining = remaining };
                }
                break;
            case EntryKind.Reversal:
                _reversed.Add(entry.Reference!);
                break;
        }
        _keys.Add(entry.Sequence, entry.Key, entry.ContentHash);
        Version = entry.Sequence;
        HeadHash = entry.Hash;
        System.Diagnostics.Debug.Assert(_balances.Values.All(b => b.WithinLimit), "every limited account stays within its limit");
    }

    /// <summary>Adds a key of an entry older than the loaded snapshot (found in storage) to the idempotency index.</summary>
    public void IndexKey(long sequence, string key, string contentHash)
    {
        if (sequence < 1 || sequence > Version)
        {
            throw new InvalidOperationException($"Key '{key}' belongs to entry {sequence}, outside 1..{Version}.");
        }
        _keys.Add(sequence, key, contentHash);
    }

    /// <summary>
    /// The derived state for a snapshot: everything but the keys themselves, which storage holds; instead the
    /// fixed-size filter of every key, so that activation reads no key at all.
    /// </summary>
    public JournalState ToState() => new(
        Version,
        HeadHash,
        [.. _balances.Values.OrderBy(b => b.Account.Value, StringComparer.Ordinal)],
        [.. _open.Values.OrderBy(r => r.Sequence)],
        [.. _reversed.Order(StringComparer.Ordinal)],
        TotalsComplete ? _totals.ToList() : null,
        Version == 0 ? null : _keys.FilterForSnapshot()?.ToBase64(),
        _keys.KeysWithoutRowsThrough);

    /// <summary>Rebuilds a journal from a snapshot; entries after it are then replayed with <see cref="Apply"/>.</summary>
    public static Journal FromState(JournalState state)
    {
        var j = new Journal { Version = state.Version, HeadHash = state.HeadHash };
        if (state.MovementTotals is { } totals)
        {
            j._totals = MovementTotals.From(totals);
        }
        else
        {
            // A snapshot from before the running totals: they lack every entry it covers (see CompleteTotals).
            j._totalsMissingThrough = state.Version;
        }
        j._keys = new KeyIndex(state.Version, state.KeyFilter is { } f ? KeyFilter.FromBase64(f) : null, state.KeysWithoutRowsThrough);
        foreach (var b in state.Balances)
        {
            j._balances[b.Account] = b;
        }
        foreach (var r in state.OpenReservations)
        {
            j._open[r.Key] = r;
        }
        foreach (var k in state.ReversedKeys)
        {
            j._reversed.Add(k);
        }
        return j;
    }

    private sealed record Decision(
        EntryKind Kind,
        ImmutableArray<Posting> Postings,
        ImmutableArray<PendingPosting> Pending,
        string? Reference,
        Func<AccountId, string> FieldOf,
        LedgerRejection? Rejection = null);

    private static Decision Refuse(RejectionCode code, string field, string message) =>
        new(EntryKind.Posted, [], [], null, _ => field, new LedgerRejection(code, field, message));

    private static Rejected Reject(RejectionCode code, string field, string message) => new(new LedgerRejection(code, field, message));

    // A key in the index: in memory, or not used at all (the filter says "no", storage said so, or no entry can
    // have a key of this shape). Throws when only storage can tell: the caller skipped KeysToLookUp.
    private bool TryFindKey(string key, out (long Sequence, string ContentHash) found)
    {
        if (_keys.TryGet(key, out found))
        {
            return true;
        }
        if (IsKeyShaped(key) && _keys.NeedsLookUp(key))
        {
            throw new InvalidOperationException($"Key '{key}' may belong to an entry older than the keys held in memory; look it up first (KeysToLookUp).");
        }
        return false;
    }

    private static bool IsKeyShaped(string key) =>
        !string.IsNullOrEmpty(key) && key.Length <= LedgerLimits.MaxKeyChars && !key.Any(ch => ch is < '!' or > '~' or '/' or '\\' or '#' or '?');

    private static LedgerRejection? Validate(LedgerCommand c)
    {
        if (!IsKeyShaped(c.Key))
        {
            return new(RejectionCode.Invalid, "key", $"The idempotency key must have 1..{LedgerLimits.MaxKeyChars} printable ASCII characters without spaces or / \\ # ?.");
        }
        if (c.Memo is { Length: > LedgerLimits.MaxMemoChars })
        {
            return new(RejectionCode.Invalid, "memo", $"The memo has {c.Memo.Length} characters; at most {LedgerLimits.MaxMemoChars}.");
        }
        if (c.Memo is not null && c.Memo.Any(char.IsControl))
        {
            return new(RejectionCode.Invalid, "memo", "The memo may not contain control characters.");
        }
        return null;
    }

    // Whether the account of postings[i] is also the account of an earlier posting.
    private static bool AppearsBefore(IReadOnlyList<Posting> postings, int i)
    {
        for (var j = 0; j < i; j++)
        {
            if (postings[j].Account == postings[i].Account)
            {
                return true;
            }
        }
        return false;
    }

    private Decision DecideNew(IReadOnlyList<Posting> postings, bool reserve)
    {
        if (postings is null || postings.Count == 0 || postings.Count > LedgerLimits.MaxPostingsPerEntry)
        {
            return Refuse(RejectionCode.Invalid, "postings", $"An entry needs 2..{LedgerLimits.MaxPostingsPerEntry} postings.");
        }
        // A set only for long entries: most have two postings, where comparing with the earlier ones is cheaper.
        var seen = postings.Count > 8 ? new HashSet<AccountId>() : null;
        long sum = 0;
        var memos = 0;
        for (var i = 0; i < postings.Count; i++)
        {
            var p = postings[i];
            if (p.Account.Value is null)
            {
                return Refuse(RejectionCode.Invalid, $"postings[{i}].account", "The account is missing.");
            }
            if (p.Amount.Cents == 0 || Math.Abs(p.Amount.Cents) > Money.MaxCents)
            {
                return Refuse(RejectionCode.Invalid, $"postings[{i}].amount", $"The amount must be non-zero and at most {Money.FromCents(Money.MaxCents)} in size.");
            }
            if (seen is null ? AppearsBefore(postings, i) : !seen.Add(p.Account))
            {
                return Refuse(RejectionCode.Invalid, $"postings[{i}].account", $"Account '{p.Account}' appears twice; combine its postings into one.");
            }
            sum += p.Amount.Cents; // cannot overflow: at most 64 terms of magnitude below 10^17
            memos += p.Account.IsMemo ? 1 : 0;
        }
        if (sum != 0)
        {
            return Refuse(RejectionCode.Unbalanced, "postings", $"The postings sum to {new Money(sum)}; debits and credits must be equal.");
        }
        if (memos > 0 && memos < postings.Count)
        {
            return Refuse(RejectionCode.MixedMemoAndCash, "postings", "In-kind (memo) accounts and cash accounts cannot share an entry; value hours given in kind in their own entry.");
        }
        if (reserve && _open.Count >= LedgerLimits.MaxOpenReservations)
        {
            return Refuse(RejectionCode.LimitOfJournal, "postings", $"This journal already has {LedgerLimits.MaxOpenReservations} open reservations.");
        }
        Func<AccountId, string> fieldOf = a => $"postings[{IndexOf(postings, a)}]";
        return reserve
            ? new(EntryKind.Reserve, [], [.. postings.Select(p => new PendingPosting(p.Account, p.Amount, Release: false))], null, fieldOf)
            : new(EntryKind.Posted, [.. postings], [], null, fieldOf);
    }

    private static int IndexOf(IReadOnlyList<Posting> postings, AccountId account)
    {
        for (var i = 0; i < postings.Count; i++)
        {
            if (postings[i].Account == account)
            {
                return i;
            }
        }
        return -1;
    }

    private Decision? FindOpen(string reservationKey, LocalDate valueDate, out Reservation reservation)
    {
        reservation = null!;
        if (string.IsNullOrEmpty(reservationKey))
        {
            return Refuse(RejectionCode.Invalid, "reservationKey", "The reservation key is required.");
        }
        if (_open.TryGetValue(reservationKey, out var open))
        {
            reservation = open;
            // A later step may not predate the reservation, so balances "as of" any date never show a
            // release without the reservation it releases.
            return valueDate < open.ValueDate
                ? Refuse(RejectionCode.Invalid, "valueDate", $"The value date {valueDate:yyyy-MM-dd} is before the reservation's ({open.ValueDate:yyyy-MM-dd}).")
                : null;
        }
        return TryFindKey(reservationKey, out _)
            ? Refuse(RejectionCode.ReservationClosed, "reservationKey", $"Reservation '{reservationKey}' is already fully posted or voided, or is not a reservation.")
            : Refuse(RejectionCode.NotFound, "reservationKey", $"No reservation with key '{reservationKey}' in this journal.");
    }

    private Decision DecidePostReservation(PostReservation command)
    {
        if (FindOpen(command.ReservationKey, command.ValueDate, out var reservation) is { } refused)
        {
            return refused;
        }
        var total = reservation.Total;
        var amount = command.Amount ?? total;
        if (amount.Cents <= 0)
        {
            return Refuse(RejectionCode.Invalid, "amount", "The amount to post must be positive.");
        }
        if (amount > total)
        {
            return Refuse(RejectionCode.ExceedsReservation, "amount", $"Only {total} is still reserved under '{command.ReservationKey}'; {amount} was asked.");
        }
        // Post the same share of every leg: split the amount over the debit legs and, separately, over the
        // credit legs, each in proportion to what is still reserved there. Largest remainder keeps both sides exact.
        var parts = new Posting[reservation.Remaining.Length];
        foreach (var debitSide in new[] { true, false })
        {
            var idx = Enumerable.Range(0, parts.Length).Where(i => reservation.Remaining[i].Amount.Cents > 0 == debitSide).ToArray();
            var weights = idx.Select(i => Math.Abs(reservation.Remaining[i].Amount.Cents)).ToArray();
            var split = Allocation.Split(amount, weights);
            for (var k = 0; k < idx.Length; k++)
            {
                var leg = reservation.Remaining[idx[k]];
                parts[idx[k]] = new Posting(leg.Account, debitSide ? split[k] : -split[k]);
            }
        }
        var nonZero = parts.Where(p => p.Amount.Cents != 0).ToImmutableArray();
        return new(EntryKind.PostReservation, nonZero,
            [.. nonZero.Select(p => new PendingPosting(p.Account, p.Amount, Release: true))],
            command.ReservationKey, _ => "amount");
    }

    private Decision DecideVoid(VoidReservation command)
    {
        if (FindOpen(command.ReservationKey, command.ValueDate, out var reservation) is { } refused)
        {
            return refused;
        }
        return new(EntryKind.VoidReservation, [],
            [.. reservation.Remaining.Where(r => r.Amount.Cents != 0).Select(r => new PendingPosting(r.Account, r.Amount, Release: true))],
            command.ReservationKey, _ => "reservationKey");
    }

    private Decision DecideReverse(ReverseEntry command, JournalEntry? referenced)
    {
        if (string.IsNullOrEmpty(command.EntryKey) || !TryFindKey(command.EntryKey, out var target))
        {
            return Refuse(RejectionCode.NotFound, "entryKey", $"No entry with key '{command.EntryKey}' in this journal.");
        }
        referenced = TargetOf(command, referenced)
            ?? throw new InvalidOperationException($"Reversing '{command.EntryKey}' needs its entry {target.Sequence}; fetch it with SequenceOf first.");
        if (referenced.Kind is not (EntryKind.Posted or EntryKind.PostReservation))
        {
            return Refuse(RejectionCode.NotReversible, "entryKey", $"Entry '{command.EntryKey}' is a {referenced.Kind}; only posted entries can be reversed (void a reservation instead).");
        }
        if (command.ValueDate < referenced.ValueDate)
        {
            return Refuse(RejectionCode.Invalid, "valueDate", $"The value date {command.ValueDate:yyyy-MM-dd} is before the reversed entry's ({referenced.ValueDate:yyyy-MM-dd}).");
        }
        if (_reversed.Contains(command.EntryKey))
        {
            return Refuse(RejectionCode.NotReversible, "entryKey", $"Entry '{command.EntryKey}' has already been reversed.");
        }
        return new(EntryKind.Reversal, [.. referenced.Postings.Select(p => p with { Amount = -p.Amount })], [],
            command.EntryKey, _ => "entryKey");
    }

    // The entry a reversal names: the one the caller loaded, or one made earlier in the batch being decided.
    private JournalEntry? TargetOf(ReverseEntry command, JournalEntry? referenced)
    {
        if (string.IsNullOrEmpty(command.EntryKey) || SequenceOf(command.EntryKey) is not { } sequence)
        {
            return null;
        }
        if (referenced is not null && referenced.Sequence == sequence)
        {
            return referenced;
        }
        return _batchEntries is not null && _batchEntries.TryGetValue(sequence, out var made) ? made : null;
    }

    // A batch's decision, from its first command to its last: its own entries neither change what the key index
    // answers about other keys nor drop keys it holds (KeyIndex.Hold), so a batch whose keys were all looked up first
    // is decided without storage; and its entries can be reversed by its later commands.
    private void BeginBatch()
    {
        if (_batchDepth++ == 0)
        {
            _batchEntries = [];
        }
        _keys.Hold();
    }

    private void EndBatch()
    {
        _keys.Release();
        if (--_batchDepth == 0)
        {
            _batchEntries = null;
        }
    }

    private LedgerRejection? CheckBalances(ImmutableArray<Posting> postings, ImmutableArray<PendingPosting> pending, Func<AccountId, string> fieldOf)
    {
        var touched = new Dictionary<AccountId, AccountBalance>();
        try
        {
            foreach (var p in postings)
            {
                touched[p.Account] = (touched.GetValueOrDefault(p.Account) ?? BalanceOf(p.Account)).With(p);
            }
            foreach (var p in pending)
            {
                touched[p.Account] = (touched.GetValueOrDefault(p.Account) ?? BalanceOf(p.Account)).With(p);
            }
        }
        catch (OverflowException)
        {
            return new(RejectionCode.Overflow, "postings", "An account total would overflow.");
        }
        var newAccounts = touched.Keys.Count(a => !_balances.ContainsKey(a));
        if (_balances.Count + newAccounts > LedgerLimits.MaxAccountsPerJournal)
        {
            return new(RejectionCode.LimitOfJournal, "postings", $"This journal may hold at most {LedgerLimits.MaxAccountsPerJournal} accounts.");
        }
        foreach (var (account, after) in touched)
        {
            var before = BalanceOf(account);
            // Only an entry that makes the limited side worse is refused: posting or voiding a reservation
            // never is, even on an account that was already at its limit.
            if (!after.WithinLimit && after.Available < before.Available)
            {
                return new(RejectionCode.LimitExceeded, fieldOf(account),
                    $"Account '{account}' has {before.Available} available; this entry needs {before.Available - after.Available}.");
            }
        }
        return null;
    }

    private static void AssertBalanced(JournalEntry entry)
    {
        long posted = 0;
        foreach (var p in entry.Postings)
        {
            posted = checked(posted + p.Amount.Cents);
        }
        long pending = 0;
        foreach (var p in entry.Pending)
        {
            pending = checked(pending + p.Amount.Cents);
        }
        if (posted != 0 || pending != 0)
        {
            throw new InvalidOperationException($"Invariant broken: entry {entry.Sequence} does not balance (posted {posted}, pending {pending}).");
        }
    }
}
