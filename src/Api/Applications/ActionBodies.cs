using System.Text.Json;
using System.Text.Json.Serialization;
using PvoFinance.Api.Problems;
using PvoFinance.Applications;

namespace PvoFinance.Api.Applications;

/// <summary>
/// The body of one lifecycle action (<c>POST /api/applications/{id}/{action}</c>). A constructor parameter without a
/// default is required; amounts and dates are text in a fixed form (see <see cref="AmountTextConverter"/>,
/// <see cref="DateTextConverter"/>). The member names are those of the workflow's payload, so the body's canonical
/// text is what the application reads.
/// </summary>
public interface IActionBody
{
    /// <summary>The trigger this body belongs to.</summary>
    static abstract ApplicationTrigger Trigger { get; }

    /// <summary>The payload as the workflow reads it (defaults filled in), written canonically.</summary>
    string Canonical();
}

/// <summary>Canonical text of action payloads: declaration order, no whitespace, absent optional members left out.</summary>
internal static class ActionPayload
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The canonical JSON text of <paramref name="payload"/>.</summary>
    public static string Write<T>(T payload) => JsonSerializer.Serialize(payload, Options);
}

/// <summary>One source's part of a funding plan or split.</summary>
/// <param name="Source">The funding source's id.</param>
/// <param name="Amount">Its part, e.g. <c>"20000.00"</c>.</param>
public sealed record FundingPartBody(string Source, [property: JsonConverter(typeof(AmountTextConverter))] string Amount);

/// <summary>One advance of a schedule.</summary>
/// <param name="Due">The first day it may be paid, e.g. <c>"2026-03-02"</c>.</param>
/// <param name="Amount">Its amount, e.g. <c>"10000.00"</c>.</param>
public sealed record AdvanceBody([property: JsonConverter(typeof(DateTextConverter))] string Due, [property: JsonConverter(typeof(AmountTextConverter))] string Amount);

/// <summary>A motivation, optional or required by the action's rule (reject, revoke, request-information and refuse-amendment need one).</summary>
/// <param name="Reason">Why; kept in the history.</param>
public abstract record NoteBodyBase(string? Reason = null)
{
    /// <summary>The payload text.</summary>
    public string Canonical() => ActionPayload.Write(new { Reason });
}

/// <summary>submit: send the complete draft.</summary>
public sealed record SubmitBody(string? Reason = null) : NoteBodyBase(Reason), IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.Submit;
}

/// <summary>start-review: the fund owner takes the application into review.</summary>
public sealed record StartReviewBody(string? Reason = null) : NoteBodyBase(Reason), IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.StartReview;
}

/// <summary>request-information: the fund owner asks for more (a reason is required by the rule).</summary>
public sealed record RequestInformationBody(string? Reason = null) : NoteBodyBase(Reason), IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.RequestInformation;
}

/// <summary>supply-information: the PVO supplies what was asked.</summary>
public sealed record SupplyInformationBody(string? Reason = null) : NoteBodyBase(Reason), IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.SupplyInformation;
}

/// <summary>reject: the fund owner refuses (a reason is required by the rule).</summary>
public sealed record RejectBody(string? Reason = null) : NoteBodyBase(Reason), IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.Reject;
}

/// <summary>withdraw: the PVO withdraws before a decision.</summary>
public sealed record WithdrawBody(string? Reason = null) : NoteBodyBase(Reason), IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.Withdraw;
}

/// <summary>refuse-amendment: the fund owner refuses an amendment (a reason is required by the rule).</summary>
public sealed record RefuseAmendmentBody(string? Reason = null) : NoteBodyBase(Reason), IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.RefuseAmendment;
}

/// <summary>revoke: the fund owner revokes the grant or determination (a reason is required by the rule).</summary>
public sealed record RevokeBody(string? Reason = null) : NoteBodyBase(Reason), IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.Revoke;
}

/// <summary>close: the fund owner archives a finished file.</summary>
public sealed record CloseBody(string? Reason = null) : NoteBodyBase(Reason), IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.Close;
}

/// <summary>edit-draft: the draft's whole content (a replacement).</summary>
/// <param name="Title">What the activities are.</param>
/// <param name="Requested">The amount requested, e.g. <c>"30000.00"</c>.</param>
/// <param name="ProjectCosts">The project's total costs; absent means equal to the requested amount.</param>
/// <param name="Theme">The project's theme (checked against earmarked sources).</param>
/// <param name="Funding">The funding plan; absent means all from the fund applied to.</param>
public sealed record EditDraftBody(
    string Title,
    [property: JsonConverter(typeof(AmountTextConverter))] string Requested,
    [property: JsonConverter(typeof(AmountTextConverter))] string? ProjectCosts = null,
    string? Theme = null,
    IReadOnlyList<FundingPartBody>? Funding = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.EditDraft;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}

/// <summary>extend-decision-term: once, with a reason (Awb 4:14 lid 3).</summary>
/// <param name="Weeks">How many weeks the term is extended.</param>
/// <param name="Reason">Why.</param>
public sealed record ExtendDecisionTermBody(int Weeks, string Reason) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.ExtendDecisionTerm;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}

