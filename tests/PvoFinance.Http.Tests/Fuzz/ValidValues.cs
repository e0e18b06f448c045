using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PvoFinance.Http.Tests.Fuzz;

/// <summary>
/// Values a well-meaning client would send for a named field when the schema does not say enough (no
/// <c>example</c>, <c>enum</c>, <c>format</c> or <c>pattern</c>): ids that exist in the fuzzer's world, amounts as
/// exact decimal strings, ISO dates. Keyed by field or parameter name only, never by operation.
/// </summary>
public sealed class FuzzHints
{
    /// <summary>How many fresh ids the fuzzer uses: a bounded pool, so successful creations stop growing the state.</summary>
    public const int FreshIds = 24;

    private readonly Dictionary<string, string[]> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>This year, the year every valid body is about.</summary>
    public required int Year { get; init; }

    /// <summary>Today, ISO.</summary>
    public required string Today { get; init; }

    /// <summary>Values for a field or parameter of this name (case-insensitive), e.g. <c>region</c> → the world's regions.</summary>
    public string[] this[string name]
    {
        get => _values.TryGetValue(name, out var v) ? v : [];
        set => _values[name] = value;
    }

    /// <summary>A value for a string field called <paramref name="name"/>, or null when the name says nothing.</summary>
    public string? String(string name, Random random)
    {
        if (_values.TryGetValue(name, out var known) && known.Length > 0)
        {
            return known[random.Next(known.Length)];
        }
        var n = name.ToLowerInvariant();
        if (n.Contains("date", StringComparison.Ordinal) || n is "due" or "asof" or "knownat" || n.EndsWith("due", StringComparison.Ordinal))
        {
            return Date(random.Next(1, 200));
        }
        if (n.Contains("amount", StringComparison.Ordinal) || n.Contains("ceiling", StringComparison.Ordinal) || n.Contains("requested", StringComparison.Ordinal)
            || n.Contains("cost", StringComparison.Ordinal) || n.Contains("budget", StringComparison.Ordinal))
        {
            return $"{random.Next(1, 50) * 100}.00";
        }
        if (n == "id" || n.EndsWith("id", StringComparison.Ordinal) || n.EndsWith("key", StringComparison.Ordinal) || n == "reference")
        {
            return FreshId(random);
        }
        return null;
    }

    /// <summary>A value for an integer field called <paramref name="name"/>.</summary>
    public long Integer(string name, Random random) => name.ToLowerInvariant() switch
    {
        "year" or "from" => Year,
        "years" => random.Next(1, 6),
        "limit" => random.Next(1, 50),
        "after" => 0,
        "version" => 1,
        "withindays" or "duewithindays" => 30,
        var n when n.Contains("inhabitant", StringComparison.Ordinal) => random.Next(1_000, 100_000),
        _ => random.Next(1, 10),
    };

    /// <summary>One of the bounded pool of fresh ids.</summary>
    public static string FreshId(Random random) => $"fz-{random.Next(FreshIds)}";

