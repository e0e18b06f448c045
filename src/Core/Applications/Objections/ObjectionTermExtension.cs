namespace PvoFinance.Applications;

/// <summary>
/// Lengthens the term for the decision on the open objection: referral to an advisory committee (twelve weeks instead
/// of six, Awb 7:10 lid 1 and 7:13) or the one extension by six weeks (lid 3). Each once.
/// </summary>
/// <param name="Reason">Why; required and recorded (the objector is told, lid 3).</param>
/// <param name="AdvisoryCommittee">True: refer to an advisory committee; false: extend by six weeks.</param>
public sealed record ObjectionTermExtension(string Reason, bool AdvisoryCommittee = false);
