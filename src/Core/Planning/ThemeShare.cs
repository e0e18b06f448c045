namespace PvoFinance.Planning;

/// <summary>A theme of the project pipeline and its weight in it (spending per theme is the pipeline split by these weights).</summary>
/// <param name="Theme">Theme name, e.g. <c>cybercrime</c>.</param>
/// <param name="Weight">Relative weight, 0..10,000.</param>
public sealed record ThemeShare(string Theme, int Weight);
