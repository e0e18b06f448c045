using PvoFinance.Access;
using PvoFinance.Ledger;
using PvoFinance.Regions;

namespace PvoFinance.Funding;

/// <summary>
/// The money rules of a funding source, as <c>ApplicationWorkflow</c> holds those of an application: each command is
/// decided from the source's definition and the facts the grain read (what was made before under the same id, running
/// totals) into the ledger entries to make, or a <see cref="FundingRefusal"/>. Nothing here does I/O, so every rule is
/// tested in microseconds; the grain only reads the facts, asks the ledger and stores the outcome.
/// </summary>
public static partial class FundingSourceAggregate
{
    /// <summary>Years a budget can be kept for.</summary>
    public const int FirstYear = 2000, LastYear = 2100;

    /// <summary>Most years one commitment may span.</summary>
    public const int MaxCommitmentYears = 10;

    /// <summary>Characters of a caller's id (commitment, payment, receipt, …).</summary>
    public const int MaxKeyChars = 100;

    /// <summary>
    /// Whether <paramref name="candidate"/> (read from a request naming <paramref name="candidateId"/>, or the field that
    /// could not be read) may be created under <paramref name="addressId"/>: refused when invalid or when another source already has the id; accepted with
    /// true when <paramref name="existing"/> is the same (a harmless retry), with false when it is new.
    /// </summary>
    public static FundingDecision<Created> DecideCreate(string addressId, string candidateId, FundingSourceDefinition? candidate, FieldError? unreadable,
        FundingSourceDefinition? existing, RegionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (candidateId != addressId)
        {
            return FundingRefusal.Invalid("id", "The id in the body differs from the id in the address.");
        }
        if (Check(candidate, unreadable, catalog) is { } invalid)
        {
            return invalid;
        }
        if (existing is not null)
        {
            // Creating again with the same content is a harmless retry; anything else is a conflict.
            return SameDefinition(existing, candidate!)
                ? new Created(candidate!, AlreadyExists: true)
                : new FundingRefusal(FundingRefusalCode.Conflict, "id", $"A funding source '{addressId}' already exists.");
        }
        return new Created(candidate!, AlreadyExists: false);
    }

    /// <summary>
    /// Whether <paramref name="existing"/> may become <paramref name="candidate"/> (read from a request naming
    /// <paramref name="candidateId"/>, <paramref name="candidateKind"/> and <paramref name="candidateOwner"/>, or the field
    /// that could not be read): kind and owner never change.
    /// </summary>
    public static FundingDecision<FundingSourceDefinition> DecideUpdate(string addressId, FundingSourceDefinition? existing, string candidateId,
        string candidateKind, string candidateOwner, FundingSourceDefinition? candidate, FieldError? unreadable, RegionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (existing is null)
        {
            return NotFound(addressId);
        }
        if (candidateId != addressId)
        {
            return FundingRefusal.Invalid("id", "The id in the body differs from the id in the address.");
        }
        if (candidateKind != existing.Kind.ToString())
        {
            return FundingRefusal.Invalid("kind", "The kind of a funding source cannot change; create a new source.");
        }
        if (candidateOwner != existing.Owner.ToString())
        {
            return FundingRefusal.Invalid("owner", "The owner of a funding source cannot change; create a new source.");
        }
        return Check(candidate, unreadable, catalog) is { } invalid ? invalid : candidate!;
    }

