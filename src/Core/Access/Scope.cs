namespace PvoFinance.Access;

/// <summary>What a thing belongs to, or how far a user reaches: the whole country, one province, or one region.</summary>
public sealed record Scope
{
    private Scope(ScopeLevel level, string? name)
    {
        Level = level;
        Name = name;
    }

    /// <summary>The level.</summary>
    public ScopeLevel Level { get; }

    /// <summary>The province's name or the region's id; null for national.</summary>
    public string? Name { get; }

    /// <summary>The whole country.</summary>
    public static Scope National { get; } = new(ScopeLevel.National, null);

    /// <summary>One province, by its CBS name (e.g. <c>Limburg</c>, <c>Fryslân</c>).</summary>
    public static Scope Province(string name) => new(ScopeLevel.Province, name);

    /// <summary>One region, by its id (e.g. <c>limburg</c>).</summary>
    public static Scope Region(string id) => new(ScopeLevel.Region, id);

    /// <summary>Text form: <c>national</c>, <c>province:Limburg</c>, <c>region:limburg</c>.</summary>
    public override string ToString() => Level switch
    {
        ScopeLevel.National => "national",
        ScopeLevel.Province => $"province:{Name}",
        _ => $"region:{Name}",
    };

    /// <summary>Parses the text form.</summary>
    public static bool TryParse(string? text, out Scope scope)
    {
        scope = National;
        if (text == "national")
        {
            return true;
        }
        if (text?.StartsWith("province:", StringComparison.Ordinal) == true && text.Length > 9)
        {
            scope = Province(text[9..]);
            return true;
        }
        if (text?.StartsWith("region:", StringComparison.Ordinal) == true && text.Length > 7)
        {
            scope = Region(text[7..]);
            return true;
        }
        return false;
    }
}

/// <summary>How wide a scope is.</summary>
public enum ScopeLevel
{
    /// <summary>The country.</summary>
    National,
    /// <summary>A province.</summary>
    Province,
    /// <summary>A region (one PVO).</summary>
    Region,
}
