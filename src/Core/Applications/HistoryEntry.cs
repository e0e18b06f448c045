using System.Text.Json.Serialization;
using NodaTime;
using PvoFinance.Access;

namespace PvoFinance.Applications;

/// <summary>One transition of an application, as it happened. Refused requests leave no entry.</summary>
/// <param name="Sequence">1, 2, 3, … per application.</param>
/// <param name="At">When (from the injected clock).</param>
/// <param name="UserId">Who.</param>
/// <param name="Role">In which role.</param>
/// <param name="Trigger">What was asked.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after (equal to <paramref name="From"/> for advances, draft edits and first approvals).</param>
/// <param name="Reason">The motivation or reference given, if any (left out of the stored text when there is none).</param>
/// <param name="Effects">The ledger movements this transition asks for, in order.</param>
/// <param name="UserName">Who, by the display name the sign-in gave (null in entries recorded before names were kept, or without one).</param>
/// <param name="LetterSha256">
/// For a decision with a letter (beschikking): the SHA-256 of the letter's PDF, rendered before the decision was stored,
/// so the history binds the exact bytes sent (issue 18). Null for other entries and for decisions recorded before.
/// </param>
/// <param name="DocumentSha256">
/// For <see cref="ApplicationTrigger.RecordDocument"/>: the SHA-256 of the document recorded, which is its id in the
/// document store (issue 18). The compact history keeps it, so the recorded documents are known without reading rows.
/// </param>
public sealed record HistoryEntry(
    int Sequence,
    Instant At,
    string UserId,
    Role Role,
    ApplicationTrigger Trigger,
    ApplicationState From,
    ApplicationState To,
    // Left out when there is none: every compact entry has none, and the bytes saved make room in the state's budget for
    // the hashes the compact history keeps (ApplicationStateBudget). Read back as null, as before.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    IReadOnlyList<LedgerEffect> Effects,
    // Left out when there is none, so compact entries (which drop it) and older rows are exactly as before.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LetterSha256 = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DocumentSha256 = null);