    /// <summary>
    /// Whether a year's ceiling may be set to <paramref name="ceilingCents"/>; when it may, the entry that moves the
    /// appropriation from <paramref name="currentCents"/> (null: nothing to book, the ceiling is already there). The key
    /// carries the journal's <paramref name="journalVersion"/>: "from X to Y" alone repeats when a ceiling goes back and
    /// forth (100 → 30 → 100 → 30), and the ledger would then replay the earlier entry instead of moving the ceiling.
    /// </summary>
    public static FundingDecision<CeilingPlan> DecideCeiling(FundingSourceDefinition? d, string sourceId, int year, long ceilingCents, long currentCents, long journalVersion)
    {
        if (d is null)
        {
            return NotFound(sourceId);
        }
        if (d.Kind is not (FundingSourceKind.NationalScheme or FundingSourceKind.ProvincialFund))
        {
            return FundingRefusal.Invalid("ceiling", "Only national schemes and provincial funds have a ceiling; the other kinds grow with what they invoice or receive.");
        }
        if (YearError(year) is { } bad)
        {
            return bad;
        }
        if (ceilingCents is < 0 or > Money.MaxCents)
        {
            return FundingRefusal.Invalid("ceiling", "A ceiling is zero or more.");
        }
        var delta = ceilingCents - currentCents;
        return new CeilingPlan(delta == 0 ? null : new FundingPosting(year, $"ceiling:{journalVersion}:{currentCents}:{ceilingCents}",
            Trim($"Ceiling {year}: {new Money(currentCents)} -> {new Money(ceilingCents)}")!,
            [new(FundingAccounts.Appropriation(sourceId, year), delta), new(FundingAccounts.Budget(sourceId, year), -delta)], ceilingCents));
    }

    /// <summary>
    /// Whether a commitment may be made: the source commits to regions, the id and amounts are sound, and the id was not
    /// used with other content (<paramref name="made"/>: the commitment made under it, <paramref name="pending"/>: one
    /// being made). <paramref name="count"/> is how many commitments the source holds, those being made included.
    /// Whether each year's budget carries it is the ledger's to say (all years or none).
    /// </summary>
    public static FundingDecision<CommitPlan> DecideCommit(FundingSourceDefinition? d, string sourceId, Commitment asked, Commitment? made,
        Commitment? pending, long count, RegionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(catalog);
        if (d is null)
        {
            return NotFound(sourceId);
        }
        if (d.Kind is not (FundingSourceKind.NationalScheme or FundingSourceKind.ProvincialFund))
        {
            return FundingRefusal.Invalid("kind", "Only national schemes and provincial funds commit money to regions.");
        }
        if (KeyError("commitmentId", asked.Id) is { } badKey)
        {
            return badKey;
        }
        if (!catalog.IsRegion(asked.Region))
        {
            return FundingRefusal.Invalid("region", $"'{asked.Region}' is not one of the ten regions.");
        }
        if (d.Owner.Level == ScopeLevel.Province && !catalog.ProvincesOf(asked.Region).Contains(d.Owner.Name!))
        {
            return FundingRefusal.Invalid("region", $"Region '{asked.Region}' has no municipality in {d.Owner.Name}; a provincial fund commits to regions in its province.");
        }
        if (asked.Purpose is { Length: > FundingSourceLimits.MaxPurposeChars })
        {
            return FundingRefusal.Invalid("purpose", $"A purpose has at most {FundingSourceLimits.MaxPurposeChars} characters.");
        }
        if (asked.Amounts.Count is 0 or > MaxCommitmentYears)
        {
            return FundingRefusal.Invalid("amounts", $"A commitment covers 1..{MaxCommitmentYears} years.");
        }
        foreach (var (year, cents) in asked.Amounts)
        {
            if (YearError(year) is { } bad)
            {
                return bad with { Field = $"amounts.{year}" };
            }
            if (cents is <= 0 or > Money.MaxCents)
            {
                return FundingRefusal.Invalid($"amounts.{year}", "Each year's amount is positive.");
            }
        }
        var commitment = asked with { Amounts = new SortedDictionary<int, long>(asked.Amounts.ToDictionary()) };
        if (made is not null)
        {
            return made.SameContent(commitment)
                ? new CommitPlan(made, AlreadyMade: true)
                : new FundingRefusal(FundingRefusalCode.IdempotencyConflict, "commitmentId", $"Commitment '{asked.Id}' was made with other content.");
        }
        if (pending is not null && !pending.SameContent(commitment))
        {
            return new FundingRefusal(FundingRefusalCode.IdempotencyConflict, "commitmentId", $"Commitment '{asked.Id}' is being made with other content.");
        }
        if (pending is null && count >= FundingSourceLimits.MaxCommitments)
        {
            return new FundingRefusal(FundingRefusalCode.LimitExceeded, "commitmentId",
                $"Funding source '{sourceId}' keeps at most {FundingSourceLimits.MaxCommitments:N0} commitments; make further commitments from another source.");
        }
        return new CommitPlan(commitment, AlreadyMade: false);
    }

