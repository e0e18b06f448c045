using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace PvoFinance.Api.Problems;

/// <summary>
/// Refuses a bound request body that holds <c>null</c> where its record declares a list or dictionary of values
/// (<c>"split":[null]</c>), with the element's path (<c>split[0]</c>), before the endpoint runs — the part of strict
/// reading System.Text.Json leaves undone (see <see cref="StrictJson"/>).
/// </summary>
public sealed class NullElementFilter : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var bodyType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (bodyType is not null)
        {
            foreach (var argument in context.Arguments)
            {
                if (argument is not null && argument.GetType() == bodyType && StrictJson.NullElementOf(argument) is { } path)
                {
                    return ApiProblems.Invalid(path, $"'{path}' must not be null.");
                }
            }
        }
        return await next(context);
    }
}
