namespace PvoFinance.Applications;

/// <summary>An objection as lodged by the applicant (Awb 6:5: it names the decision and gives grounds).</summary>
/// <param name="Grounds">Why the decision is wrong; required, within the text limit. Kept in the history.</param>
/// <param name="Decision">The history sequence of the contested decision; null names the newest decision on the application.</param>
public sealed record ObjectionLodging(string Grounds, int? Decision = null);
