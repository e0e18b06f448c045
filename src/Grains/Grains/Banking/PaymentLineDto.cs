namespace PvoFinance.Grains.Banking;

/// <summary>
/// One payment of a batch as stored: the core's <see cref="PvoFinance.Banking.PaymentLine"/> plus where the payment is
/// booked when the bank confirms it — the next advance of an application, a payment of what is due after its determination,
/// or a payment of a source's commitment to a region.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PaymentLineDto
{
    /// <summary>The line number, 1-based.</summary>
    [Id(0)] public required int Line { get; init; }

    /// <summary>The paid item (<c>advance:&lt;application&gt;:&lt;n&gt;</c>, <c>payment:&lt;application&gt;:&lt;paid&gt;</c>, <c>commitment:&lt;source&gt;:&lt;region&gt;:&lt;year&gt;:&lt;paid&gt;</c>); reserved while the batch is open.</summary>
    [Id(1)] public required string ItemKey { get; init; }

    /// <summary>The amount in cents, positive.</summary>
    [Id(2)] public required long Cents { get; init; }

    /// <summary>The paying account.</summary>
    [Id(3)] public required BankAccountDto Debtor { get; init; }

    /// <summary>The receiving account.</summary>
    [Id(4)] public required BankAccountDto Creditor { get; init; }

    /// <summary>A structured creditor reference (ISO 11649), or null.</summary>
    [Id(5)] public string? Reference { get; init; }

    /// <summary>Free remittance text, or null.</summary>
    [Id(6)] public string? Remittance { get; init; }

    /// <summary>For an advance or a payment after the determination: the application paid (the item key's prefix says which).</summary>
    [Id(7)] public string? ApplicationId { get; init; }

    /// <summary>For a commitment payout: the funding source that pays.</summary>
    [Id(8)] public string? SourceId { get; init; }

    /// <summary>For a commitment payout: the region paid.</summary>
    [Id(9)] public string? Region { get; init; }

    /// <summary>For a commitment payout: the budget year.</summary>
    [Id(10)] public int? Year { get; init; }

    /// <summary>For a commitment payout: the payment id the source books it under (its own idempotency key), so a payout is booked once however often the bank confirms it.</summary>
    [Id(11)] public string? PaymentId { get; init; }

    /// <summary>Who pays, as a scope text (the fund owner of the application or source): a treasurer acts on the batch only when this is in reach.</summary>
    [Id(12)] public string? Payer { get; init; }

    /// <summary>What is paid, in words, or null.</summary>
    [Id(13)] public string? Description { get; init; }

    /// <summary>Who receives, as a scope text (<c>region:limburg</c>): a reader sees the batch only when this is in reach too, as its bank details are.</summary>
    [Id(14)] public string? Payee { get; init; }
}
