using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PvoFinance.Access;

namespace PvoFinance.Api.Auth;

/// <summary>
/// The authenticated caller of this request, as a handler parameter. Binding runs before endpoint filters,
/// so it reads the token itself; <see cref="CallerFilter"/> then refuses (401/403) any request whose token
/// does not make a caller, before a handler can see it.
/// </summary>
public sealed class CurrentCaller
{
    internal const string ItemKey = "pvo.caller";

    private readonly Caller? _caller;

    /// <summary>Wraps a caller; null stands for a token that does not describe one (the filter refuses it).</summary>
    public CurrentCaller(Caller? caller) => _caller = caller;

    /// <summary>Minimal-API binding: the caller the request's token describes.</summary>
    public static ValueTask<CurrentCaller?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var caller = context.Items[ItemKey] as CurrentCaller;
        if (caller is null)
        {
            var geography = context.RequestServices.GetRequiredService<IRegionGeography>();
            caller = new CurrentCaller(CallerClaims.From(context.User, geography, out _));
        }
        return ValueTask.FromResult<CurrentCaller?>(caller);
    }

    /// <summary>The caller (the filter guarantees there is one when a handler runs).</summary>
    public Caller Caller => _caller ?? throw new InvalidOperationException("No caller: the request passed without CallerFilter.");

    /// <summary>The caller's role.</summary>
    public Role Role => Caller.Role;

    /// <summary>The caller's reach.</summary>
    public Scope Reach => Caller.Reach;
}
