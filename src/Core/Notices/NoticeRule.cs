using NodaTime;
using PvoFinance.Applications;

namespace PvoFinance.Notices;

/// <summary>
/// When one kind of deadline becomes a notice, to whom and what it asks, from a given day on. Rules are dated so a
/// change of policy (or of the law behind a term) applies from its day without rewriting notices made before it.
/// </summary>
/// <param name="Kind">The deadline it is about.</param>
/// <param name="From">The first day (Amsterdam) the rule applies.</param>
/// <param name="LeadDays">How many days before the due day the notice is made; 0 makes it on the day itself.</param>
/// <param name="Audience">Whose inbox it goes to.</param>
/// <param name="Action">What the reader should do, in Dutch.</param>
/// <param name="Reason">Why this lead time, with the legal source of the term.</param>
public sealed record NoticeRule(DeadlineKind Kind, LocalDate From, int LeadDays, NoticeAudience Audience, string Action, string Reason);
