namespace PvoFinance.Storage.Tests;

/// <summary>
/// A state type for the grain storage tests. <c>[GenerateSerializer]</c> is what the silo's default JSON
/// serializer requires to accept the type (its allow-list), as it will be for production state.
/// </summary>
[GenerateSerializer]
public sealed class TestState
{
    [Id(0)]
    public string Name { get; set; } = "";

    [Id(1)]
    public int Counter { get; set; }

    [Id(2)]
    public List<string> Items { get; set; } = [];

    [Id(3)]
    public string Blob { get; set; } = "";
}
