using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PvoFinance.Api.Problems;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;

namespace PvoFinance.Api.Applications;

/// <summary>
/// The HTTP side of the application grain's typed answers: the status of each refusal, the problem it becomes, and the
/// JSON of a view (<see cref="ApplicationJson.Options"/>: money as exact text, dates as ISO, enums by name). The payload
/// of an action is read here too, from the body's canonical text into the core's record, so that only typed values
/// cross the grain call.
/// </summary>
public static class ApplicationAnswers
{
    /// <summary>The HTTP status of a refusal.</summary>
    public static int StatusOf(ApplicationRefusalCode code) => code switch
    {
        ApplicationRefusalCode.Invalid => StatusCodes.Status400BadRequest,
        ApplicationRefusalCode.Forbidden => StatusCodes.Status403Forbidden,
        ApplicationRefusalCode.NotFound => StatusCodes.Status404NotFound,
        ApplicationRefusalCode.Conflict or ApplicationRefusalCode.IdempotencyConflict => StatusCodes.Status409Conflict,
        ApplicationRefusalCode.LimitExceeded => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The HTTP status of an answer: 201 for a draft just created, 200 for any other view, else the refusal's.</summary>
    public static int StatusOf(ApplicationReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Refusal is { } refused ? StatusOf(refused.Code) : reply.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK;
    }

    /// <summary>The answer as HTTP: the view as JSON, or the refusal as a problem naming its field.</summary>
    public static IResult Answer(ApplicationReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.View is { } view ? Results.Json(view, ApplicationJson.Options, statusCode: StatusOf(reply)) : Problem(reply.Refusal!);
    }

    /// <summary>A history page as HTTP: the page as JSON, or the refusal as a problem naming its field.</summary>
    public static IResult Answer(ApplicationHistoryReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Page is { } page ? Results.Json(page, ApplicationJson.Options) : Problem(reply.Refusal!);
    }

    /// <summary>A refusal as an RFC 9457 problem: its status, its code's name, the field and the reason.</summary>
    public static IResult Problem(ApplicationRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return ApiProblems.Refused(StatusOf(refusal.Code), refusal.Code.ToString(), refusal.Field, refusal.Reason);
    }

    /// <summary>
    /// The payload of <paramref name="trigger"/> (its record, <see cref="ApplicationWorkflow.PayloadTypeOf"/>) read from
    /// the body's canonical text; null for no text. A body that does not read is refused naming the member at fault
    /// (the bound body types check bodies first; this is the last line, and names no .NET type).
    /// </summary>
    public static bool TryReadPayload(ApplicationTrigger trigger, string? text, out object? payload, out IResult? problem)
    {
        payload = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        try
        {
            payload = JsonSerializer.Deserialize(text, ApplicationWorkflow.PayloadTypeOf(trigger), ApplicationJson.Options);
            return true;
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            problem = ApiProblems.Invalid(field, $"The body is not valid for '{ActionNames.Of(trigger)}'.");
            return false;
        }
    }
}
