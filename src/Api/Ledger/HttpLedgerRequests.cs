using Microsoft.AspNetCore.Http;
using NodaTime.Text;
using PvoFinance.Api.Problems;
using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;

namespace PvoFinance.Api.Ledger;

/// <summary>Turns HTTP bodies into grain requests; every malformed field becomes a 400 naming that field.</summary>
public static class HttpLedgerRequests
{
    private static readonly Dictionary<string, LedgerRequestKind> Kinds = new(StringComparer.Ordinal)
    {
        ["post"] = LedgerRequestKind.Post,
        ["reserve"] = LedgerRequestKind.Reserve,
        ["post-reservation"] = LedgerRequestKind.PostReservation,
        ["void-reservation"] = LedgerRequestKind.VoidReservation,
        ["reverse"] = LedgerRequestKind.Reverse,
    };

    /// <summary>Builds a <see cref="LedgerRequest"/> or the problem that explains why not.</summary>
    public static (LedgerRequest? Request, IResult? Problem) ToRequest(EntryBody? body, string? headerKey)
    {
        if (body is null)
        {
            return (null, ApiProblems.Invalid("body", "A JSON body is required."));
        }
        if (body.Kind is null || !Kinds.TryGetValue(body.Kind, out var kind))
        {
            return (null, ApiProblems.Invalid("kind", $"kind must be one of: {string.Join(", ", Kinds.Keys)}."));
        }
        var key = body.Key ?? headerKey;
        if (string.IsNullOrEmpty(key))
        {
            return (null, ApiProblems.Invalid("key", "An idempotency key is required (field 'key' or header 'Idempotency-Key')."));
        }
        if (body.Key is not null && headerKey is not null && body.Key != headerKey)
        {
            return (null, ApiProblems.Invalid("key", "The body's key and the Idempotency-Key header differ."));
        }
        if (string.IsNullOrEmpty(body.ValueDate))
        {
            return (null, ApiProblems.Invalid("valueDate", "valueDate is required (ISO date, e.g. 2026-11-23)."));
        }
        var postings = new List<Posting>();
        if (kind is LedgerRequestKind.Post or LedgerRequestKind.Reserve)
        {
            if (body.Postings is null || body.Postings.Count is < 2 or > LedgerLimits.MaxPostingsPerEntry)
            {
                return (null, ApiProblems.Invalid("postings", $"An entry needs 2..{LedgerLimits.MaxPostingsPerEntry} postings."));
            }
            for (var i = 0; i < body.Postings.Count; i++)
            {
                var p = body.Postings[i];
                if (p is null)
                {
                    return (null, ApiProblems.Invalid($"postings[{i}]", "A posting is missing."));
                }
                if (!AccountId.TryParse(p.Account, out var account, out var accountError))
                {
                    return (null, ApiProblems.Invalid($"postings[{i}].account", accountError!));
                }
                if (!Money.TryParse(p.Amount, out var amount, out var amountError))
                {
                    return (null, ApiProblems.Invalid($"postings[{i}].amount", amountError!));
                }
                postings.Add(new Posting(account, amount));
            }
        }
        Money? reservationAmount = null;
        if (body.Amount is not null)
        {
            if (!Money.TryParse(body.Amount, out var amount, out var amountError))
            {
                return (null, ApiProblems.Invalid("amount", amountError!));
            }
            reservationAmount = amount;
        }
        // Checked last, as the grain did before requests carried a date: a body with several faults names the same field as then.
        var valueDate = LocalDatePattern.Iso.Parse(body.ValueDate);
        if (!valueDate.Success)
        {
            return (null, ApiProblems.Invalid("valueDate", "The value date must be an ISO date like 2026-11-23."));
        }
        return (new LedgerRequest
        {
            Kind = kind,
            Key = key,
            ValueDate = valueDate.Value,
            Postings = postings,
            ReservationKey = body.ReservationKey,
            EntryKey = body.EntryKey,
            Amount = reservationAmount,
            Memo = body.Memo,
        }, null);
    }

    /// <summary>Builds a <see cref="TransferRequest"/> or the problem that explains why not.</summary>
    public static (TransferRequest? Request, IResult? Problem) ToRequest(TransferBody? body)
    {
        if (body is null)
        {
            return (null, ApiProblems.Invalid("body", "A JSON body is required."));
        }
        if (!Money.TryParse(body.Amount, out var amount, out var amountError))
        {
            return (null, ApiProblems.Invalid("amount", amountError!));
        }
        if (amount.Cents <= 0)
        {
            return (null, ApiProblems.Invalid("amount", "A transfer amount must be positive."));
        }
        foreach (var (field, value) in new[] { ("fromJournal", body.FromJournal), ("toJournal", body.ToJournal), ("debitAccount", body.DebitAccount), ("creditAccount", body.CreditAccount), ("valueDate", body.ValueDate) })
        {
            if (string.IsNullOrEmpty(value))
            {
                return (null, ApiProblems.Invalid(field, $"{field} is required."));
            }
        }
        return (new TransferRequest
        {
            FromJournal = body.FromJournal!,
            DebitAccount = body.DebitAccount!,
            ToJournal = body.ToJournal!,
            CreditAccount = body.CreditAccount!,
            Cents = amount.Cents,
            ValueDate = body.ValueDate!,
            Memo = body.Memo,
        }, null);
    }
}
