using NodaTime;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Serialization;

// The core's value types cross grain calls as themselves: Orleans learns them through a surrogate and a converter per
// type, kept here in the grain ring, so the core (src/Core) carries no Orleans attribute and no grain contract needs to
// turn money into a string of cents or a date into ISO text and back again.

/// <summary>The wire form of <see cref="Money"/>: its cents.</summary>
/// <param name="Cents">The amount in cents.</param>
[GenerateSerializer, Immutable]
public readonly record struct MoneySurrogate([property: Id(0)] long Cents);

/// <summary>Turns <see cref="Money"/> into <see cref="MoneySurrogate"/> and back.</summary>
[RegisterConverter]
public sealed class MoneySurrogateConverter : IConverter<Money, MoneySurrogate>
{
    /// <inheritdoc />
    public Money ConvertFromSurrogate(in MoneySurrogate surrogate) => new(surrogate.Cents);

    /// <inheritdoc />
    public MoneySurrogate ConvertToSurrogate(in Money value) => new(value.Cents);
}

/// <summary>The wire form of <see cref="AccountId"/>: its text, parsed again on arrival so only valid ids exist.</summary>
/// <param name="Value">The account id's text; null for the default (empty) id.</param>
[GenerateSerializer, Immutable]
public readonly record struct AccountIdSurrogate([property: Id(0)] string? Value);

/// <summary>Turns <see cref="AccountId"/> into <see cref="AccountIdSurrogate"/> and back.</summary>
[RegisterConverter]
public sealed class AccountIdSurrogateConverter : IConverter<AccountId, AccountIdSurrogate>
{
    /// <inheritdoc />
    public AccountId ConvertFromSurrogate(in AccountIdSurrogate surrogate) => surrogate.Value is null ? default : AccountId.Parse(surrogate.Value);

    /// <inheritdoc />
    public AccountIdSurrogate ConvertToSurrogate(in AccountId value) => new(value.Value);
}

/// <summary>The wire form of a <see cref="LocalDate"/>: its days since 1970-01-01 in the ISO calendar.</summary>
/// <param name="EpochDay">Days since the Unix epoch.</param>
[GenerateSerializer, Immutable]
public readonly record struct LocalDateSurrogate([property: Id(0)] int EpochDay);

/// <summary>Turns <see cref="LocalDate"/> into <see cref="LocalDateSurrogate"/> and back (ISO calendar only, as the service uses).</summary>
[RegisterConverter]
public sealed class LocalDateSurrogateConverter : IConverter<LocalDate, LocalDateSurrogate>
{
    private static readonly LocalDate Epoch = new(1970, 1, 1);

    /// <inheritdoc />
    public LocalDate ConvertFromSurrogate(in LocalDateSurrogate surrogate) => Epoch.PlusDays(surrogate.EpochDay);

    /// <inheritdoc />
    public LocalDateSurrogate ConvertToSurrogate(in LocalDate value)
    {
        if (value.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException($"Only ISO dates cross grain calls; got {value.Calendar.Id}.", nameof(value));
        }
        return new(Period.Between(Epoch, value, PeriodUnits.Days).Days);
    }
}

/// <summary>The wire form of an <see cref="Instant"/>: nanoseconds since the Unix epoch, split to keep the full range.</summary>
/// <param name="Days">Whole days since the epoch.</param>
/// <param name="NanoOfDay">Nanoseconds into that day.</param>
[GenerateSerializer, Immutable]
public readonly record struct InstantSurrogate([property: Id(0)] int Days, [property: Id(1)] long NanoOfDay);

/// <summary>Turns <see cref="Instant"/> into <see cref="InstantSurrogate"/> and back, losslessly.</summary>
[RegisterConverter]
public sealed class InstantSurrogateConverter : IConverter<Instant, InstantSurrogate>
{
    /// <inheritdoc />
    public Instant ConvertFromSurrogate(in InstantSurrogate surrogate) => Instant.FromUnixTimeTicks(0) + Duration.FromDays(surrogate.Days) + Duration.FromNanoseconds(surrogate.NanoOfDay);

    /// <inheritdoc />
    public InstantSurrogate ConvertToSurrogate(in Instant value)
    {
        var since = value - Instant.FromUnixTimeTicks(0);
        return new(since.Days, since.NanosecondOfDay);
    }
}
