using System.Globalization;
using PvoFinance.Funding;
using PvoFinance.LedgerFigures;

namespace PvoFinance.Exports;

/// <summary>
/// Links the lines where an intermediary passes money on to the line where it received that money, for
/// <c>regrant_of</c> (docs/exports.md). Fed every line of an export in reading order — the intermediaries' journals
/// are read before the regions' — it remembers the transaction id of each intermediary's incoming line of a
/// pass-through payment (<see cref="PassThroughTransfers"/>) and writes it into the payment's second leg: the
/// intermediary's disbursement and the region's incoming line. Only lines of the export itself are remembered, so a link
/// always names a row of the same file. Not thread-safe: the reader feeds it on one thread, and the lines it returns
/// carry the link, so turning them into rows may run anywhere.
/// </summary>
public sealed class PassThroughLinks
{
    /// <summary>At most this many incoming lines are remembered at once (one per pass-through payment not yet passed on).</summary>
    public const int MaxOpen = 1_000_000;

    // First leg's transfer id → the transaction id of the intermediary's incoming line.
    private readonly Dictionary<string, string> _received = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="line"/>, with <see cref="LedgerLine.PassesOn"/> set when it passes on money an intermediary
    /// received in a line seen before; remembers the line when it is such a receipt.
    /// </summary>
    public LedgerLine Link(LedgerLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!PassThroughTransfers.TryRead(line.Key, out var firstLeg, out var leg, out var step))
        {
            return line;
        }
        var intermediaryJournal = TypedJournal.Parse(line.Journal).Kind == JournalKind.Intermediary;
        if (leg == 1 && step == PassThroughTransfers.Credit && intermediaryJournal)
        {
            // A transfer's receiving leg has one debit and one credit: one movement, so its row's id has no "/n".
            if (line.Postings.Count == 2 && _received.Count < MaxOpen)
            {
                _received[firstLeg] = string.Create(CultureInfo.InvariantCulture, $"{line.Journal}:{line.Sequence}");
            }
            return line;
        }
        if (leg == 2 && ((step == PassThroughTransfers.Post && intermediaryJournal) || step == PassThroughTransfers.Credit)
            && _received.TryGetValue(firstLeg, out var received))
        {
            // The region's incoming line is the last to ask for it (the intermediary's journal is read first).
            if (step == PassThroughTransfers.Credit)
            {
                _received.Remove(firstLeg);
            }
            return line with { PassesOn = received };
        }
        return line;
    }
}
