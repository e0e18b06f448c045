namespace PvoFinance.Banking;

/// <summary>Whether a statement entry brought money into the account or took it out.</summary>
public enum StatementDirection
{
    /// <summary>Money in (camt <c>CRDT</c>, MT940 <c>C</c>).</summary>
    Credit,

    /// <summary>Money out (camt <c>DBIT</c>, MT940 <c>D</c>).</summary>
    Debit,
}
