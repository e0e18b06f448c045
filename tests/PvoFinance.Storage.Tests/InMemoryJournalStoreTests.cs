namespace PvoFinance.Storage.Tests;

/// <summary>The journal contract on the in-memory reference store.</summary>
public sealed class InMemoryJournalStoreTests : JournalStoreContractTests
{
    protected override IJournalStore Store { get; } = new InMemoryJournalStore();
}
