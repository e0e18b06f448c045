namespace PvoFinance.Banking;

/// <summary>
/// The checks every statement passes whatever its format: the entries add the opening balance up to the closing balance
/// to the cent, the closing date is not before the opening date, every entry is booked within the statement's period.
/// </summary>
internal static class StatementValidation
{
    private static Money Add(Money total, Money amount)
    {
        // 5,000 entries near the largest amount would overflow a long; such a file is refused, never a crash.
        var sum = total.Cents + amount.Cents;
        if (sum > Money.MaxCents || sum < -Money.MaxCents)
        {
            throw new StatementException(null, "closing balance", "The entries add up beyond any amount the ledger holds.");
        }
        return new Money(sum);
    }

    public static void Check(Statement statement)
    {
        if (statement.ClosingDate < statement.OpeningDate)
        {
            throw new StatementException(null, "closing balance date", $"The closing date {statement.ClosingDate:yyyy-MM-dd} is before the opening date {statement.OpeningDate:yyyy-MM-dd}.");
        }
        var total = statement.Opening;
        foreach (var line in statement.Lines)
        {
            if (line.BookingDate < statement.OpeningDate || line.BookingDate > statement.ClosingDate)
            {
                throw new StatementException($"entry {line.Number}", "booking date",
                    $"Booked on {line.BookingDate:yyyy-MM-dd}, outside the statement's period {statement.OpeningDate:yyyy-MM-dd} to {statement.ClosingDate:yyyy-MM-dd}.");
            }
            total = Add(total, line.Signed);
        }
        if (total != statement.Closing)
        {
            throw new StatementException(null, "closing balance",
                $"The opening balance {statement.Opening} plus the entries makes {total}, but the closing balance is {statement.Closing}.");
        }
    }
}
