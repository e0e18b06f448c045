using Microsoft.AspNetCore.Http;
using PvoFinance.Access;
using PvoFinance.Api.Problems;

namespace PvoFinance.Api.Auth;

/// <summary>
/// Turns the token of an authenticated request into a <see cref="CurrentCaller"/>; a token whose role or scope
/// claims make no sense is refused with 403, naming the claim at fault.
/// </summary>
public sealed class CallerFilter(IRegionGeography geography) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required.", detail: "Send a bearer token.");
        }
        var caller = CallerClaims.From(http.User, geography, out var error);
        if (caller is null)
        {
            return ApiProblems.Forbidden("role", error!);
        }
        http.Items[CurrentCaller.ItemKey] = new CurrentCaller(caller);
        return await next(context);
    }
}
