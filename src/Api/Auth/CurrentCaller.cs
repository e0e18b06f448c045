using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PvoFinance.Access;

namespace PvoFinance.Api.Auth;

/// <summary>
/// The authenticated caller of this request, as a handler parameter. <see cref="CallerFilter"/> answers 401 or 403
/// before any handler runs when there is no valid caller.
/// </summary>
public sealed record CurrentCaller(Caller Caller)
{
    internal const string ItemKey = "pvo.caller";

    /// <summary>
    /// Minimal-API binding. Parameters are bound before endpoint filters run, so the caller is read from the token's
    /// claims here, the same way <see cref="CallerFilter"/> reads them (the filter's result is reused when it ran first).
    /// A token whose claims make no caller binds nothing: the request is then refused as malformed (400, field
    /// <c>caller</c>) instead of by the filter's 403; unauthenticated requests never get this far (401).
    /// </summary>
    public static ValueTask<CurrentCaller?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (context.Items[ItemKey] is CurrentCaller known)
        {
            return ValueTask.FromResult<CurrentCaller?>(known);
        }
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return ValueTask.FromResult<CurrentCaller?>(null);
        }
        var geography = context.RequestServices.GetRequiredService<IRegionGeography>();
        var caller = CallerClaims.From(context.User, geography, out _);
        return ValueTask.FromResult(caller is null ? null : new CurrentCaller(caller));
    }

    /// <summary>The caller's role.</summary>
    public Role Role => Caller.Role;

    /// <summary>The caller's reach.</summary>
    public Scope Reach => Caller.Reach;
}
