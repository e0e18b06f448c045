using NodaTime;

namespace PvoFinance.Documents;

/// <summary>
/// What a decision letter (beschikking) says, in Dutch, as plain text blocks: a pure function of the decision as recorded
/// (<see cref="DecisionLetters.Compose"/>). Rendering it (PDF) is the grain ring's; nothing here knows about pages or fonts.
/// </summary>
/// <param name="ApplicationId">The application decided on.</param>
/// <param name="Sequence">The history sequence of the decision; with the id it is the letter's reference (kenmerk).</param>
/// <param name="Kind">Which decision.</param>
/// <param name="Date">The day the decision was made and made known (Amsterdam); the objection term counts from the day after.</param>
/// <param name="ObjectionLastDay">
/// The last day an objection is in time (<see cref="ObjectionTerm.LastDay"/>); for a decision on an objection, the last day of
/// the appeal term, counted the same way (Awb 6:7, 6:8).
/// </param>
/// <param name="Title">The letter's heading.</param>
/// <param name="Sections">The body, in order.</param>
public sealed record DecisionLetter(
    string ApplicationId,
    int Sequence,
    DecisionKind Kind,
    LocalDate Date,
    LocalDate ObjectionLastDay,
    string Title,
    IReadOnlyList<LetterSection> Sections)
{
    /// <summary>The letter's reference: application id and decision sequence.</summary>
    public string Reference => $"{ApplicationId}/{Sequence}";

    /// <summary>The whole text, one line per line, for searching and tests.</summary>
    public string PlainText => Title + "\n" + string.Join("\n", Sections.SelectMany(s => (s.Heading is null ? [] : new[] { s.Heading }).Concat(s.Lines)));
}

/// <summary>One block of a letter: an optional heading and its lines (paragraphs; a line starting with "- " is a list item).</summary>
/// <param name="Heading">The heading, or null.</param>
/// <param name="Lines">The paragraphs.</param>
public sealed record LetterSection(string? Heading, IReadOnlyList<string> Lines);
