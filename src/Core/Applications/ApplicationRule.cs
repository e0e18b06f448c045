namespace PvoFinance.Applications;

/// <summary>
/// One named condition of a transition. The <see cref="Description"/> is the Stateless guard description: it
/// appears in the diagram and identifies the condition; <see cref="Check"/> says, without side effects,
/// why a request fails it (null when it holds).
/// </summary>
/// <remarks>
/// A payload of null means "not judged yet": <see cref="ApplicationWorkflow.PermittedTriggers"/> asks what a
/// caller may do before the caller has filled in a request, so content conditions hold for a null payload.
/// Branch rules only choose between destinations of one trigger (tier A, first of two approvals, …); they
/// are never the reason a request is refused.
/// </remarks>
internal sealed record ApplicationRule(string Description, Func<Application, Actor, object?, GuardContext, Refusal?> Check, bool IsBranch = false)
{
    /// <summary>A rule on who asks and on the application; the payload is not consulted.</summary>
    public static ApplicationRule On(string description, Func<Application, Actor, GuardContext, Refusal?> check) =>
        new(description, (app, actor, _, ctx) => check(app, actor, ctx));

    /// <summary>A rule on the payload; holds while the payload is not known yet (null).</summary>
    public static ApplicationRule OnPayload<T>(string description, Func<Application, T, GuardContext, Refusal?> check) where T : class =>
        new(description, (app, _, payload, ctx) => payload switch
        {
            null => null,
            T typed => check(app, typed, ctx),
            _ => Refusal.Invalid("payload", $"Expected a {typeof(T).Name}."),
        });

    /// <summary>A branch selector: true picks this destination. Given the payload, or null when not known yet.</summary>
    public static ApplicationRule Branch(string description, Func<Application, object?, GuardContext, bool> selects) =>
        new(description, (app, _, payload, ctx) => selects(app, payload, ctx) ? null : Refusal.Conflict("state", description), IsBranch: true);
}
