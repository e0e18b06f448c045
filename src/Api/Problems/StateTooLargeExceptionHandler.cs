using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PvoFinance.Grains.Contracts;

namespace PvoFinance.Api.Problems;

/// <summary>
/// Turns a change refused because a stored record would pass its declared size (<see cref="GrainStateTooLargeException"/>)
/// into a 422 LimitExceeded problem: permanent, nothing was changed, and retrying the same request would be refused again,
/// so it is never answered as a 503 "retry".
/// </summary>
public sealed class StateTooLargeExceptionHandler(ILogger<StateTooLargeExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var tooLarge = Find(exception);
        if (httpContext.Response.HasStarted || tooLarge is null)
        {
            return false;
        }
        logger.LogWarning("Refused {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, tooLarge.Message);
        await ApiProblems.Refused(StatusCodes.Status422UnprocessableEntity, "LimitExceeded", null, tooLarge.Message).ExecuteAsync(httpContext);
        return true;
    }

    private static GrainStateTooLargeException? Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is GrainStateTooLargeException found)
            {
                return found;
            }
        }
        return null;
    }
}
