using NodaTime;

namespace PvoFinance.Applications;

/// <summary>A recipient's request to change the grant: a new budget, a new end date, or both.</summary>
/// <param name="Budget">The budget asked for; null keeps the granted amount. Never below what was already advanced.</param>
/// <param name="EndDate">The end date asked for; null keeps the current one.</param>
/// <param name="Reason">Why; required.</param>
public sealed record AmendmentRequest(Money? Budget, LocalDate? EndDate, string Reason);
