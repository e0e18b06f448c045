namespace PvoFinance.Banking;

/// <summary>The statement file formats the import reads.</summary>
public enum StatementFormat
{
    /// <summary>ISO 20022 <c>camt.053.001.02</c> or <c>camt.053.001.08</c> (XML).</summary>
    Camt053,

    /// <summary>SWIFT MT940 (text with :tags:), still sent by some Dutch banks.</summary>
    Mt940,
}
