using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PvoFinance.Api.Health;
using PvoFinance.Api.Ledger;

namespace PvoFinance.Api.Extensions;

/// <summary>Registration of the HTTP surface, kept out of Program.cs.</summary>
public static class ApiExtensions
{
    /// <summary>Problem details, JSON options and the OpenAPI document.</summary>
    public static IServiceCollection AddPvoApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o =>
        {
            // Unknown members are refused rather than ignored: a misspelt "amout" must not post a default.
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        services.AddOpenApi("v1");
        return services;
    }

    /// <summary>Maps every endpoint and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
    public static WebApplication MapPvoApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPvoHealth();
        app.MapLedgerApi();
        return app;
    }
}
