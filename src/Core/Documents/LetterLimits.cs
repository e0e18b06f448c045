namespace PvoFinance.Documents;

/// <summary>Bounds of the decision letters, so one application's letters stay a short listing.</summary>
public static class LetterLimits
{
    /// <summary>
    /// The most letters one application has. Decisions are bounded by the workflow (one grant, at most
    /// <see cref="Applications.ApplicationLimits.MaxAmendments"/> amendments, one determination, one revocation); this is well above their sum.
    /// </summary>
    public const int MaxLettersPerApplication = 40;

    /// <summary>The longest motivation printed in a letter, in characters; a longer one is cut with an ellipsis (the history keeps it whole).</summary>
    public const int MaxReasonChars = 2_000;
}
