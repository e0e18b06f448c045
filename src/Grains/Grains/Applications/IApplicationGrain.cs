using PvoFinance.Access;
using PvoFinance.Applications;

namespace PvoFinance.Grains.Applications;

/// <summary>Who acts, as the API read it from the token: the subject and the caller's role and reach.</summary>
/// <param name="UserId">The token's subject.</param>
/// <param name="Role">The caller's role.</param>
/// <param name="Reach">The caller's reach (<c>national</c>, <c>province:&lt;name&gt;</c>, <c>region:&lt;id&gt;</c>).</param>
/// <param name="Name">The person's display name from the token's <c>name</c> claim, if any.</param>
[GenerateSerializer, Immutable]
public sealed record ActorDto([property: Id(0)] string UserId, [property: Id(1)] Role Role, [property: Id(2)] string Reach, [property: Id(3)] string? Name = null);

/// <summary>A new draft application: where it applies and its content, already read as the core's types by the API.</summary>
/// <param name="Region">The applying region.</param>
/// <param name="SourceId">The funding source (a national scheme or provincial fund) it applies to.</param>
/// <param name="Content">Title, amounts, theme and funding plan (null plan: everything from <paramref name="SourceId"/>).</param>
[GenerateSerializer, Immutable]
public sealed record CreateApplicationDto(
    [property: Id(0)] string Region,
    [property: Id(1)] string SourceId,
    [property: Id(2)] DraftContent Content);

/// <summary>
/// One subsidy application (key: its id, <c>[a-z0-9-]{1,60}</c>). Non-reentrant: one request at a time. Each
/// accepted transition first books its ledger effects (idempotently, keyed <c>app:&lt;id&gt;:&lt;sequence&gt;:&lt;index&gt;</c>),
/// then stores the new value.
/// </summary>
public interface IApplicationGrain : IGrainWithStringKey
{
    /// <summary>Starts the draft (answered as created); a retry with the same content answers the same view, other content is a conflict.</summary>
    Task<ApplicationReply> Create(ActorDto actor, CreateApplicationDto draft);

    /// <summary>The application as <paramref name="actor"/> sees it (refused as not found when it does not exist).</summary>
    Task<ApplicationReply> Get(ActorDto actor);

    /// <summary>
    /// Fires <paramref name="trigger"/> with its payload: the core's record of type <see cref="ApplicationWorkflow.PayloadTypeOf"/>
    /// (null for a note without content), as the API read it from the body. With an idempotency key, a repeat with the
    /// same <paramref name="fingerprint"/> replays the first successful answer and one with another fingerprint is refused.
    /// </summary>
    Task<ApplicationReply> Fire(ActorDto actor, ApplicationTrigger trigger, object? payload, string? idempotencyKey, string fingerprint);

    /// <summary>
    /// The stored application as <see cref="ApplicationJson"/> text (upgraded to the current format, with its whole
    /// history read from the history rows), or null when it
    /// does not exist. For exports, which check the caller's scope themselves; not for callers to show.
    /// </summary>
    Task<string?> Snapshot();

    /// <summary>
    /// A page of the history: the <paramref name="pageSize"/> entries before sequence <paramref name="before"/> (null:
    /// the newest), oldest first; readable by whoever may read the application.
    /// </summary>
    Task<ApplicationHistoryReply> History(ActorDto actor, int pageSize, int? before);
}
