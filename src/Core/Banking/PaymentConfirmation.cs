using NodaTime;

namespace PvoFinance.Banking;

/// <summary>The bank's confirmation of one line.</summary>
/// <param name="Line">The line confirmed.</param>
/// <param name="BankReference">The bank's own entry reference (camt.053 <c>AcctSvcrRef</c>).</param>
/// <param name="BookingDate">The booking date on the statement.</param>
public sealed record PaymentConfirmation(int Line, string BankReference, LocalDate BookingDate);
