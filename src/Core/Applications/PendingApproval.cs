using NodaTime;

namespace PvoFinance.Applications;

/// <summary>
/// The first of two approvals a tier C decision needs (grant, amendment or determination). The second approver
/// must be someone else and must approve exactly the same <see cref="Terms"/>.
/// </summary>
/// <param name="Trigger">Which decision: <see cref="ApplicationTrigger.Grant"/>, <see cref="ApplicationTrigger.ApproveAmendment"/> or <see cref="ApplicationTrigger.Determine"/>.</param>
/// <param name="UserId">Who approved first.</param>
/// <param name="At">When.</param>
/// <param name="Amount">The amount approved (also fixes the tier the second approval is judged by).</param>
/// <param name="Terms">The canonical text of the approved decision.</param>
public sealed record PendingApproval(ApplicationTrigger Trigger, string UserId, Instant At, Money Amount, string Terms);
