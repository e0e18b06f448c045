namespace PvoFinance.Regions;

/// <summary>
/// How one PVO is organised and staffed: the facts the ministry compares across regions without forcing one model.
/// Quantities are exact integers: <see cref="ManagerFte"/> in hundredths of an FTE (50 = 0.50 FTE) and
/// <see cref="CcvAdviserDaysPerWeek"/> in tenths of a day (20 = 2.0 days). Null means "not known": the source gives
/// no figure. Empty text means "none" (an informal network has no chair).
/// </summary>
/// <param name="Form">Organisation form.</param>
/// <param name="Chair">Who chairs the board or administrative consultation; empty when there is none.</param>
/// <param name="AtTheTable">The parties taking part (police, OM, municipalities, province, business associations, ...).</param>
/// <param name="ManagerFte">The PVO-manager's time in hundredths of an FTE, 0..500; null when unknown.</param>
/// <param name="ManagerProvidedBy">Who provides (pays or seconds) the PVO-manager; empty when nobody does.</param>
/// <param name="CcvAdviserDaysPerWeek">Days per week of the CCV adviser, in tenths, 0..50; null when unknown.</param>
/// <param name="Notes">Free text, e.g. sources and caveats.</param>
public sealed record RegionProfile(
    OrganisationForm Form,
    string Chair,
    IReadOnlyList<string> AtTheTable,
    int? ManagerFte,
    string ManagerProvidedBy,
    int? CcvAdviserDaysPerWeek,
    string Notes)
{
    /// <summary>Most hundredths of an FTE: 5.00 FTE.</summary>
    public const int MaxManagerFte = 500;

    /// <summary>Most tenths of a day per week: 5.0 days.</summary>
    public const int MaxCcvAdviserDays = 50;

    /// <summary>Most participants at the table.</summary>
    public const int MaxParticipants = 30;

    /// <summary>Longest participant name.</summary>
    public const int MaxParticipantChars = 100;

    /// <summary>Longest free text (chair, provider, notes).</summary>
    public const int MaxTextChars = 500;

    /// <summary>The first problem with this profile, or null when it is valid. Field names are as a client sends them.</summary>
    public RegionProblem? Validate()
    {
        if (!Enum.IsDefined(Form))
        {
            return new("form", $"form must be one of {string.Join(", ", Enum.GetNames<OrganisationForm>())}.");
        }
        if (CheckText("chair", Chair, MaxTextChars, allowNewlines: false) is { } chair)
        {
            return chair;
        }
        if (AtTheTable is null)
        {
            return new("atTheTable", "atTheTable is required (an empty list when nobody is named).");
        }
        if (AtTheTable.Count > MaxParticipants)
        {
            return new("atTheTable", $"At most {MaxParticipants} participants; got {AtTheTable.Count}.");
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < AtTheTable.Count; i++)
        {
            var field = $"atTheTable[{i}]";
            var name = AtTheTable[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                return new(field, "A participant needs a name.");
            }
            if (CheckText(field, name, MaxParticipantChars, allowNewlines: false) is { } bad)
            {
                return bad;
            }
            if (!seen.Add(name))
            {
                return new(field, $"'{name}' is already at the table.");
            }
        }
        if (ManagerFte is < 0 or > MaxManagerFte)
        {
            return new("managerFte", $"managerFte must be between 0.00 and {FixedPoint.Format(MaxManagerFte, 2)} FTE.");
        }
        if (CheckText("managerProvidedBy", ManagerProvidedBy, MaxTextChars, allowNewlines: false) is { } provider)
        {
            return provider;
        }
        if (CcvAdviserDaysPerWeek is < 0 or > MaxCcvAdviserDays)
        {
            return new("ccvAdviserDaysPerWeek", $"ccvAdviserDaysPerWeek must be between 0.0 and {FixedPoint.Format(MaxCcvAdviserDays, 1)} days.");
        }
        return CheckText("notes", Notes, MaxTextChars, allowNewlines: true);
    }

    /// <inheritdoc />
    public bool Equals(RegionProfile? other) =>
        other is not null
        && Form == other.Form
        && Chair == other.Chair
        && AtTheTable.SequenceEqual(other.AtTheTable, StringComparer.Ordinal)
        && ManagerFte == other.ManagerFte
        && ManagerProvidedBy == other.ManagerProvidedBy
        && CcvAdviserDaysPerWeek == other.CcvAdviserDaysPerWeek
        && Notes == other.Notes;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Form);
        hash.Add(Chair);
        foreach (var p in AtTheTable)
        {
            hash.Add(p);
        }
        hash.Add(ManagerFte);
        hash.Add(ManagerProvidedBy);
        hash.Add(CcvAdviserDaysPerWeek);
        hash.Add(Notes);
        return hash.ToHashCode();
    }

    private static RegionProblem? CheckText(string field, string? text, int max, bool allowNewlines)
    {
        if (text is null)
        {
            return new(field, $"{field} is required (an empty string when there is none).");
        }
        if (text.Length > max)
        {
            return new(field, $"{field} has {text.Length} characters; at most {max}.");
        }
        if (text.Any(c => char.IsControl(c) && !(allowNewlines && c is '\n' or '\r' or '\t')))
        {
            return new(field, $"{field} contains control characters.");
        }
        return null;
    }
}
