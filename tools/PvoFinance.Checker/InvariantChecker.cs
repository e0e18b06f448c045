using System.Collections.Concurrent;
using PvoFinance.LedgerFigures;

namespace PvoFinance.Checker;

/// <summary>
/// Checks the ledger's invariants over a whole deployment, reading only what <see cref="IDeploymentSource"/> gives:
/// every journal's hash chain, zero sums, reservations and account limits (a budget's ceiling among them), distinct keys,
/// every transfer's recorded outcome against its entries, every fund year, the figures the funding sources and the
/// regions' funding serve against the figures module's computation over the journals, every application's figures,
/// and the national transactions export. Each broken instance is one <see cref="Violation"/>; nothing stops at the first.
/// </summary>
/// <remarks>
/// Read on a live deployment, a transfer in flight shows as a reservation without an outcome: run the checker when the
/// deployment is quiet, or run it again before believing such a line.
/// </remarks>
public sealed class InvariantChecker(IDeploymentSource source, int parallelism = 4)
{
    /// <summary>Account kinds whose debits (posted and reserved) may not exceed their posted credits.</summary>
    private static readonly HashSet<string> CreditLimited = new(StringComparer.Ordinal) { "budget", "commitment", "region" };

    /// <summary>Account kinds whose credits (posted and reserved) may not exceed their posted debits.</summary>
    private static readonly HashSet<string> DebitLimited = new(StringComparer.Ordinal) { "cash", "receivable" };

    /// <summary>Memo kinds: hours in kind, never mixed with euros, so they balance apart.</summary>
    private static readonly HashSet<string> MemoKinds = new(StringComparer.Ordinal) { "inkind", "inkind-source" };

    private static readonly string[] TransferSteps = ["reserve", "credit", "post", "void", "undo"];

    private readonly ConcurrentQueue<Violation> _violations = new();
    private readonly ConcurrentQueue<PvoFinance.Exports.LedgerLine> _lines = new();
    private readonly ConcurrentQueue<string> _notes = new();
    private long _checked;

    /// <summary>Runs every check once and answers the report.</summary>
    public async Task<CheckReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var journals = new List<string>();
        await foreach (var id in source.JournalsAsync(cancellationToken))
        {
            journals.Add(id);
        }
        // Transfer steps found in the journals: transfer id → (journal, step, sequence, kind).
        var steps = new ConcurrentDictionary<string, ConcurrentBag<(string Journal, string Step, long Sequence, string Kind)>>(StringComparer.Ordinal);
        var budgets = new ConcurrentDictionary<string, AccountTotals>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(journals, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (journal, ct) => await CheckJournalAsync(journal, steps, budgets, ct));
        await Parallel.ForEachAsync(steps.OrderBy(s => s.Key, StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (transfer, ct) => await CheckTransferAsync(transfer.Key, [.. transfer.Value], ct));
        // The figures module over every journal read: what the API serves must be what it computes.
        var book = new FigureBook().AddRange(_lines.OrderBy(l => l.Journal, StringComparer.Ordinal).ThenBy(l => l.Sequence));
        var fundYears = await source.FundYearsAsync(cancellationToken);
        foreach (var year in fundYears)
        {
            CheckFundYear(year, budgets);
            CheckServedFigures(year, book);
        }
        var regionFunding = await source.RegionFundingAsync([.. fundYears.Select(y => y.Year).Distinct().Order()], cancellationToken);
        if (regionFunding is null)
        {
            _notes.Enqueue("region funding figures not checked by this source");
        }
        else
        {
            foreach (var row in regionFunding)
            {
                CheckRegionFunding(row, book);
            }
        }
        foreach (var app in await source.ApplicationsAsync(cancellationToken))
        {
            Count();
            if (!app.MatchesDecisions)
            {
                Report("application-figures", app.Id, $"figures do not match the decisions: {app.Figures}");
            }
        }
        var export = await source.VerifyTransactionsExportAsync(cancellationToken);
        if (export is null)
        {
            _notes.Enqueue("national transactions export not checked by this source");
        }
        else
        {
            Count();
            if (!export.Matches)
            {
                Report("export", "transactions/national", $"the export of {export.Rows} rows does not verify against the ledger: {export.Detail}");
            }
        }
        var ordered = _violations.OrderBy(v => v.Check, StringComparer.Ordinal).ThenBy(v => v.Subject, StringComparer.Ordinal).ToList();
        return new CheckReport(Interlocked.Read(ref _checked), ordered, [.. _notes]);
    }