/// <summary>grant: the decision to grant (verlening).</summary>
/// <param name="Amount">The granted amount, at most what was requested.</param>
/// <param name="EndDate">When the subsidised activities end.</param>
/// <param name="AccountabilityDue">When accountability is due (tier B and C; absent for tier A).</param>
/// <param name="Advances">The advance schedule in date order; absent means none (tier A has none).</param>
/// <param name="Reason">The motivation, kept in the history.</param>
/// <param name="Split">The amount over the plan's sources; absent takes the plan, scaled to the amount.</param>
public sealed record GrantBody(
    [property: JsonConverter(typeof(AmountTextConverter))] string Amount,
    [property: JsonConverter(typeof(DateTextConverter))] string EndDate,
    [property: JsonConverter(typeof(DateTextConverter))] string? AccountabilityDue = null,
    IReadOnlyList<AdvanceBody>? Advances = null,
    string? Reason = null,
    IReadOnlyList<FundingPartBody>? Split = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.Grant;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this with { Advances = Advances ?? [] });
}

/// <summary>pay-advance: the treasurer records the next scheduled advance as paid.</summary>
/// <param name="Amount">The amount paid; equals the next scheduled advance.</param>
/// <param name="Reference">The bank or booking reference.</param>
public sealed record PayAdvanceBody([property: JsonConverter(typeof(AmountTextConverter))] string Amount, string? Reference = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.PayAdvance;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}

/// <summary>request-amendment: the PVO asks for a new budget, a new end date, or both.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Budget">The budget asked for; absent keeps the granted amount.</param>
/// <param name="EndDate">The end date asked for; absent keeps the current one.</param>
public sealed record RequestAmendmentBody(
    string Reason,
    [property: JsonConverter(typeof(AmountTextConverter))] string? Budget = null,
    [property: JsonConverter(typeof(DateTextConverter))] string? EndDate = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.RequestAmendment;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}

/// <summary>approve-amendment: the new terms, decided like a grant.</summary>
/// <param name="Budget">The new granted amount.</param>
/// <param name="EndDate">The new end date.</param>
/// <param name="AccountabilityDue">The new accountability due date; absent keeps the current one.</param>
/// <param name="RemainingAdvances">Replaces the advances not yet paid; absent keeps them.</param>
/// <param name="Reason">The motivation.</param>
/// <param name="Split">The new budget over the plan's sources; absent adjusts the current split.</param>
public sealed record ApproveAmendmentBody(
    [property: JsonConverter(typeof(AmountTextConverter))] string Budget,
    [property: JsonConverter(typeof(DateTextConverter))] string EndDate,
    [property: JsonConverter(typeof(DateTextConverter))] string? AccountabilityDue = null,
    IReadOnlyList<AdvanceBody>? RemainingAdvances = null,
    string? Reason = null,
    IReadOnlyList<FundingPartBody>? Split = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.ApproveAmendment;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}

/// <summary>submit-accountability: results and, per tier, realised costs and an auditor's statement.</summary>
/// <param name="Results">The realised results (tier B and C).</param>
/// <param name="RealisedCosts">The realised costs (tier C), e.g. <c>"40000.00"</c>.</param>
/// <param name="AuditorStatement">A reference to the auditor's statement (tier C).</param>
/// <param name="Documents">The ids of the uploaded documents (POST /api/applications/{id}/documents) the accountability consists of; the tier's kinds must be among them.</param>
public sealed record SubmitAccountabilityBody(
    string? Results = null,
    [property: JsonConverter(typeof(AmountTextConverter))] string? RealisedCosts = null,
    string? AuditorStatement = null,
    IReadOnlyList<string>? Documents = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.SubmitAccountability;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}

/// <summary>determine: the final amount (vaststelling).</summary>
/// <param name="Amount">The final amount, at most the granted amount.</param>
/// <param name="Reason">Required by the rule when lower than granted.</param>
public sealed record DetermineBody([property: JsonConverter(typeof(AmountTextConverter))] string Amount, string? Reason = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.Determine;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}

/// <summary>record-payment: the treasurer records a payment of what is still due.</summary>
/// <param name="Amount">Positive, at most what is outstanding.</param>
/// <param name="Reference">The bank or booking reference.</param>
public sealed record RecordPaymentBody([property: JsonConverter(typeof(AmountTextConverter))] string Amount, string? Reference = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.RecordPayment;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}

/// <summary>record-reclaim: the treasurer records money received back.</summary>
/// <param name="Amount">Positive, at most what is outstanding.</param>
/// <param name="Reference">The bank or booking reference.</param>
public sealed record RecordReclaimBody([property: JsonConverter(typeof(AmountTextConverter))] string Amount, string? Reference = null) : IActionBody
{
    /// <inheritdoc />
    public static ApplicationTrigger Trigger => ApplicationTrigger.RecordReclaim;

    /// <inheritdoc />
    public string Canonical() => ActionPayload.Write(this);
}
