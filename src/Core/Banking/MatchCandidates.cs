namespace PvoFinance.Banking;

/// <summary>An open receivable a credit can pay: a levy invoice or another amount owed to the account holder.</summary>
/// <param name="Id">The receivable's id (the key its receipts are booked against).</param>
/// <param name="Reference">The creditor reference printed on its invoice, or null.</param>
/// <param name="PayerIban">The payer's known account, or null.</param>
/// <param name="Outstanding">What is still owed (positive).</param>
public sealed record OpenReceivable(string Id, CreditorReference? Reference, Iban? PayerIban, Money Outstanding);

/// <summary>A payment sent in a batch that a debit on the statement should confirm.</summary>
/// <param name="EndToEndId">The batch transaction's end-to-end reference.</param>
/// <param name="Amount">The amount sent (positive).</param>
/// <param name="BatchId">The batch it belongs to.</param>
public sealed record ExpectedDebit(string EndToEndId, Money Amount, string BatchId);

/// <summary>The matcher's verdict on one statement line.</summary>
/// <param name="Line">The line's number in its statement.</param>
/// <param name="State">Matched, proposed or unmatched.</param>
/// <param name="Target">The receivable id or the expected debit's EndToEndId; null when unmatched.</param>
/// <param name="Applied">The part of the line that pays the target (a partial payment pays less than was owed).</param>
/// <param name="Excess">The part above what was owed: an overpayment, a liability to refund, never income.</param>
/// <param name="Reason">Why, in the treasurer's words.</param>
public sealed record LineMatch(int Line, MatchState State, string? Target, Money Applied, Money Excess, string Reason);
