using System.Globalization;

namespace PvoFinance.Banking;

/// <summary>
/// The <c>EndToEndId</c> of a batch payment: <c>PVO</c>, the batch number (1–9,999,999, zero-padded to seven digits), a
/// hyphen and the line number in the batch (1–<see cref="PaymentBatchLimits.MaxPayments"/>, four digits), e.g.
/// <c>PVO0000042-0007</c>. 15 characters of the SEPA set, far under the 35 allowed; the bank returns it unchanged on the
/// statement, so the statement import finds the batch (its number) and the line (the paid item) without a lookup table.
/// </summary>
public readonly record struct EndToEndId(long BatchNumber, int Line)
{
    /// <summary>The prefix of every payment this service makes, so a statement's other debits are never mistaken for ours.</summary>
    public const string Prefix = "PVO";

    /// <summary>The highest batch number (seven digits).</summary>
    public const long MaxBatchNumber = 9_999_999;

    /// <summary>The text as it goes into the file.</summary>
    public string Value => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{BatchNumber:D7}-{Line:D4}");

    /// <summary>The id of line <paramref name="line"/> of batch <paramref name="batchNumber"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either number is out of range.</exception>
    public static EndToEndId For(long batchNumber, int line)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchNumber, MaxBatchNumber);
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(line, PaymentBatchLimits.MaxPayments);
        return new EndToEndId(batchNumber, line);
    }

    /// <summary>Reads an id back from a statement; false for anything this service did not make (another payer's reference, NOTPROVIDED).</summary>
    public static bool TryParse(string? text, out EndToEndId id)
    {
        id = default;
        var t = text?.Trim() ?? "";
        if (t.Length != 15 || !t.StartsWith(Prefix, StringComparison.Ordinal) || t[10] != '-'
            || !long.TryParse(t.AsSpan(3, 7), NumberStyles.None, CultureInfo.InvariantCulture, out var batch)
            || !int.TryParse(t.AsSpan(11, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            || batch < 1 || line < 1 || line > PaymentBatchLimits.MaxPayments)
        {
            return false;
        }
        id = new EndToEndId(batch, line);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
