using PvoFinance.Grains.Applications;

namespace PvoFinance.Grains.Banking;

/// <summary>The stored state of one payment batch.</summary>
[GenerateSerializer]
public sealed class PaymentBatchGrainState
{
    /// <summary>True once created.</summary>
    [Id(0)] public bool Exists { get; set; }

    /// <summary>When the file was made, Unix milliseconds (the file's <c>CreDtTm</c>).</summary>
    [Id(1)] public long CreatedUnixMs { get; set; }

    /// <summary>The requested execution date, ISO text.</summary>
    [Id(2)] public string ExecutionDate { get; set; } = "";

    /// <summary>Who sends the file (<c>InitgPty/Nm</c>).</summary>
    [Id(3)] public string InitiatingParty { get; set; } = "";

    /// <summary>The treasurer who made the batch; confirmations book the payments in that treasurer's name.</summary>
    [Id(4)] public ActorDto? Actor { get; set; }

    /// <summary>The payments.</summary>
    [Id(5)] public List<PaymentLineDto> Lines { get; set; } = [];

    /// <summary>True once cancelled.</summary>
    [Id(6)] public bool Cancelled { get; set; }

    /// <summary>Confirmations by line: the bank's entry reference and the booking date (ISO text).</summary>
    [Id(7)] public Dictionary<int, ConfirmationDto> Confirmations { get; set; } = [];
}

/// <summary>The bank's confirmation of one line as stored.</summary>
/// <param name="BankReference">The bank's own entry reference.</param>
/// <param name="BookingDate">The booking date, ISO text.</param>
[GenerateSerializer, Immutable]
public sealed record ConfirmationDto([property: Id(0)] string BankReference, [property: Id(1)] string BookingDate);
