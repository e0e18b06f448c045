using System.Text.Json.Serialization;
using PvoFinance.Api.Problems;
using PvoFinance.Applications;

namespace PvoFinance.Api.Applications;

/// <summary>lodge-objection: the PVO objects to a decision within six weeks (Awb 6:4, 6:7), with its grounds.</summary>
/// <param name="Grounds">Why the decision is wrong (at most 2,000 characters; kept in the history).</param>
/// <param name="Decision">The history sequence of the contested decision; absent names the newest decision.</param>
public sealed record LodgeObjectionBody(string Grounds, int? Decision = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.LodgeObjection;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}

/// <summary>extend-objection-term: refer the open objection to an advisory committee (12 weeks) or extend its term by 6 weeks (Awb 7:10), each once.</summary>
/// <param name="Reason">Why; the objector is told.</param>
/// <param name="AdvisoryCommittee">True: refer to an advisory committee; false or absent: extend by six weeks.</param>
public sealed record ExtendObjectionTermBody(string Reason, bool AdvisoryCommittee = false) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.ExtendObjectionTerm;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}

/// <summary>decide-objection: unfounded (the decision stands) or founded (revised: a rejection by the grant that replaces it, a determination by its new amount).</summary>
/// <param name="Founded">True when the objection succeeds.</param>
/// <param name="Reason">The motivation (Awb 7:12).</param>
/// <param name="Grant">For a founded objection to a rejection: the grant, as the grant action takes it.</param>
/// <param name="Determined">For a founded objection to a determination: the revised final amount.</param>
public sealed record DecideObjectionBody(
    bool Founded,
    string Reason,
    GrantBody? Grant = null,
    [property: JsonConverter(typeof(AmountTextConverter))] string? Determined = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.DecideObjection;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this with { Grant = Grant is { } g ? g with { Advances = g.Advances ?? [] } : null });
}

/// <summary>give-notice-of-default: written notice that the decision term has passed (Awb 4:17 lid 3); the penalty runs two weeks later.</summary>
public sealed record GiveNoticeOfDefaultBody(string? Reason = null) : NoteBodyBase(Reason), IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.GiveNoticeOfDefault;
}

/// <summary>decide-penalty: the amount of the penalty for the late decision (Awb 4:18): the law's, or zero with a ground of Awb 4:17 lid 6.</summary>
/// <param name="Amount">The amount owed, e.g. <c>"1442.00"</c>.</param>
/// <param name="Reason">The motivation; required for zero.</param>
public sealed record DecidePenaltyBody([property: JsonConverter(typeof(AmountTextConverter))] string Amount, string? Reason = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.DecidePenalty;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}

/// <summary>pay-penalty: the treasurer records a payment of the decided penalty to the region.</summary>
/// <param name="Amount">Positive, at most what is outstanding.</param>
/// <param name="Reference">The bank or booking reference.</param>
public sealed record PayPenaltyBody([property: JsonConverter(typeof(AmountTextConverter))] string Amount, string? Reference = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.PayPenalty;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}
