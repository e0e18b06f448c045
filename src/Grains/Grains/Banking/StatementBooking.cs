using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Banking;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using PvoFinance.Ledger;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Banking;

/// <summary>
/// Books one statement line through the paths a treasurer uses by hand, keyed by the bank's entry so a second call books
/// nothing: a credit as a receipt of the levy source (what was owed) plus, for an overpayment, the excess to the refund
/// liability <c>refund:&lt;source&gt;:&lt;year&gt;:&lt;payer&gt;</c> (never income); a debit as the confirmation of its batch payment.
/// </summary>
public static class StatementBooking
{
    /// <summary>Books <paramref name="row"/> as its verdict says; null when booked (now or before), else why not.</summary>
    public static async Task<string?> BookAsync(IGrainFactory grains, Iban account, StatementLineRow row)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(row);
        if (row.Direction == "debit")
        {
            var date = LocalDatePattern.Iso.Parse(row.BookingDate).Value;
            var reply = await PaymentBatches.ConfirmAsync(grains, row.Target ?? "", row.EntryKey, date);
            return reply switch
            {
                null => $"'{row.Target}' is not a payment this service sent.",
                { Outcome: nameof(ConfirmOutcome.Confirmed) or nameof(ConfirmOutcome.AlreadyConfirmed) } => null,
                { Outcome: nameof(ConfirmOutcome.ConfirmedByOtherEntry) } => $"Payment {row.Target} was already confirmed by another bank entry; a second debit to look into, not booked.",
                { Reason: { } why } => why,
                _ => $"Payment {row.Target} cannot be confirmed ({reply.Outcome}).",
            };
        }
        if (!TryReceivable(row.Target, out var sourceId, out var year, out var debtor))
        {
            return $"'{row.Target}' is not a receivable (source/year/municipality).";
        }
        var receiptId = StatementReceipts.ReceiptId(account, row.EntryKey);
        // The receipt id is a hash; the bank's own reference goes into the memo, for transactions.csv.
        var reference = BankMemo.OfLine(row.BankReference, row.EndToEndId);
        if (row.AppliedCents > 0)
        {
            var receipt = await grains.GetGrain<IFundingSourceGrain>(sourceId).RecordReceipt(receiptId, year, debtor, row.AppliedCents, reference);
            if (!receipt.Ok)
            {
                return receipt.Message ?? "The receipt was refused.";
            }
        }
        if (row.ExcessCents > 0)
        {
            var refund = await grains.GetGrain<ILedgerGrain>(FundingAccounts.Journal(sourceId, year)).Execute(new LedgerRequest
            {
                Kind = LedgerRequestKind.Post,
                Key = "refund:" + receiptId,
                ValueDate = new LocalDate(year, 1, 1),
                Postings = [new Posting(FundingAccounts.Cash(sourceId, year), new Money(row.ExcessCents)),
                    new Posting(RefundAccount(sourceId, year, debtor), new Money(-row.ExcessCents))],
                Memo = BankMemo.With($"Overpaid by {debtor}, to refund", reference),
            });
            if (!refund.Succeeded)
            {
                return refund.Rejection?.Message ?? "The overpayment could not be booked.";
            }
        }
        return null;
    }

    /// <summary>The liability an overpayment is booked to: what is owed back to <paramref name="debtor"/>.</summary>
    public static AccountId RefundAccount(string sourceId, int year, string debtor) =>
        AccountId.Of(AccountKind.Refund, sourceId, year.ToString(CultureInfo.InvariantCulture), debtor.ToLowerInvariant());

    /// <summary>Splits a receivable id <c>source/year/GMxxxx</c>.</summary>
    public static bool TryReceivable(string? id, out string sourceId, out int year, out string debtor)
    {
        sourceId = debtor = "";
        year = 0;
        var parts = id?.Split('/') ?? [];
        if (parts.Length != 3 || parts[0].Length == 0 || parts[2].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out year) || year is < 1000 or > 9999)
        {
            return false;
        }
        (sourceId, debtor) = (parts[0], parts[2]);
        return true;
    }
}
