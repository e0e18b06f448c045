using Microsoft.AspNetCore.Http;
using PvoFinance.Grains.Contracts;

namespace PvoFinance.Api.Problems;

/// <summary>
/// RFC 9457 problem details for every refusal, always naming the field at fault and the reason, so a client
/// can show the message next to the right input.
/// </summary>
public static class ApiProblems
{
    /// <summary>A sentence for a problem the framework writes without one (routing, media type, authentication).</summary>
    public static string? DetailFor(int? status, string method) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read.",
        StatusCodes.Status401Unauthorized => "A bearer token is required; sign in first (in Development: POST /dev/token).",
        StatusCodes.Status403Forbidden => "This token may not do this.",
        StatusCodes.Status404NotFound => "There is nothing at this address; check the path.",
        StatusCodes.Status405MethodNotAllowed => $"This address does not accept {method}.",
        StatusCodes.Status413PayloadTooLarge => "The body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The body must be JSON, sent with Content-Type: application/json.",
        _ => null,
    };

    /// <summary>400: the request is malformed; nothing changed.</summary>
    public static IResult Invalid(string field, string reason) =>
        Build(StatusCodes.Status400BadRequest, "The request is not valid.", reason, field, "Invalid");

    /// <summary>403: the caller's role or scope does not allow this; nothing changed.</summary>
    public static IResult Forbidden(string field, string reason) =>
        Build(StatusCodes.Status403Forbidden, "Not allowed.", reason, field, "Forbidden");

    /// <summary>404: the thing asked for does not exist.</summary>
    public static IResult NotFound(string field, string reason) =>
        Build(StatusCodes.Status404NotFound, "Not found.", reason, field, "NotFound");

    /// <summary>The HTTP answer to a ledger refusal: 409 for a reused key, 400 for malformed input, else 422.</summary>
    public static IResult FromRejection(RejectionDto rejection) => rejection.Code switch
    {
        "IdempotencyConflict" => Build(StatusCodes.Status409Conflict, "The idempotency key was used with different content.", rejection.Message, rejection.Field, rejection.Code),
        "Conflict" => Build(StatusCodes.Status409Conflict, "It conflicts with what exists.", rejection.Message, rejection.Field, rejection.Code),
        "Invalid" => Build(StatusCodes.Status400BadRequest, "The request is not valid.", rejection.Message, rejection.Field, rejection.Code),
        "NotFound" => Build(StatusCodes.Status422UnprocessableEntity, "A referenced reservation or entry does not exist.", rejection.Message, rejection.Field, rejection.Code),
        _ => Build(StatusCodes.Status422UnprocessableEntity, "The ledger refused the entry.", rejection.Message, rejection.Field, rejection.Code),
    };

    /// <summary>A request the framework could not bind (see <see cref="BadRequestExceptionHandler"/>): usually 400; 413 or 415 keep their status.</summary>
    public static IResult Malformed(int status, string field, string reason) => status switch
    {
        StatusCodes.Status400BadRequest => Invalid(field, reason),
        StatusCodes.Status413PayloadTooLarge => Build(status, "The request body is too large.", reason, field, "TooLarge"),
        StatusCodes.Status415UnsupportedMediaType => Build(status, "The request body must be JSON.", reason, field, "UnsupportedMediaType"),
        _ => Build(status, "The request is not valid.", reason, field, "Invalid"),
    };

    /// <summary>503: storage could not confirm the write; retrying with the same key is safe.</summary>
    /// <summary>A refusal with its own status and code, naming the field at fault.</summary>
    public static IResult Refused(int status, string code, string? field, string reason) => Build(status, status switch
    {
        StatusCodes.Status403Forbidden => "Not allowed.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status409Conflict => "It conflicts with the current state.",
        StatusCodes.Status422UnprocessableEntity => "The ledger refused it.",
        _ => "The request is not valid.",
    }, reason, field, code);

    /// <summary>503: storage is briefly unavailable; nothing was stored, and a retry with the same key is safe.</summary>
    public static IResult Unavailable(string reason) =>
        Build(StatusCodes.Status503ServiceUnavailable, "The ledger is briefly unavailable.", reason, null, "Unavailable");

    private static IResult Build(int status, string title, string detail, string? field, string code)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null)
        {
            extensions["field"] = field;
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }
        return Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
    }
}
