using Microsoft.AspNetCore.Http;
using PvoFinance.Access;
using PvoFinance.Api.Problems;

namespace PvoFinance.Api.Auth;

/// <summary>The access rules as endpoint guards: null when allowed, else a 403 problem saying why.</summary>
public static class AccessGuard
{
    /// <summary>Allowed to read what <paramref name="owner"/> owns?</summary>
    public static IResult? Read(this AccessRules rules, CurrentCaller caller, Scope owner) =>
        rules.CanRead(caller.Caller, owner) ? null : Deny(caller, "read", owner);

    /// <summary>Allowed to change definitions that <paramref name="owner"/> owns?</summary>
    public static IResult? Manage(this AccessRules rules, CurrentCaller caller, Scope owner) =>
        rules.CanManage(caller.Caller, owner) ? null : Deny(caller, "change", owner);

    /// <summary>Allowed to record money movements for <paramref name="owner"/>?</summary>
    public static IResult? Record(this AccessRules rules, CurrentCaller caller, Scope owner) =>
        rules.CanRecord(caller.Caller, owner) ? null : Deny(caller, "record money for", owner);

    private static IResult Deny(CurrentCaller caller, string what, Scope owner) =>
        ApiProblems.Forbidden("scope", $"A {RoleName(caller.Role)} with reach '{caller.Reach}' may not {what} '{owner}'.");

    private static string RoleName(Role role) => role switch
    {
        Role.PvoManager => ClaimNames.Roles.PvoManager,
        Role.ProvincialOfficer => ClaimNames.Roles.ProvincialOfficer,
        Role.Ministry => ClaimNames.Roles.Ministry,
        _ => ClaimNames.Roles.Treasurer,
    };
}
