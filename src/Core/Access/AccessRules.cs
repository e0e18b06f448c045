namespace PvoFinance.Access;

/// <summary>
/// Who may read and who may change what, as one table of rules in plain C#. Deny by default: anything not
/// allowed here is refused.
/// </summary>
/// <remarks>
/// Reading follows reach and geography: a caller reads what lies within its reach, plus what its reach lies
/// within (a region's manager reads the national schemes and the funds of the provinces its region touches).
/// A province and a region overlap when a municipality of the region lies in the province.
/// Changing follows ownership: national things are the ministry's, a province's funds its provincial officer's,
/// a region's things its PVO-manager's; a treasurer changes only money records (receipts, invoices) in reach.
/// </remarks>
public sealed class AccessRules(IRegionGeography geography)
{
    /// <summary>True when <paramref name="caller"/> may read something that belongs to <paramref name="owner"/>.</summary>
    public bool CanRead(Caller caller, Scope owner)
    {
        var reach = caller.Reach;
        return (reach.Level, owner.Level) switch
        {
            (ScopeLevel.National, _) => true,
            (_, ScopeLevel.National) => true,
            (ScopeLevel.Province, ScopeLevel.Province) => reach.Name == owner.Name,
            (ScopeLevel.Province, ScopeLevel.Region) => Overlap(owner.Name!, reach.Name!),
            (ScopeLevel.Region, ScopeLevel.Province) => Overlap(reach.Name!, owner.Name!),
            (ScopeLevel.Region, ScopeLevel.Region) => reach.Name == owner.Name,
            _ => false,
        };
    }

    /// <summary>True when <paramref name="caller"/> may change the definition of something owned by <paramref name="owner"/> (a profile, a funding source, a ceiling, a commitment).</summary>
    public bool CanManage(Caller caller, Scope owner) => (caller.Role, owner.Level) switch
    {
        (Role.Ministry, ScopeLevel.National) => true,
        (Role.ProvincialOfficer, ScopeLevel.Province) => caller.Reach.Name == owner.Name,
        (Role.PvoManager, ScopeLevel.Region) => caller.Reach.Name == owner.Name,
        _ => false,
    };

    /// <summary>True when <paramref name="caller"/> may record money movements (invoices, receipts, payments) for <paramref name="owner"/>: its manager, or a treasurer whose reach covers it.</summary>
    public bool CanRecord(Caller caller, Scope owner) =>
        CanManage(caller, owner) || (caller.Role == Role.Treasurer && Covers(caller.Reach, owner));

    /// <summary>True when <paramref name="reach"/> contains <paramref name="owner"/> entirely.</summary>
    public bool Covers(Scope reach, Scope owner) => (reach.Level, owner.Level) switch
    {
        (ScopeLevel.National, _) => true,
        (ScopeLevel.Province, ScopeLevel.Province) => reach.Name == owner.Name,
        // A treasurer of a province keeps the books of the regions that lie in it, wholly or partly.
        (ScopeLevel.Province, ScopeLevel.Region) => Overlap(owner.Name!, reach.Name!),
        (ScopeLevel.Region, ScopeLevel.Region) => reach.Name == owner.Name,
        _ => false,
    };

    private bool Overlap(string regionId, string province) => geography.ProvincesOf(regionId).Contains(province);
}
