using NodaTime;

namespace PvoFinance.Applications;

/// <summary>
/// One advance (voorschot) in the schedule fixed by the grant: paying in parts is allowed only when the grant
/// says how much and when (Awb 4:53), so the schedule is part of the decision, not an afterthought.
/// </summary>
/// <param name="Due">The first day it may be paid.</param>
/// <param name="Amount">Its amount; positive.</param>
public sealed record ScheduledAdvance(LocalDate Due, Money Amount);