    private async Task CheckJournalAsync(string journal, ConcurrentDictionary<string, ConcurrentBag<(string, string, long, string)>> steps,
        ConcurrentDictionary<string, AccountTotals> budgets, CancellationToken ct)
    {
        var chain = await source.VerifyChainAsync(journal, ct);
        Count();
        if (!chain.Intact)
        {
            Report("chain", journal, $"hash chain broken at entry {chain.FirstBrokenSequence}: {chain.Reason}");
        }

        var balances = await source.BalancesAsync(journal, ct);
        foreach (var group in balances.GroupBy(b => MemoKinds.Contains(b.Kind) ? "in-kind" : "EUR"))
        {
            Count();
            var posted = group.Sum(b => (decimal)b.Balance);
            var pending = group.Sum(b => (decimal)b.DebitsPending - b.CreditsPending);
            if (posted != 0 || pending != 0)
            {
                Report("zero-sum", $"{journal} ({group.Key})", $"posted balances sum to {Cents(posted)} and reservations to {Cents(pending)}, not zero");
            }
        }
        foreach (var b in balances)
        {
            Count();
            if (b.DebitsPosted < 0 || b.CreditsPosted < 0 || b.DebitsPending < 0 || b.CreditsPending < 0)
            {
                Report("negative", $"{journal}/{b.Account}", $"a total is negative: debits {Cents(b.DebitsPosted)}, credits {Cents(b.CreditsPosted)}, reserved debits {Cents(b.DebitsPending)}, reserved credits {Cents(b.CreditsPending)}");
            }
            if (CreditLimited.Contains(b.Kind))
            {
                Count();
                if ((decimal)b.DebitsPosted + b.DebitsPending > b.CreditsPosted)
                {
                    Report(b.Kind == "budget" ? "ceiling" : "limit", $"{journal}/{b.Account}",
                        $"debits {Cents(b.DebitsPosted)} + reserved {Cents(b.DebitsPending)} exceed credits {Cents(b.CreditsPosted)}");
                }
                if (b.Kind == "budget")
                {
                    budgets[$"{journal}/{b.Account}"] = b;
                }
            }
            else if (DebitLimited.Contains(b.Kind))
            {
                Count();
                if ((decimal)b.CreditsPosted + b.CreditsPending > b.DebitsPosted)
                {
                    Report("limit", $"{journal}/{b.Account}", $"credits {Cents(b.CreditsPosted)} + reserved {Cents(b.CreditsPending)} exceed debits {Cents(b.DebitsPosted)}");
                }
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        long expected = 1;
        await foreach (var entry in source.EntriesAsync(journal, ct))
        {
            if (entry.Sequence != expected)
            {
                Report("sequence", journal, $"entry {entry.Sequence} follows {expected - 1}");
            }
            expected = entry.Sequence + 1;
            if (!keys.Add(entry.Key))
            {
                Report("duplicate-key", $"{journal}/{entry.Key}", $"idempotency key used by more than one entry (again at {entry.Sequence})");
            }
            if (entry.Line is { } line)
            {
                _lines.Enqueue(line);
            }
            var colon = entry.Key.LastIndexOf(':');
            if (colon > 0 && TransferSteps.Contains(entry.Key[(colon + 1)..]))
            {
                steps.GetOrAdd(entry.Key[..colon], _ => []).Add((journal, entry.Key[(colon + 1)..], entry.Sequence, entry.Kind));
            }
        }
        Count();
        if (expected - 1 != chain.EntriesChecked && chain.Intact)
        {
            Report("sequence", journal, $"{expected - 1} entries listed but {chain.EntriesChecked} verified");
        }
    }

    private async Task CheckTransferAsync(string id, List<(string Journal, string Step, long Sequence, string Kind)> found, CancellationToken ct)
    {
        var reserves = found.Where(f => f.Step == "reserve" && f.Kind == "Reserve").ToList();
        var credits = found.Where(f => f.Step == "credit" && f.Kind == "Posted").ToList();
        if (reserves.Count == 0 && credits.Count == 0)
        {
            // Keys like "<something>:post" that belong to applications or funding sources, not to a transfer.
            return;
        }
        // A late refusal of a saga undoes each leg it made with a reversal keyed "<id>:undo" in that leg's journal (docs/ledger.md, "Sagas").
        bool Undone(string journal) => found.Any(f => f.Step == "undo" && f.Kind == "Reversal" && f.Journal == journal);
        var facts = await source.TransferAsync(id, ct);
        if (facts is null && id.StartsWith("app:", StringComparison.Ordinal))
        {
            // An application's transfer is a movement of its booking saga: it has no transfer record of its own, and the
            // journals hold it whole (reserve, post, credit), whole legs undone, or — from the version before the saga — voided.
            Count();
            var source0 = reserves.FirstOrDefault().Journal;
            var posted = found.Where(f => f.Step == "post" && f.Kind == "PostReservation" && f.Journal == source0).ToList();
            var credited = credits.Where(c => c.Journal != source0).ToList();
            var voided = found.Count(f => f.Step == "void" && f.Kind == "VoidReservation" && f.Journal == source0);
            var undos = found.Count(f => f.Step == "undo");
            var whole = reserves.Count == 1 && posted.Count == 1 && credited.Count == 1 && voided == 0;
            var undone = reserves.Count == posted.Count && posted.All(p => Undone(p.Journal)) && credited.All(c => Undone(c.Journal)) && posted.Count + credited.Count == undos;
            var legacyVoided = reserves.Count == 1 && voided == 1 && posted.Count == 0 && credited.Count == 0;
            if (!(whole && undos == 0) && !(undone && undos > 0) && !legacyVoided)
            {
                Report("transfer", id, "an application's transfer is half in the journals: " + string.Join(", ", found.Select(f => $"{f.Journal}@{f.Sequence}:{f.Step}")));
            }
            return;
        }
        if (reserves.Count == 0)
        {
            if (facts is not null && !(facts.Status != "completed" && credits.All(c => Undone(c.Journal))))
            {
                Count();
                Report("transfer", id, $"credited in {credits[0].Journal} at {credits[0].Sequence} without a reservation in the source");
            }
            return;
        }
        Count();
        if (reserves.Count > 1)
        {
            Report("transfer", id, $"reserved {reserves.Count} times: {string.Join(", ", reserves.Select(r => $"{r.Journal}@{r.Sequence}"))}");
            return;
        }
        var from = reserves[0].Journal;
        var posts = found.Where(f => f.Step == "post" && f.Kind == "PostReservation" && f.Journal == from).ToList();
        var voids = found.Where(f => f.Step == "void" && f.Kind == "VoidReservation" && f.Journal == from).ToList();
        var elsewhere = credits.Where(c => c.Journal != from).ToList();
        switch (facts?.Status)
        {
            case null:
                Report("transfer", id, $"reserved in {from} at {reserves[0].Sequence} but no outcome is recorded ({elsewhere.Count} credit, {posts.Count} post, {voids.Count} void): in flight or abandoned");
                break;
            case "completed":
                if (posts.Count != 1 || elsewhere.Count != 1 || voids.Count != 0
                    || posts[0].Sequence != facts.SourceSequence || elsewhere[0].Sequence != facts.DestinationSequence)
                {
                    Report("transfer", id, $"completed (source {facts.SourceSequence}, destination {facts.DestinationSequence}) but the journals hold {posts.Count} post, {elsewhere.Count} credit, {voids.Count} void: "
                        + string.Join(", ", found.Select(f => $"{f.Journal}@{f.Sequence}:{f.Step}")));
                }
                break;
            default:
                // Refused late: voided by the version before the saga, or every leg made reversed by the saga.
                var undoneNow = posts.Count == 1 && elsewhere.Count <= 1 && posts.Concat(elsewhere).All(f => Undone(f.Journal)) && voids.Count == 0;
                if (!undoneNow && (voids.Count != 1 || elsewhere.Count != 0 || posts.Count != 0 || voids[0].Sequence != facts.SourceSequence))
                {
                    Report("transfer", id, $"{facts.Status} (source {facts.SourceSequence}) but the journals hold {posts.Count} post, {elsewhere.Count} credit, {voids.Count} void: "
                        + string.Join(", ", found.Select(f => $"{f.Journal}@{f.Sequence}:{f.Step}")));
                }
                break;
        }
    }

    private void CheckFundYear(FundYearFacts year, ConcurrentDictionary<string, AccountTotals> budgets)
    {
        Count();
        if (year.Available < 0 || year.Ceiling < 0)
        {
            Report("ceiling", $"{year.SourceId}/{year.Year}", $"ceiling {Cents(year.Ceiling)}, committed {Cents(year.Committed)}, available {Cents(year.Available)}");
        }
        // The source's own figures come from the same journal the checker read: they must agree.
        if (budgets.TryGetValue($"source.{year.SourceId}.{year.Year}/budget:{year.SourceId}:{year.Year}", out var budget))
        {
            Count();
            var available = budget.CreditsPosted - budget.DebitsPosted - budget.DebitsPending;
            if (available != year.Available)
            {
                Report("fund-figures", $"{year.SourceId}/{year.Year}", $"the source reports {Cents(year.Available)} available, its budget account {Cents(available)}");
            }
        }
    }

    // A fund year's served figures against the figures module's computation over the fund year's journal.
    private void CheckServedFigures(FundYearFacts year, FigureBook book)
    {
        if (year.Figures is not { } served)
        {
            return;
        }
        Count();
        var f = book.SourceYear(year.SourceId, year.Year);
        var computed = new ServedYearFigures(f.Paid, f.Released, f.Open, f.Payable, f.ToReclaim, f.Reclaimed, f.Receivable, f.Invoiced, f.CashIn);
        if (served != computed || year.Committed != f.Committed || year.Available != f.Available)
        {
            Report("fund-figures", $"{year.SourceId}/{year.Year}",
                $"the source serves committed {Cents(year.Committed)}, available {Cents(year.Available)}, {served}; the journals give committed {Cents(f.Committed)}, available {Cents(f.Available)}, {computed} (cents)");
        }
    }

    // A region's funding row from a fund against the figures module: the fund's year for the region, and what arrived in the year.
    private void CheckRegionFunding(RegionFundingFacts row, FigureBook book)
    {
        Count();
        var f = book.SourceYear(row.SourceId, row.Year, row.Region);
        var computed = row with
        {
            Committed = f.Committed,
            Released = f.Released,
            Paid = f.Paid,
            Received = book.ReceivedInYear(row.Region, row.SourceId, row.Year),
            Receivable = f.Open + f.Payable,
            ToRepay = f.ToReclaim,
        };
        if (computed != row)
        {
            Report("region-figures", $"{row.Region}/{row.SourceId}/{row.Year}", $"the region's funding serves {row}; the journals give {computed} (cents)");
        }
    }

    private void Count() => Interlocked.Increment(ref _checked);

    private void Report(string check, string subject, string detail) => _violations.Enqueue(new Violation(check, subject, detail));

    private static string Cents(decimal cents) => (cents / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
