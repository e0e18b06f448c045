namespace PvoFinance.Api.Auth;

/// <summary>The claims a PvoFinance token carries, and the role names in them.</summary>
public static class ClaimNames
{
    /// <summary>One of <see cref="Roles"/>.</summary>
    public const string Role = "role";
    /// <summary>A region id, for a PVO-manager.</summary>
    public const string Region = "region";
    /// <summary>A province, for a provincial officer.</summary>
    public const string Province = "province";
    /// <summary><c>national</c>, <c>province:&lt;name&gt;</c> or <c>region:&lt;id&gt;</c>, for a treasurer.</summary>
    public const string Scope = "scope";

    /// <summary>Role names as they appear in tokens.</summary>
    public static class Roles
    {
        /// <summary>PVO-manager.</summary>
        public const string PvoManager = "pvo-manager";
        /// <summary>Provincial officer.</summary>
        public const string ProvincialOfficer = "provincial-officer";
        /// <summary>Ministry.</summary>
        public const string Ministry = "ministry";
        /// <summary>Treasurer.</summary>
        public const string Treasurer = "treasurer";
    }
}
