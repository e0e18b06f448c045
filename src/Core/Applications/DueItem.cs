namespace PvoFinance.Applications;

/// <summary>One date in a deadline listing.</summary>
/// <param name="Kind">Which deadline.</param>
/// <param name="Due">The last day of the term (Amsterdam).</param>
/// <param name="DaysLeft">Days from today to the due day; 0 on the day itself, negative when overdue.</param>
public sealed record DueItem(DeadlineKind Kind, NodaTime.LocalDate Due, int DaysLeft)
{
    /// <summary>True when the due day has passed.</summary>
    public bool IsOverdue => DaysLeft < 0;
}
