namespace PvoFinance.Applications;

/// <summary>A treasurer's record that the next scheduled advance was paid.</summary>
/// <param name="Amount">The amount paid; must equal the next scheduled advance.</param>
/// <param name="Reference">The bank or booking reference, kept in the history.</param>
/// <param name="Number">
/// Which advance of the schedule this pays (1 = the first), when the payer knows: a bank batch pays one named advance, so
/// its confirmation must not be booked as the next one when that advance was meanwhile recorded by hand. Null: the next.
/// </param>
public sealed record AdvancePayment(Money Amount, string? Reference = null, int? Number = null);
