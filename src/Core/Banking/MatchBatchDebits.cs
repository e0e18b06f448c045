using System.Globalization;

namespace PvoFinance.Banking;

/// <summary>
/// The debits a statement may show for payment batches: every line of a batch that is neither cancelled nor already
/// confirmed, under its <see cref="EndToEndId"/>. A matched debit is then confirmed with
/// <see cref="PaymentBatch.Confirm"/> (the batch grain's <c>ConfirmAsync</c>) under the line's bank reference.
/// </summary>
public static class MatchBatchDebits
{
    /// <summary>The expected debits of <paramref name="batches"/>.</summary>
    public static IReadOnlyList<ExpectedDebit> Of(IEnumerable<PaymentBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var debits = new List<ExpectedDebit>();
        foreach (var batch in batches.Where(b => !b.IsCancelled))
        {
            var batchId = batch.Number.ToString(CultureInfo.InvariantCulture);
            debits.AddRange(batch.Lines
                .Where(line => !batch.Confirmations.ContainsKey(line.Line))
                .Select(line => new ExpectedDebit(batch.EndToEndIdOf(line).Value, line.Amount, batchId)));
        }
        return debits;
    }
}
