namespace PvoFinance.Grains.Banking;

/// <summary>The stored state of the batch registry.</summary>
[GenerateSerializer]
public sealed class PaymentBatchRegistryState
{
    /// <summary>The last batch number handed out.</summary>
    [Id(0)] public long LastNumber { get; set; }

    /// <summary>Which batch holds each reserved item.</summary>
    [Id(1)] public Dictionary<string, long> Reservations { get; set; } = new(StringComparer.Ordinal);
}
