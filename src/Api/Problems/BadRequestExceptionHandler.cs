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
    /// <summary>The most characters of a refused value repeated in a problem's detail.</summary>
    public const int MaxEchoedLength = 40;

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
                : Parameter(bad.Message);
        await ApiProblems.Malformed(bad.StatusCode, field, reason).ExecuteAsync(httpContext);
        return true;
    }

    // The framework's message names the parameter with its C# type ("Failed to bind parameter "int? limit" from
    // "abc"."); the client is told the parameter and what it takes, not the type.
    private static (string Field, string Reason) Parameter(string message)
    {
        var m = ParameterName().Match(message);
        if (!m.Success)
        {
            return ("body", "The request could not be read.");
        }
        var (type, name) = (m.Groups[1].Value.Trim(), m.Groups[2].Value);
        if (message.StartsWith("Required parameter", StringComparison.Ordinal))
        {
            return (name, $"'{name}' is required.");
        }
        var value = BoundFrom().Match(message) is { Success: true } v ? v.Groups[1].Value : "";
        if (value.Length > MaxEchoedLength)
        {
            value = value[..MaxEchoedLength] + "…";
        }
        // The framework writes the type as C# ("int?") or as .NET ("Nullable<Int32>"): only its kind matters here.
        var kind = type.ToLowerInvariant();
        var expected = kind.Contains("int", StringComparison.Ordinal) || kind.Contains("long", StringComparison.Ordinal) || kind.Contains("short", StringComparison.Ordinal)
            ? "a whole number"
            : kind.Contains("bool", StringComparison.Ordinal) ? "true or false"
            : kind.Contains("decimal", StringComparison.Ordinal) || kind.Contains("double", StringComparison.Ordinal) ? "a number"
            : "a valid value";
        return (name, $"'{name}' must be {expected}, not '{value}'.");
    }

    /// <summary>The parameter named in the framework's message, e.g. <c>Failed to bind parameter "int? limit" from "abc".</c></summary>
    [GeneratedRegex(@"parameter ""([^""]*\s)?([A-Za-z_][A-Za-z0-9_]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"from ""([^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex BoundFrom();
}