    /// <summary>
    /// The reservations that make <paramref name="c"/>, one per year (budget debited, the region's commitment account
    /// credited), keyed by the commitment and its <paramref name="attempt"/>: each attempt after a refusal books anew.
    /// </summary>
    public static IReadOnlyList<FundingPosting> Reservations(string sourceId, Commitment c, int attempt)
    {
        ArgumentNullException.ThrowIfNull(c);
        return [.. c.Amounts.OrderBy(a => a.Key).Select(a => new FundingPosting(a.Key, $"commit:{c.Id}:{attempt}", Trim(c.Purpose) ?? "",
            [new(FundingAccounts.Budget(sourceId, a.Key), a.Value), new(FundingAccounts.Commitment(sourceId, a.Key, c.Region), -a.Value)], a.Value))];
    }

    /// <summary>The refusal when a year's budget cannot carry a commitment, in the source's words.</summary>
    public static FundingRefusal BudgetCannotCarry(int year, string ledgerMessage) =>
        new(FundingRefusalCode.LimitExceeded, $"amounts.{year}", $"The {year} budget cannot carry this: {ledgerMessage}");

    /// <summary>The refusal for a source that does not exist.</summary>
    public static FundingRefusal NotFound(string sourceId) => new(FundingRefusalCode.NotFound, "id", $"No funding source '{sourceId}'.");

    /// <summary>True when two definitions are the same (lists compared by content).</summary>
    public static bool SameDefinition(FundingSourceDefinition a, FundingSourceDefinition b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a with { Themes = [], Participants = [] } == b with { Themes = [], Participants = [] }
            && a.Themes.SequenceEqual(b.Themes) && a.Participants.SequenceEqual(b.Participants);
    }

    private static FundingRefusal? Check(FundingSourceDefinition? candidate, FieldError? unreadable, RegionCatalog catalog)
    {
        if (candidate is null)
        {
            var error = unreadable ?? new FieldError("body", "A funding source is required.");
            return FundingRefusal.Invalid(error.Field, error.Reason);
        }
        return FundingValidation.Check(candidate, catalog) is { } invalid ? FundingRefusal.Invalid(invalid.Field, invalid.Reason) : null;
    }

    private static FundingRefusal? YearError(int year) =>
        year is < FirstYear or > LastYear ? FundingRefusal.Invalid("year", $"A budget year is between {FirstYear} and {LastYear}.") : null;

    private static FundingRefusal? KeyError(string field, string? key) =>
        string.IsNullOrEmpty(key) || key.Length > MaxKeyChars || key.Any(c => c is < '!' or > '~' or '/' or '\\' or '#' or '?' or ':')
            ? FundingRefusal.Invalid(field, $"{field} has 1..{MaxKeyChars} printable ASCII characters without spaces or / \\ # ? :.")
            : null;

    /// <summary>A memo cut to the ledger's maximum.</summary>
    public static string? Trim(string? memo) => memo is null ? null : memo.Length <= LedgerLimits.MaxMemoChars ? memo : memo[..LedgerLimits.MaxMemoChars];
}

/// <summary>A create command accepted.</summary>
/// <param name="Definition">The definition to store.</param>
/// <param name="AlreadyExists">True when the same source exists: nothing to store, answer as before.</param>
public sealed record Created(FundingSourceDefinition Definition, bool AlreadyExists);

/// <summary>A ceiling command accepted.</summary>
/// <param name="Posting">The entry moving the appropriation, or null when the ceiling is already there.</param>
public sealed record CeilingPlan(FundingPosting? Posting);
