using System.Reflection;
using Microsoft.AspNetCore.Http;
using PvoFinance.Access;

namespace PvoFinance.Api.Auth;

/// <summary>
/// The authenticated caller of this request, as a handler parameter. <see cref="CallerFilter"/> resolves it
/// (or answers 403) before any handler runs.
/// </summary>
public sealed record CurrentCaller(Caller Caller)
{
    internal const string ItemKey = "pvo.caller";

    /// <summary>Minimal-API binding: takes the caller the filter stored for this request.</summary>
    public static ValueTask<CurrentCaller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(context.Items[ItemKey] as CurrentCaller);

    /// <summary>The caller's role.</summary>
    public Role Role => Caller.Role;

    /// <summary>The caller's reach.</summary>
    public Scope Reach => Caller.Reach;
}
