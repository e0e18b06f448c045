namespace PvoFinance.Grains.Applications;

/// <summary>
/// What a list of applications shows of one application, kept in its region's index. Written by the
/// <see cref="ApplicationGrain"/> after every accepted transition; the deadlines are the application's dates
/// (<see cref="PvoFinance.Applications.Deadlines"/> as JSON text), so "next due" and "overdue" are worked out
/// at the time of asking.
/// </summary>
/// <param name="Id">The application id.</param>
/// <param name="Region">The applying region (the index's key).</param>
/// <param name="SourceId">The funding source applied to.</param>
/// <param name="FundOwner">Who decides, as a scope text.</param>
/// <param name="State">The state's name.</param>
/// <param name="Tier">The tier's name, null before the grant.</param>
/// <param name="Title">What the activities are.</param>
/// <param name="Requested">The amount requested, as exact text.</param>
/// <param name="Granted">The granted amount, as exact text.</param>
/// <param name="Sequence">The history sequence of the transition this summary reflects; an older one never replaces a newer.</param>
/// <param name="DeadlinesJson">The running dates (<see cref="PvoFinance.Applications.Deadlines"/> in <see cref="PvoFinance.Applications.ApplicationJson.Options"/>).</param>
[GenerateSerializer, Immutable]
public sealed record ApplicationSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Region,
    [property: Id(2)] string SourceId,
    [property: Id(3)] string FundOwner,
    [property: Id(4)] string State,
    [property: Id(5)] string? Tier,
    [property: Id(6)] string Title,
    [property: Id(7)] string Requested,
    [property: Id(8)] string Granted,
    [property: Id(9)] int Sequence,
    [property: Id(10)] string DeadlinesJson);

/// <summary>
/// The applications of one region (key: the region id), as summaries. One grain per region, so a list fans out
/// over at most the ten regions and no single grain carries every application.
/// </summary>
public interface IApplicationIndexGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="summary"/> unless a summary of a later transition is already kept.</summary>
    Task Upsert(ApplicationSummary summary);

    /// <summary>The summaries, by id; only those in <paramref name="inState"/> and of <paramref name="sourceId"/> when given.</summary>
    Task<IReadOnlyList<ApplicationSummary>> List(string? inState, string? sourceId);
}
