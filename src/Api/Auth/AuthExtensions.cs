using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using PvoFinance.Access;
using PvoFinance.Regions;

namespace PvoFinance.Api.Auth;

/// <summary>JWT bearer authentication, deny-by-default authorization and the access rules.</summary>
public static class AuthExtensions
{
    /// <summary>
    /// In Development, tokens are signed by <see cref="DevTokenIssuer"/> (and <c>POST /dev/token</c> issues them).
    /// Elsewhere, the standard <c>Authentication:Schemes:Bearer</c> settings (Authority, ValidAudiences, …) name
    /// any OIDC issuer whose tokens carry the <see cref="ClaimNames"/> claims; the pages sign in there through
    /// <see cref="OidcSettings"/>. In both, the dashboard also accepts the token from <see cref="SessionCookie"/>.
    /// </summary>
    public static IServiceCollection AddPvoAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton<IRegionGeography>(RegionCatalog.Shipped);
        services.AddSingleton<AccessRules>();
        services.AddSingleton(OidcSettings.From(configuration));
        var authentication = services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        if (environment.IsDevelopment())
        {
            var issuer = new DevTokenIssuer(configuration["PvoFinance:Auth:DevSigningKey"]);
            services.AddSingleton(issuer);
            authentication.AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = DevTokenIssuer.Issuer,
                    ValidAudience = DevTokenIssuer.Audience,
                    IssuerSigningKey = issuer.Key,
                    RoleClaimType = ClaimNames.Role,
                };
                o.Events = SessionCookie.Events();
            });
        }
        else
        {
            authentication.AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters.RoleClaimType = ClaimNames.Role;
                o.Events = SessionCookie.Events();
            });
        }
        // Deny by default: every endpoint needs an authenticated caller unless it says AllowAnonymous.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            // The Orleans dashboard shows every silo, grain type and call rate of the whole cluster (all regions'
            // activity at once) and no scope can narrow it, so only the national role, the ministry, may see it.
            .AddPolicy(SessionCookie.DashboardPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(ClaimNames.Role, ClaimNames.Roles.Ministry));
        return services;
    }
}
