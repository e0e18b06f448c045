using Microsoft.AspNetCore.Http;
using PvoFinance.Api.Problems;
using PvoFinance.Grains.Contracts;

namespace PvoFinance.Api.Ledger;

/// <summary>Turns a storage failure behind a ledger call into a 503 problem with Retry-After, never a bare 500.</summary>
public sealed class LedgerUnavailableFilter : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (LedgerUnavailableException ex)
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return ApiProblems.Unavailable(ex.Message);
        }
        catch (TimeoutException ex)
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return ApiProblems.Unavailable($"The ledger did not answer in time ({ex.Message}); retry with the same key.");
        }
    }
}
