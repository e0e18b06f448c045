namespace PvoFinance.Access;

/// <summary>
/// An authenticated user as the rules see them: a role and how far it reaches. A PVO-manager reaches one
/// region, a provincial officer one province, the ministry the country, a treasurer whatever scope the
/// token names.
/// </summary>
public sealed record Caller(Role Role, Scope Reach)
{
    /// <summary>Builds a caller, refusing combinations the roles do not allow.</summary>
    public static Caller Create(Role role, Scope reach) => role switch
    {
        Role.PvoManager when reach.Level != ScopeLevel.Region => throw new ArgumentException("A PVO-manager's token names a region."),
        Role.ProvincialOfficer when reach.Level != ScopeLevel.Province => throw new ArgumentException("A provincial officer's token names a province."),
        Role.Ministry when reach.Level != ScopeLevel.National => throw new ArgumentException("The ministry's reach is national."),
        _ => new Caller(role, reach),
    };
}
