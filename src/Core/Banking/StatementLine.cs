using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace PvoFinance.Banking;

/// <summary>
/// One booked entry of a bank statement, as the bank reports it: money in (credit) or out (debit), whom it came from
/// or went to, and the references a matcher can use.
/// </summary>
/// <param name="Number">The entry's position in the statement, from 1 (named in every refusal).</param>
/// <param name="Direction">Money in or out of the statement's account.</param>
/// <param name="Amount">The amount, always positive; <see cref="Direction"/> gives the sign.</param>
/// <param name="BookingDate">The day the bank booked it.</param>
/// <param name="ValueDate">The value date, when the bank gives one.</param>
/// <param name="BankReference">The bank's own reference of the entry (camt <c>AcctSvcrRef</c>, MT940 <c>//</c> part of :61:), or null.</param>
/// <param name="EndToEndId">The payer's end-to-end reference (for our own payments: the batch transaction's id), or null.</param>
/// <param name="CounterpartyName">The payer (credit) or payee (debit) as the bank names them, or null.</param>
/// <param name="CounterpartyIban">The payer's or payee's account, or null.</param>
/// <param name="CreditorReference">The structured ISO 11649 reference the payer copied from the invoice, or null.</param>
/// <param name="Remittance">The free remittance text, or null.</param>
public sealed record StatementLine(
    int Number,
    StatementDirection Direction,
    Money Amount,
    LocalDate BookingDate,
    LocalDate? ValueDate,
    string? BankReference,
    string? EndToEndId,
    string? CounterpartyName,
    Iban? CounterpartyIban,
    CreditorReference? CreditorReference,
    string? Remittance)
{
    /// <summary>How an entry key made of the bank's own reference starts (<see cref="EntryKey"/>).</summary>
    public const string BankKeyPrefix = "bank:";

    /// <summary>The bank's reference an entry key (or a reference recorded as one) carries, or null when it is a hash.</summary>
    public static string? ReferenceOfKey(string entryKey)
    {
        ArgumentNullException.ThrowIfNull(entryKey);
        return entryKey.StartsWith(BankKeyPrefix, StringComparison.Ordinal) ? entryKey[BankKeyPrefix.Length..] : null;
    }

    /// <summary>The amount with its sign: positive for money in, negative for money out.</summary>
    public Money Signed => Direction == StatementDirection.Credit ? Amount : -Amount;

    /// <summary>
    /// The key a booking of this entry is made under, so importing the same statement twice books nothing twice: the
    /// bank's entry reference, or — when the bank gives none — a hash of account, booking date, amount and position.
    /// </summary>
    public string EntryKey(Iban account)
    {
        if (!string.IsNullOrEmpty(BankReference))
        {
            return BankKeyPrefix + BankReference;
        }
        var text = string.Join('|', account.Value, BookingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Signed.Cents.ToString(CultureInfo.InvariantCulture), Number.ToString(CultureInfo.InvariantCulture));
        return "hash:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
