namespace PvoFinance.Regions;

/// <summary>Why a change to a region was refused: the field at fault (as a client names it) and the reason.</summary>
/// <param name="Field">The field, e.g. <c>managerFte</c> or <c>municipalities[3].code</c>.</param>
/// <param name="Reason">A sentence a user can act on.</param>
public sealed record RegionProblem(string Field, string Reason);
