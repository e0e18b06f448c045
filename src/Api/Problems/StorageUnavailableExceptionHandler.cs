using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PvoFinance.Grains.Contracts;

namespace PvoFinance.Api.Problems;

/// <summary>
/// Turns a failure to reach storage (or a grain that is reloading after one) anywhere behind an endpoint into a 503
/// problem with <c>Retry-After</c>, never a bare 500: the request changed nothing it did not also make durable, and
/// the same request again — with the same ids or idempotency key — finishes or replays it. A permanent refusal by
/// storage (<see cref="StorageRefusedException"/>: a record grown too large) is a 507 without <c>Retry-After</c> instead:
/// retrying cannot help.
/// </summary>
public sealed class StorageUnavailableExceptionHandler(ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }
        if (Refused(exception) is { } refused)
        {
            // Permanent: the same request fails the same way, so no Retry-After and no "briefly unavailable".
            logger.LogError(exception, "Storage refused a record behind {Method} {Path}; answered 507", httpContext.Request.Method, httpContext.Request.Path);
            await Results.Problem(
                statusCode: StatusCodes.Status507InsufficientStorage,
                title: "The record is too large to store.",
                detail: refused.Message,
                extensions: new Dictionary<string, object?> { ["code"] = "StorageRefused" }).ExecuteAsync(httpContext);
            return true;
        }
        if (!IsUnavailable(exception))
        {
            return false;
        }
        logger.LogWarning(exception, "Storage unavailable behind {Method} {Path}; answered 503", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.Headers.RetryAfter = "1";
        await ApiProblems.Unavailable(DetailFor(exception)).ExecuteAsync(httpContext);
        return true;
    }

    // A permanent refusal by storage anywhere in the chain (a record too large for it, or one it calls invalid).
    private static StorageRefusedException? Refused(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageRefusedException refused)
            {
                return refused;
            }
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Select(Refused).FirstOrDefault(r => r is not null) is { } inner)
            {
                return inner;
            }
        }
        return null;
    }

    /// <summary>
    /// The ledger's own words when it raised the failure (they name the journal at fault), else a general detail.
    /// </summary>
    internal static string DetailFor(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is LedgerUnavailableException ledger)
            {
                return ledger.Message;
            }
            if (e.GetType().FullName is "Orleans.Runtime.OrleansMessageRejectionException" or "Orleans.Runtime.Messaging.ConnectionFailedException" or "Orleans.Runtime.SiloUnavailableException")
            {
                return "A server of the cluster has just gone and its work is moving to the others; nothing was lost. Retry the same request (with the same ids or Idempotency-Key).";
            }
        }
        return "Storage is briefly unavailable; nothing was lost. Retry the same request (with the same ids or Idempotency-Key).";
    }

    // What storage trouble looks like on its way up: the ledger's own signal, a timeout, a refused connection, the
    // Azure SDK's request failure (by name: the API does not reference the SDK), Orleans' wrapper around either, or
    // Orleans failing to reach a silo that has just gone.
    private static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is LedgerUnavailableException or TimeoutException or HttpRequestException or SocketException
                || e.GetType().FullName is "Azure.RequestFailedException" or "Orleans.Storage.InconsistentStateException" or "Orleans.Runtime.SiloUnavailableException"
                    // A silo that died a moment ago: the cluster has not yet declared it dead, so a call to a grain
                    // that lived there is rejected until the grain is placed again.
                    or "Orleans.Runtime.OrleansMessageRejectionException" or "Orleans.Runtime.Messaging.ConnectionFailedException")
            {
                return true;
            }
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsUnavailable))
            {
                return true;
            }
        }
        return false;
    }
}