    /// <summary>Today plus <paramref name="days"/>, ISO.</summary>
    public string Date(int days) =>
        DateOnly.ParseExact(Today, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Builds a valid value for a schema: its <c>example</c> when it has one, else an <c>enum</c> member, else by type
/// with <c>format</c>, <c>pattern</c>, <c>minimum</c>/<c>maximum</c> and <see cref="FuzzHints"/> for what the
/// schema leaves open. Remembers each object's schema, so a mutation can drop a field the schema requires.
/// </summary>
public sealed class ValidValues(OpenApiOperations document, FuzzHints hints, Random random)
{
    private const int MaxDepth = 12;

    /// <summary>The schema each built object came from (by reference).</summary>
    public Dictionary<JsonNode, JsonElement> Schemas { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>A value for <paramref name="schema"/>, for a field called <paramref name="name"/>; null only where nothing fits.</summary>
    public JsonNode? Build(JsonElement schema, string name, int depth = 0)
    {
        var s = document.Resolve(schema);
        if (s.ValueKind != JsonValueKind.Object)
        {
            return JsonValue.Create(hints.String(name, random) ?? "fuzz");
        }
        if (Example(s) is { } example)
        {
            Overlay(example, name);
            Remember(example, s);
            return example;
        }
        if (s.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var pick = choices[random.Next(choices.GetArrayLength())];
            return pick.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(pick.GetRawText());
        }
        var types = OpenApiOperations.Types(s);
        var type = types.Contains("object") ? "object"
            : types.Contains("array") ? "array"
            : types.Contains("integer") ? "integer"
            : types.Contains("number") ? "number"
            : types.Contains("boolean") ? "boolean"
            : "string";
        switch (type)
        {
            case "object":
                var obj = new JsonObject();
                Schemas[obj] = s;
                if (depth >= MaxDepth)
                {
                    return obj;
                }
                var required = OpenApiOperations.Required(s);
                if (s.TryGetProperty("properties", out var properties))
                {
                    foreach (var p in properties.EnumerateObject())
                    {
                        // Required fields always, optional ones half the time: both shapes are valid. A required field
                        // that may be null is optional in effect (.NET lists nullable members as required).
                        if ((required.Contains(p.Name) && !Nullable(p.Value)) || random.Next(2) == 0)
                        {
                            obj[p.Name] = Build(p.Value, p.Name, depth + 1);
                        }
                    }
                }
                if (s.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.Object)
                {
                    // A map (e.g. amounts per year): keys as the hints name them, else this year.
                    var keys = hints[name + "Key"];
                    var key = keys.Length > 0 ? keys[random.Next(keys.Length)] : hints.Year.ToString(CultureInfo.InvariantCulture);
                    obj[key] = Build(extra, name, depth + 1);
                }
                return obj;
            case "array":
                var array = new JsonArray();
                var count = s.TryGetProperty("minItems", out var min) && min.TryGetInt32(out var m) ? Math.Max(m, 1) : random.Next(1, 3);
                for (var i = 0; i < count && depth < MaxDepth; i++)
                {
                    array.Add(s.TryGetProperty("items", out var items) ? Build(items, Singular(name), depth + 1) : JsonValue.Create("fuzz"));
                }
                return array;
            case "integer":
                var value = hints.Integer(name, random);
                if (s.TryGetProperty("minimum", out var lo) && lo.TryGetInt64(out var l) && value < l)
                {
                    value = l;
                }
                if (s.TryGetProperty("maximum", out var hi) && hi.TryGetInt64(out var h) && value > h)
                {
                    value = h;
                }
                return JsonValue.Create(value);
            case "number":
                return JsonValue.Create(1.5m);
            case "boolean":
                return JsonValue.Create(true);
            default:
                return JsonValue.Create(String(s, name));
        }
    }

    private string String(JsonElement schema, string name)
    {
        var format = OpenApiOperations.Keyword(schema, "format");
        if (format == "date")
        {
            return hints.Date(random.Next(1, 200));
        }
        if (format == "date-time")
        {
            return hints.Date(random.Next(1, 200)) + "T10:00:00Z";
        }
        var hinted = hints.String(name, random);
        if (OpenApiOperations.Keyword(schema, "pattern") is { } pattern)
        {
            // The hint when it fits the pattern, else the first of a few everyday shapes that does.
            var regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            var candidates = new[]
            {
                hinted, "1000.00", "0.25", "10", hints.Date(30), hints.Year.ToString(CultureInfo.InvariantCulture), FuzzHints.FreshId(random),
                "fuzz", "Fuzz", "GM0482", "a",
            };
            return candidates.FirstOrDefault(c => c is not null && regex.IsMatch(c)) ?? hinted ?? "fuzz";
        }
        if (hinted is not null)
        {
            return hinted;
        }
        var text = $"Fuzz {name} {random.Next(1000)}";
        return schema.TryGetProperty("maxLength", out var max) && max.TryGetInt32(out var x) && x < text.Length ? text[..Math.Max(x, 1)] : text;
    }

    /// <summary>
    /// Replaces the ids in a document's example by ids of the fuzzer's world (an example names things that exist where it
    /// was written, not here); amounts, dates and text stay as the example has them.
    /// </summary>
    private void Overlay(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        && (hints[key].Length > 0 || key == "id" || key.EndsWith("Id", StringComparison.Ordinal)))
                    {
                        obj[key] = hints.String(key, random);
                    }
                    else
                    {
                        Overlay(obj[key], key);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String && hints[Singular(name)].Length > 0)
                    {
                        array[i] = hints.String(Singular(name), random);
                    }
                    else
                    {
                        Overlay(array[i], Singular(name));
                    }
                }
                break;
        }
    }

    /// <summary>True when the schema lets the value be null (<c>type</c> lists <c>null</c>, or a <c>oneOf</c> offers it).</summary>
    private static bool Nullable(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        if (schema.TryGetProperty("type", out var type))
        {
            return type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => t.GetString() == "null") : type.GetString() == "null";
        }
        return schema.TryGetProperty("oneOf", out var choices) && choices.ValueKind == JsonValueKind.Array
            && choices.EnumerateArray().Any(c => c.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null");
    }

    private void Remember(JsonNode node, JsonElement schema)
    {
        if (node is JsonObject obj)
        {
            Schemas[obj] = schema;
        }
    }

    private static JsonNode? Example(JsonElement schema)
    {
        if (schema.TryGetProperty("example", out var example))
        {
            return JsonNode.Parse(example.GetRawText());
        }
        return schema.TryGetProperty("examples", out var examples) && examples.ValueKind == JsonValueKind.Array && examples.GetArrayLength() > 0
            ? JsonNode.Parse(examples[0].GetRawText())
            : null;
    }

    /// <summary>The name of one item of a list field: <c>advances</c> → <c>advance</c>, so hints for items can be named.</summary>
    private static string Singular(string name) => name.EndsWith('s') && name.Length > 1 ? name[..^1] : name;
}
