namespace PvoFinance.Banking;

/// <summary>
/// Matches a statement's lines: a credit to the open receivable whose creditor reference it carries (certain), else to
/// the single receivable owed exactly that amount by the payer's IBAN (proposed); a debit to the batch payment with its
/// EndToEndId and amount (certain). Whatever is left stays unmatched. Lines are taken in the bank's order and each
/// certain match lowers what is still owed, so two partial payments of one invoice both match and the second one's
/// excess is an overpayment.
/// </summary>
public static class StatementMatcher
{
    /// <summary>Matches every line of <paramref name="statement"/>; the result has one verdict per line, in order.</summary>
    public static IReadOnlyList<LineMatch> Match(Statement statement, IEnumerable<OpenReceivable> receivables, IEnumerable<ExpectedDebit> debits)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var open = receivables.ToList();
        var outstanding = open.ToDictionary(r => r.Id, r => r.Outstanding, StringComparer.Ordinal);
        var byReference = open.Where(r => r.Reference is not null).GroupBy(r => r.Reference!.Value).ToDictionary(g => g.Key, g => g.First());
        var expected = debits.GroupBy(d => d.EndToEndId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var confirmed = new HashSet<string>(StringComparer.Ordinal);
        var proposed = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<LineMatch>(statement.Lines.Count);
        foreach (var line in statement.Lines)
        {
            result.Add(line.Direction == StatementDirection.Debit
                ? Debit(line, expected, confirmed)
                : Credit(line, open, byReference, outstanding, proposed));
        }
        return result;
    }

    private static LineMatch Debit(StatementLine line, Dictionary<string, ExpectedDebit> expected, HashSet<string> confirmed)
    {
        if (line.EndToEndId is null || !expected.TryGetValue(line.EndToEndId, out var debit))
        {
            return Unmatched(line, "No batch payment has this end-to-end reference.");
        }
        if (debit.Amount != line.Amount)
        {
            return Unmatched(line, $"Batch payment {debit.EndToEndId} was {debit.Amount}, the bank debited {line.Amount}.");
        }
        if (!confirmed.Add(debit.EndToEndId))
        {
            return Unmatched(line, $"Batch payment {debit.EndToEndId} is already confirmed by an earlier line.");
        }
        return new LineMatch(line.Number, MatchState.Matched, debit.EndToEndId, line.Amount, Money.Zero, $"Batch {debit.BatchId} payment {debit.EndToEndId}.");
    }

    private static LineMatch Credit(StatementLine line, List<OpenReceivable> open, Dictionary<CreditorReference, OpenReceivable> byReference,
        Dictionary<string, Money> outstanding, HashSet<string> proposed)
    {
        if (line.CreditorReference is { } reference && byReference.TryGetValue(reference, out var invoice))
        {
            var owed = outstanding[invoice.Id];
            var applied = line.Amount <= owed ? line.Amount : owed;
            outstanding[invoice.Id] = owed - applied;
            var excess = line.Amount - applied;
            var reason = excess > Money.Zero ? $"Reference {reference}: {applied} pays the rest owed, {excess} overpaid (to refund)."
                : applied < owed ? $"Reference {reference}: partial payment, {owed - applied} still open."
                : $"Reference {reference}: paid in full.";
            return new LineMatch(line.Number, MatchState.Matched, invoice.Id, applied, excess, reason);
        }
        if (line.CounterpartyIban is { } payer)
        {
            var candidates = open.Where(r => r.PayerIban == payer && outstanding[r.Id] == line.Amount && !proposed.Contains(r.Id)).ToList();
            if (candidates.Count == 1)
            {
                proposed.Add(candidates[0].Id);
                return new LineMatch(line.Number, MatchState.Proposed, candidates[0].Id, line.Amount, Money.Zero,
                    $"Same amount from the payer's account {payer}; confirm to book.");
            }
            if (candidates.Count > 1)
            {
                return Unmatched(line, $"{candidates.Count} open receivables of this payer are owed this amount; assign one.");
            }
        }
        return Unmatched(line, line.CreditorReference is { } unknown ? $"No open receivable has reference {unknown}." : "No reference and no open receivable of this payer for this amount.");
    }

    private static LineMatch Unmatched(StatementLine line, string reason) =>
        new(line.Number, MatchState.Unmatched, null, Money.Zero, Money.Zero, reason);
}
