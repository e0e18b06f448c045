namespace PvoFinance.Access;

/// <summary>The four kinds of user. Each sees and changes only what its role and scope allow.</summary>
public enum Role
{
    /// <summary>Manages one region's PVO: its profile, its own funding pots and projects.</summary>
    PvoManager,
    /// <summary>Approves allocations from one province's funds.</summary>
    ProvincialOfficer,
    /// <summary>Runs national schemes and compares all ten regions.</summary>
    Ministry,
    /// <summary>Keeps the books of a region, a province or the whole country: reads, records receipts, exports.</summary>
    Treasurer,
}
