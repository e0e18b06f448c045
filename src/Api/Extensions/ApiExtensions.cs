using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using PvoFinance.Api.Applications;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Dev;
using PvoFinance.Api.Exports;
using PvoFinance.Api.Funding;
using PvoFinance.Api.Health;
using PvoFinance.Api.Ledger;
using PvoFinance.Api.Problems;
using PvoFinance.Api.Regions;
using Scalar.AspNetCore;

namespace PvoFinance.Api.Extensions;

/// <summary>Registration of the HTTP surface, kept out of Program.cs.</summary>
public static class ApiExtensions
{
    /// <summary>Problem details, JSON options, authentication and the OpenAPI document.</summary>
    public static IServiceCollection AddPvoApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System);
        AddTestClock(services, configuration, environment);
        services.AddPvoAuth(configuration, environment);
        // Problems the framework writes itself (no route, wrong method or media type, no token) say why, too.
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= ApiProblems.DetailFor(context.ProblemDetails.Status, context.HttpContext.Request.Method));
        // Every request body is read strictly, in one place: unknown or repeated members, null where a value is
        // declared, and missing required members are refused with the field's path (StrictJson, NullElementFilter).
        services.Configure<JsonOptions>(o => StrictJson.Configure(o.SerializerOptions));
        // Requests that cannot be bound (broken JSON, unknown members, "limit=abc") throw instead of ending in a
        // bare 400, so BadRequestExceptionHandler can answer with a problem naming the field like every other refusal.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<StateTooLargeExceptionHandler>();
        services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        services.AddOpenApi("v1", o => o.AddPvoSchemas());
        return services;
    }

    /// <summary>
    /// <c>PVO_CLOCK=settable</c> (or <c>PvoFinance:Clock</c>) in Development: the grains and endpoints read a
    /// <see cref="Dev.SettableClock"/> that <c>POST /dev/clock</c> moves, so tests can let legal terms pass. Elsewhere the
    /// setting stops the start: a production service whose clock anyone could move would decide on false dates.
    /// </summary>
    private static void AddTestClock(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var setting = configuration["PVO_CLOCK"] ?? configuration["PvoFinance:Clock"];
        if (string.IsNullOrEmpty(setting))
        {
            return;
        }
        if (setting != Dev.SettableClock.Setting)
        {
            throw new InvalidOperationException($"PVO_CLOCK is '{setting}'; the only value is '{Dev.SettableClock.Setting}' (Development only), or leave it unset.");
        }
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException("PVO_CLOCK=settable is for the Development environment only; unset it.");
        }
        services.AddSingleton(new Dev.SettableClock());
        services.Replace(ServiceDescriptor.Singleton<NodaTime.IClock>(sp => sp.GetRequiredService<Dev.SettableClock>()));
    }

    /// <summary>Maps every endpoint and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
    public static WebApplication MapPvoApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The web pages (wwwroot, copied next to the binary): plain files, no sign-in needed to load them; the
        // data they show comes from /api with the caller's token.
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(webRoot))
        {
            var files = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // A browsable reference of the same document at /scalar/v1; its script and styles are served from this
        // service (embedded in the package) and its web fonts are left out, so it works without internet access.
        app.MapScalarApiReference(o => o.WithTitle("PvoFinance API").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts()).AllowAnonymous();
        app.MapPvoHealth().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapDevTokens();
            app.MapDevClock();
        }
        else
        {
            app.MapDevTokensAbsent();
            app.MapDevClockAbsent();
        }
        app.MapAuthConfig();
        app.MapAuthSession();
        // The Orleans dashboard (its page and its JSON), for the ministry only; a browser reaches it with the session cookie.
        app.MapOrleansDashboard(routePrefix: SessionCookie.DashboardPath).RequireAuthorization(SessionCookie.DashboardPolicy).ExcludeFromDescription();
        var api = app.MapGroup("/api").AddEndpointFilter<CallerFilter>().AddEndpointFilter<NullElementFilter>();
        api.MapPing();
        api.MapLedgerApi();
        api.MapRegionsApi();
        api.MapFundingApi();
        api.MapRegionFundingApi();
        api.MapApplicationsApi();
        api.MapExportsApi();
        Banking.BankAccountEndpoints.MapBankAccountsApi(api);
        Banking.StatementEndpoints.MapBankStatementsApi(api);
        Banking.PaymentBatchEndpoints.MapPaymentBatchesApi(api);
        Planning.PlanningEndpoints.MapPlanningApi(api);
        Notices.NoticeEndpoints.MapNoticesApi(api);
        return app;
    }
}
