namespace PvoFinance.Regions;

/// <summary>A municipality (gemeente) with its inhabitants on 1 January of <see cref="ReferenceYear"/>. Bron: CBS.</summary>
/// <param name="Code">CBS code, e.g. <c>GM0014</c>.</param>
/// <param name="Name">Official CBS name, e.g. <c>'s-Gravenhage</c>.</param>
/// <param name="Province">Province (CBS spelling, e.g. <c>Fryslân</c>).</param>
/// <param name="Inhabitants">Inhabitants on 1 January of the reference year.</param>
/// <param name="ReferenceYear">The year of the population count.</param>
public sealed record Municipality(string Code, string Name, string Province, int Inhabitants, int ReferenceYear);
