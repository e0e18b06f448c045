using NodaTime;

namespace PvoFinance.Banking;

/// <summary>
/// One payment batch: its lines, when the file was made, and which lines the bank has confirmed. Plain C#, so the grain
/// that stores it only keeps what this decides. Confirmations are keyed by the bank's own entry reference, so reading the
/// same statement twice confirms nothing twice.
/// </summary>
public sealed class PaymentBatch
{
    private readonly Dictionary<int, PaymentConfirmation> _confirmed = [];

    private PaymentBatch(long number, Instant createdAt, LocalDate executionDate, IReadOnlyList<PaymentLine> lines)
    {
        Number = number;
        CreatedAt = createdAt;
        ExecutionDate = executionDate;
        Lines = lines;
    }

    /// <summary>The batch number (1–<see cref="EndToEndId.MaxBatchNumber"/>).</summary>
    public long Number { get; }

    /// <summary>When the file was made (the file's <c>CreDtTm</c>); stored, so the file is the same every time it is downloaded.</summary>
    public Instant CreatedAt { get; }

    /// <summary>The requested execution date (<c>ReqdExctnDt</c>).</summary>
    public LocalDate ExecutionDate { get; }

    /// <summary>The payments, numbered 1..n.</summary>
    public IReadOnlyList<PaymentLine> Lines { get; }

    /// <summary>True once cancelled.</summary>
    public bool IsCancelled { get; private set; }

    /// <summary>The confirmations so far, by line.</summary>
    public IReadOnlyDictionary<int, PaymentConfirmation> Confirmations => _confirmed;

    /// <summary>The sum of all lines (the file's <c>CtrlSum</c>).</summary>
    public Money Total => Lines.Aggregate(Money.Zero, (sum, line) => sum + line.Amount);

    /// <summary>Where the batch stands.</summary>
    public PaymentBatchState State => IsCancelled ? PaymentBatchState.Cancelled
        : _confirmed.Count == 0 ? PaymentBatchState.Open
        : _confirmed.Count == Lines.Count ? PaymentBatchState.Confirmed
        : PaymentBatchState.PartlyConfirmed;

    /// <summary>The <see cref="EndToEndId"/> of a line.</summary>
    public EndToEndId EndToEndIdOf(PaymentLine line) => EndToEndId.For(Number, line.Line);

    /// <summary>
    /// A new batch, or the field at fault: 1..<see cref="PaymentBatchLimits.MaxPayments"/> lines numbered 1..n, each a
    /// positive amount for a distinct item.
    /// </summary>
    public static (PaymentBatch? Batch, string? Field, string? Reason) Create(long number, Instant createdAt, LocalDate executionDate, IReadOnlyList<PaymentLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (number is < 1 or > EndToEndId.MaxBatchNumber)
        {
            return (null, "number", $"A batch number is 1 to {EndToEndId.MaxBatchNumber}.");
        }
        if (lines.Count is 0 or > PaymentBatchLimits.MaxPayments)
        {
            return (null, "payments", $"A batch has 1 to {PaymentBatchLimits.MaxPayments} payments; got {lines.Count}.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Line != i + 1)
            {
                return (null, $"payments[{i}].line", $"Lines are numbered 1..n in order; expected {i + 1}.");
            }
            if (line.Amount.Cents <= 0)
            {
                return (null, $"payments[{i}].amount", "A payment is a positive amount.");
            }
            if (string.IsNullOrWhiteSpace(line.ItemKey) || !seen.Add(line.ItemKey))
            {
                return (null, $"payments[{i}].item", $"Each payment pays a distinct item; '{line.ItemKey}' is empty or twice.");
            }
            if (line.ItemKey.Length > PaymentBatchLimits.MaxItemKeyLength)
            {
                return (null, $"payments[{i}].item", $"An item key has at most {PaymentBatchLimits.MaxItemKeyLength} characters.");
            }
        }
        return (new PaymentBatch(number, createdAt, executionDate, lines), null, null);
    }

    /// <summary>Restores a stored batch.</summary>
    public static PaymentBatch Load(long number, Instant createdAt, LocalDate executionDate, IReadOnlyList<PaymentLine> lines, bool cancelled, IEnumerable<PaymentConfirmation> confirmations)
    {
        ArgumentNullException.ThrowIfNull(confirmations);
        var batch = new PaymentBatch(number, createdAt, executionDate, lines) { IsCancelled = cancelled };
        foreach (var confirmation in confirmations)
        {
            batch._confirmed[confirmation.Line] = confirmation;
        }
        return batch;
    }

    /// <summary>
    /// Confirms the payment of <paramref name="id"/> from the bank statement. Idempotent by the bank's entry reference:
    /// the same confirmation again is <see cref="ConfirmOutcome.AlreadyConfirmed"/>; another reference for a confirmed
    /// line is a conflict (the bank debited twice, or the wrong line was matched), never a second payment.
    /// </summary>
    public ConfirmOutcome Confirm(EndToEndId id, string bankReference, LocalDate bookingDate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bankReference);
        if (id.BatchNumber != Number || id.Line < 1 || id.Line > Lines.Count)
        {
            return ConfirmOutcome.UnknownPayment;
        }
        if (_confirmed.TryGetValue(id.Line, out var existing))
        {
            return existing.BankReference == bankReference ? ConfirmOutcome.AlreadyConfirmed : ConfirmOutcome.ConfirmedByOtherEntry;
        }
        if (IsCancelled)
        {
            return ConfirmOutcome.BatchCancelled;
        }
        _confirmed[id.Line] = new PaymentConfirmation(id.Line, bankReference, bookingDate);
        return ConfirmOutcome.Confirmed;
    }

    /// <summary>Cancels the batch; only while nothing is confirmed (money the bank paid cannot be un-sent). True when it changed.</summary>
    public (bool Cancelled, string? Reason) Cancel()
    {
        if (IsCancelled)
        {
            return (false, null);
        }
        if (_confirmed.Count > 0)
        {
            return (false, $"{_confirmed.Count} of {Lines.Count} payments are already confirmed by the bank; a batch is cancelled only before that.");
        }
        IsCancelled = true;
        return (true, null);
    }
}
