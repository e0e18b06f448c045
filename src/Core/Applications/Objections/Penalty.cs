using NodaTime;

namespace PvoFinance.Applications;

/// <summary>
/// The penalty for a late decision on the application (dwangsom, Awb 4:17–4:18), from the notice of default to its
/// payment. One per application: a second notice adds nothing. Days are Amsterdam calendar days.
/// </summary>
/// <param name="NoticeReceived">The day the written notice of default was received (after the decision term passed).</param>
/// <param name="FirstDay">The first day the penalty is owed for: two weeks after the notice was received (Awb 4:17 lid 3).</param>
/// <param name="StoppedOn">The day the application was decided (or withdrawn); that day is not a day in default. Null while undecided.</param>
/// <param name="Decided">The amount decided (Awb 4:18); null before.</param>
/// <param name="DecidedOn">When it was decided.</param>
/// <param name="DecidedBy">Who decided it; the treasurer who pays it must be someone else.</param>
public sealed record Penalty(
    LocalDate NoticeReceived,
    LocalDate FirstDay,
    LocalDate? StoppedOn = null,
    Money? Decided = null,
    LocalDate? DecidedOn = null,
    string? DecidedBy = null)
{
    /// <summary>What was paid of it so far.</summary>
    public Money Paid { get; init; }

    /// <summary>The rules the penalty is judged by: the version in force on its first day.</summary>
    public AwbTermsVersion Terms => AwbTerms.At(FirstDay);

    /// <summary>The last day it can run: the maximum number of days after its first day, less one.</summary>
    public LocalDate LastPossibleDay => FirstDay.PlusDays(Terms.PenaltyMaxDays - 1);

    /// <summary>Days in default up to (not including) <paramref name="day"/> or the decision, whichever is earlier, capped at the maximum.</summary>
    public int DaysOwed(LocalDate day)
    {
        var until = StoppedOn is { } stopped && stopped < day ? stopped : day;
        var days = Period.Between(FirstDay, until, PeriodUnits.Days).Days;
        return Math.Clamp(days, 0, Terms.PenaltyMaxDays);
    }

    /// <summary>The amount owed for the days in default up to <paramref name="day"/>.</summary>
    public Money OwedOn(LocalDate day) => Terms.PenaltyFor(DaysOwed(day));

    /// <summary>True once no further day can be added: the application was decided, or the maximum was reached before <paramref name="today"/>.</summary>
    public bool IsFinal(LocalDate today) => StoppedOn is not null || today > LastPossibleDay;

    /// <summary>
    /// The last day owed, once final: the day before the decision, or the last possible day. Null while it still runs
    /// or when no day was owed.
    /// </summary>
    public LocalDate? LastDayOwed(LocalDate today)
    {
        if (!IsFinal(today))
        {
            return null;
        }
        var days = DaysOwed(today);
        return days == 0 ? null : FirstDay.PlusDays(days - 1);
    }

    /// <summary>When the amount must be decided (Awb 4:18: within two weeks after the last day owed); null when none is owed or it was decided.</summary>
    public LocalDate? DecisionDue(LocalDate today) =>
        Decided is null && LastDayOwed(today) is { } last ? last.PlusDays(Terms.PenaltyDecisionDays) : null;

    /// <summary>What is decided and not yet paid.</summary>
    public Money Outstanding => (Decided ?? Money.Zero) - Paid;
}
