using PvoFinance.Planning;

namespace PvoFinance.Core.Tests.Planning;

public sealed class ScenarioDocumentTests
{
    private static ScenarioDocument Valid => new("Bonus/malus", "", new MandateDocument("1.00", "0.5", "0.2500"),
        new CoFinancingDocument(null, "1000000.00", null, null, [new BandDocument(0, "-10"), new BandDocument(50, "10")]), "2", "-0.5");

    [Fact]
    public void A_document_reads_and_writes_back_canonically()
    {
        var (scenario, problem) = Valid.TryParse();
        Assert.Null(problem);
        Assert.Equal("per-inhabitant+budget-neutral-co-financing", scenario!.Kind);
        var json = ScenarioDocument.Serialize(scenario);
        Assert.Contains("\"rijk\":\"1.0000\"", json);
        Assert.Contains("\"adjustment\":\"-10.00\"", json);
        Assert.Contains("\"populationGrowth\":\"-0.50\"", json);
        Assert.Equal(json, ScenarioDocument.Serialize(ScenarioDocument.Deserialize(json)));
    }

    public static TheoryData<ScenarioDocument, string> Bad => new()
    {
        { Valid with { Name = "" }, "name" },
        { Valid with { Name = new string('x', PlanningLimits.MaxNameChars + 1) }, "name" },
        { Valid with { PerInhabitant = new MandateDocument("1.00001", "0", "0") }, "perInhabitant.rijk" },
        { Valid with { PerInhabitant = new MandateDocument("0", "-1", "0") }, "perInhabitant.province" },
        { Valid with { PerInhabitant = new MandateDocument("0", "0", "100.0001") }, "perInhabitant.municipalities" },
        { Valid with { CoFinancing = new CoFinancingDocument(null, null, null, null, null) }, "coFinancing.rate" },
        { Valid with { CoFinancing = new CoFinancingDocument("100.01", null, null, null, null) }, "coFinancing.rate" },
        { Valid with { CoFinancing = new CoFinancingDocument(null, "-1.00", null, null, null) }, "coFinancing.pot" },
        { Valid with { CoFinancing = new CoFinancingDocument("10", null, new WeightsDocument(101, 0, 0, 0, 0, 0, 0), null, null) }, "coFinancing.weights.formalGovernance" },
        { Valid with { CoFinancing = new CoFinancingDocument("10", null, null, null, [new BandDocument(5, "1")]) }, "coFinancing.bands[0].minScore" },
        { Valid with { CoFinancing = new CoFinancingDocument("10", null, null, null, [new BandDocument(0, "1"), new BandDocument(0, "2")]) }, "coFinancing.bands[1].minScore" },
        { Valid with { CoFinancing = new CoFinancingDocument("10", null, null, null, [new BandDocument(0, "-100.01")]) }, "coFinancing.bands[0].adjustment" },
        { Valid with { CoFinancing = new CoFinancingDocument("10", null, null, null, [.. Enumerable.Range(0, PlanningLimits.MaxBands + 1).Select(i => new BandDocument(i, "0"))]) }, "coFinancing.bands" },
        { Valid with { Indexation = "10.01" }, "indexation" },
        { Valid with { PopulationGrowth = "1e2" }, "populationGrowth" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Bad_input_is_refused_naming_the_field(ScenarioDocument document, string field)
    {
        var (scenario, problem) = document.TryParse();
        Assert.Null(scenario);
        Assert.Equal(field, problem!.Field);
    }
}
