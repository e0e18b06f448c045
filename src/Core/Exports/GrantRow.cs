namespace PvoFinance.Exports;

/// <summary>
/// One funder-grant: an application's part from one funding source, with its money as the ledger shows it as of the
/// export date (the rows of <c>projects.csv</c> and <c>grants-360giving.csv</c>).
/// </summary>
public sealed record GrantRow
{
    /// <summary><c>360G-pvo-&lt;application&gt;-&lt;source&gt;</c>.</summary>
    public required string GrantId { get; init; }
    /// <summary>The application's id.</summary>
    public required string ApplicationId { get; init; }
    /// <summary><c>NL-PVO-&lt;region&gt;-&lt;application&gt;</c>, shared by the grants of one co-financed project.</summary>
    public required string ActivityId { get; init; }
    /// <summary>The project's title.</summary>
    public required string Title { get; init; }
    /// <summary>The region's id.</summary>
    public required string RegionCode { get; init; }
    /// <summary>The region's name.</summary>
    public required string RegionName { get; init; }
    /// <summary>The funding source's id.</summary>
    public required string SourceId { get; init; }
    /// <summary>The funding source's name.</summary>
    public required string SourceName { get; init; }
    /// <summary>The funder's id.</summary>
    public required string FunderOrgId { get; init; }
    /// <summary>The funder's name.</summary>
    public required string FunderName { get; init; }
    /// <summary>The application's state as of the date.</summary>
    public required string State { get; init; }
    /// <summary>A, B or C, once granted.</summary>
    public required string Tier { get; init; }
    /// <summary>What the plan asked of this source.</summary>
    public required long RequestedCents { get; init; }
    /// <summary>What was granted of this source (after amendments), as of the date.</summary>
    public required long GrantedCents { get; init; }
    /// <summary>Net paid to the region from this source.</summary>
    public required long PaidCents { get; init; }
    /// <summary>The realised costs accounted for, spread over the granted parts; zero until accounted.</summary>
    public required long AccountedCents { get; init; }
    /// <summary>The determined amount of this source; zero until determined.</summary>
    public required long DeterminedCents { get; init; }
    /// <summary>Claimed back and not yet received.</summary>
    public required long ToReclaimCents { get; init; }
    /// <summary>Received back.</summary>
    public required long ReclaimedCents { get; init; }
    /// <summary>Still committed and unpaid, plus due and unpaid after the determination.</summary>
    public required long OpenCents { get; init; }
    /// <summary>The grant decision's date (Amsterdam), empty before it.</summary>
    public required string AwardDate { get; init; }
    /// <summary>The activities' end date.</summary>
    public required string EndDate { get; init; }
    /// <summary>The date of the last movement as of the export date.</summary>
    public required string LastModified { get; init; }
}
