using System.Security.Claims;
using PvoFinance.Access;

namespace PvoFinance.Api.Auth;

/// <summary>Reads a <see cref="Caller"/> from a token's claims, or says why the claims do not make one.</summary>
public static class CallerClaims
{
    /// <summary>The caller, or null with the reason when role and scope claims are missing or inconsistent.</summary>
    public static Caller? From(ClaimsPrincipal user, IRegionGeography geography, out string? error)
    {
        var role = user.FindFirst(ClaimNames.Role)?.Value;
        (Caller? caller, string? reason) = role switch
        {
            ClaimNames.Roles.PvoManager => user.FindFirst(ClaimNames.Region)?.Value is { } r && geography.IsRegion(r)
                ? (Caller.Create(Role.PvoManager, Scope.Region(r)), (string?)null)
                : (null, "A pvo-manager token needs a 'region' claim naming one of the ten regions."),
            ClaimNames.Roles.ProvincialOfficer => user.FindFirst(ClaimNames.Province)?.Value is { } p && geography.IsProvince(p)
                ? (Caller.Create(Role.ProvincialOfficer, Scope.Province(p)), null)
                : (null, "A provincial-officer token needs a 'province' claim naming one of the twelve provinces."),
            ClaimNames.Roles.Ministry => (Caller.Create(Role.Ministry, Scope.National), null),
            ClaimNames.Roles.Treasurer => Scope.TryParse(user.FindFirst(ClaimNames.Scope)?.Value, out var s) && Known(s, geography)
                ? (Caller.Create(Role.Treasurer, s), null)
                : (null, "A treasurer token needs a 'scope' claim: national, province:<name> or region:<id>."),
            _ => ((Caller?)null, "The token names no known role (pvo-manager, provincial-officer, ministry, treasurer)."),
        };
        error = reason;
        return caller;
    }

    /// <summary>True when a scope names a real province or region (or the nation).</summary>
    public static bool Known(Scope scope, IRegionGeography geography) => scope.Level switch
    {
        ScopeLevel.National => true,
        ScopeLevel.Province => geography.IsProvince(scope.Name!),
        _ => geography.IsRegion(scope.Name!),
    };
}
