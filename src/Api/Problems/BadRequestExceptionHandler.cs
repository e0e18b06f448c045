using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace PvoFinance.Api.Problems;

/// <summary>
/// Turns a request the framework could not bind (broken JSON, an unknown member such as a misspelt "amout", a
/// JSON number where an amount string belongs, <c>limit=abc</c>, a non-JSON content type) into the same problem
/// document as every other refusal: the status, code <c>Invalid</c> and the field at fault.
/// </summary>
/// <remarks>
/// Why: minimal APIs answer such requests with a bare 400 before any endpoint code runs, and the status-code
/// page then writes a generic problem without <c>code</c>, <c>field</c> or <c>detail</c>, so a client cannot tell
/// which input was wrong. With <c>RouteHandlerOptions.ThrowOnBadRequest</c> the framework throws
/// <see cref="BadHttpRequestException"/> instead, and this handler answers it.
/// </remarks>
public sealed partial class BadRequestExceptionHandler : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }
        var (field, reason) = bad.InnerException is JsonException json
            ? StrictJson.Describe(json)
            : bad.Message.Contains("no body was provided", StringComparison.Ordinal) || bad.Message.Contains("from body", StringComparison.Ordinal)
                ? ("body", "A JSON body is required for this request.")
            : bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? ("Content-Type", bad.Message)
                : (ParameterName().Match(bad.Message) is { Success: true } m ? m.Groups[1].Value : "body", bad.Message);
        await ApiProblems.Malformed(bad.StatusCode, field, reason).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The parameter named in the framework's message, e.g. <c>Failed to bind parameter "int? limit" from "abc".</c></summary>
    [GeneratedRegex(@"parameter ""(?:[^""]*\s)?([A-Za-z_][A-Za-z0-9_]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
