namespace PvoFinance.Ledger;

/// <summary>A refusal with the field it concerns and a sentence a person can act on.</summary>
/// <param name="Code">The kind of refusal.</param>
/// <param name="Field">The command field at fault, in request terms (e.g. <c>postings[1].amount</c>).</param>
/// <param name="Message">The reason.</param>
public sealed record LedgerRejection(RejectionCode Code, string Field, string Message);
