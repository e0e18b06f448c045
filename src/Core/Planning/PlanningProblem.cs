namespace PvoFinance.Planning;

/// <summary>Why planning input was refused: the field as a client sends it, and the reason in one sentence.</summary>
/// <param name="Field">The input at fault, e.g. <c>coFinancing.bands[1].adjustment</c>.</param>
/// <param name="Reason">What is wrong and what is accepted.</param>
public sealed record PlanningProblem(string Field, string Reason);
