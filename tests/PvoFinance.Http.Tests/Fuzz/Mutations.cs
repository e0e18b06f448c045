using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests.Fuzz;

/// <summary>What the fuzzer did to a valid request.</summary>
public enum Mutation
{
    /// <summary>Nothing: the valid request as built from the schema.</summary>
    Valid,
    WrongType,
    NullBody,
    NullValue,
    NullInArray,
    MissingRequired,
    DuplicateKey,
    UnknownField,
    HugeOrTinyNumber,
    NonAsciiDigits,
    LongString,
    DeepNesting,
    EmptyBody,
    InvalidUtf8,
    NotAnObject,
    Truncated,
    TextPlain,
    FormUrlEncoded,
    NoContentType,
    UnexpectedBody,
    PathParameter,
    QueryParameter,
}

/// <summary>A request body as bytes on the wire, its content type (null: no header) and the JSON path the mutation touched.</summary>
public sealed record WireBody(byte[]? Bytes, string? ContentType, string? Field);

/// <summary>
/// Turns a valid JSON body into a broken one. Every mutation but <see cref="Mutation.Valid"/> makes the request one
/// a strict service refuses; which ones the service really refuses is for the fuzzer to observe.
/// </summary>
public static class Mutations
{
    /// <summary>The longest string a mutation writes (100k characters).</summary>
    public const int LongStringLength = 100_000;

    /// <summary>How deep the deep-nesting mutation nests arrays.</summary>
    public const int NestingDepth = 10_000;

    /// <summary>The mutations of a JSON body.</summary>
    public static readonly Mutation[] OfJsonBody =
    [
        Mutation.WrongType, Mutation.NullBody, Mutation.NullValue, Mutation.NullInArray, Mutation.MissingRequired, Mutation.DuplicateKey,
        Mutation.UnknownField, Mutation.HugeOrTinyNumber, Mutation.NonAsciiDigits, Mutation.LongString, Mutation.DeepNesting, Mutation.EmptyBody,
        Mutation.InvalidUtf8, Mutation.NotAnObject, Mutation.Truncated, Mutation.TextPlain, Mutation.FormUrlEncoded, Mutation.NoContentType,
    ];

    /// <summary>The mutations of a body that is not JSON (e.g. CSV text).</summary>
    public static readonly Mutation[] OfTextBody = [Mutation.LongString, Mutation.EmptyBody, Mutation.InvalidUtf8, Mutation.NoContentType, Mutation.NotAnObject];

    private static readonly string[] HugeOrTiny = ["1e308", "-1e308", "1e-308", "-0", "99999999999999999999", "-99999999999999999999", "1e400", "0.000000000000000000001"];
    private static readonly string[] HugeOrTinyText = ["99999999999999999999.00", "-0.00", "-0", "1e308", "0.001", "-99999999999999999999.99", "92233720368547758.08", "NaN", "Infinity"];
    private static readonly string[] NonAscii = ["\u0661\u0662\u0663.\u0660\u0660", "\uff11\uff12\uff13.\uff10\uff10", "\u0968\u0966\u0968\u096c", "\U0001D7CF\U0001D7D0.\U0001D7CE\U0001D7CE", "\u0663\u0660\u0660"];
    private static readonly string[] NotObjects = ["[]", "\"text\"", "42", "true", "[{}]", "{}"];

    /// <summary>
    /// A JSON body broken by <paramref name="mutation"/>; <paramref name="schemas"/> knows which fields each object
    /// requires. Changes <paramref name="valid"/> in place (the schemas are keyed by its nodes).
    /// </summary>
    public static WireBody Apply(Mutation mutation, JsonNode? valid, IReadOnlyDictionary<JsonNode, JsonElement> schemas, Random random)
    {
        var body = valid ?? new JsonObject();
        var locations = Locations(body).ToList();
        var values = locations.Where(l => l.Value is JsonValue).ToList();
        var strings = values.Where(l => l.Value!.GetValueKind() == JsonValueKind.String).ToList();
        WireBody Json(string text, string? field) => new(Encoding.UTF8.GetBytes(text), "application/json", field);
        T Pick<T>(IReadOnlyList<T> list) => list[random.Next(list.Count)];

        switch (mutation)
        {
            case Mutation.WrongType when locations.Count > 0:
            {
                var at = Pick(locations);
                JsonNode? wrong = at.Value switch
                {
                    JsonObject => JsonValue.Create("text"),
                    JsonArray => new JsonObject { ["0"] = "x" },
                    JsonValue v when v.GetValueKind() == JsonValueKind.String => random.Next(3) switch { 0 => JsonValue.Create(12), 1 => JsonValue.Create(true), _ => new JsonArray("x") },
                    JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(random.Next(2) == 0 ? "12" : "twelve"),
                    _ => new JsonObject(),
                };
                at.Set(wrong);
                return Json(body.ToJsonString(), at.Path);
            }
            case Mutation.NullBody:
                return Json("null", "");
            case Mutation.NullValue when locations.Count > 0:
            {
                var at = Pick(locations);
                at.Set(null);
                return Json(body.ToJsonString(), at.Path);
            }
            case Mutation.NullInArray:
            {
                var arrays = locations.Where(l => l.Value is JsonArray).ToList();
                if (arrays.Count == 0)
                {
                    return Apply(Mutation.NullValue, valid, schemas, random);
                }
                var chosen = Pick(arrays);
                var array = (JsonArray)chosen.Value!;
                var at = random.Next(array.Count + 1);
                if (at < array.Count)
                {
                    array[at] = null;
                }
                else
                {
                    array.Add(null);
                }
                return Json(body.ToJsonString(), $"{chosen.Path}[{at}]");
            }
            case Mutation.MissingRequired:
            {
                var candidates = Objects(body).SelectMany(o => schemas.TryGetValue(o.Node, out var s)
                    ? OpenApiOperations.Required(s).Where(o.Node.ContainsKey).Select(r => (o.Node, o.Path, Name: r))
                    : []).ToList();
                if (candidates.Count == 0)
                {
                    return Json("{}", "");
                }
                var (node, path, name) = Pick(candidates);
                node.Remove(name);
                return Json(body.ToJsonString(), Join(path, name));
            }
            case Mutation.DuplicateKey:
            {
                var objects = Objects(body).Where(o => o.Node.Count > 0).ToList();
                if (objects.Count == 0)
                {
                    return Json("{\"a\":1,\"a\":2}", "a");
                }
                var (node, path) = Pick(objects);
                var (name, value) = node.ElementAt(random.Next(node.Count));
                // A marker property, renamed in the text: JsonObject itself cannot hold a key twice.
                const string marker = "__fuzz_duplicate__";
                node[marker] = Other(value);
                return Json(body.ToJsonString().Replace($"\"{marker}\":", $"\"{name}\":", StringComparison.Ordinal), Join(path, name));
            }
            case Mutation.UnknownField:
            {
                var objects = Objects(body).ToList();
                var (node, path) = objects.Count > 0 ? Pick(objects) : ((JsonObject)body, "");
                var typo = node.Count > 0 && random.Next(2) == 0 ? node.ElementAt(random.Next(node.Count)).Key : null;
                // A typo of a real field (drop its last letter, as "advance" for "advances") or a field nobody declares.
                var name = typo is { Length: > 1 } ? typo[..^1] : "fuzzUnknown";
                if (node.ContainsKey(name))
                {
                    name += "X";
                }
                node[name] = typo is not null && node[typo] is { } copy ? copy.DeepClone() : JsonValue.Create("x");
                return Json(body.ToJsonString(), Join(path, name));
            }
            case Mutation.HugeOrTinyNumber when values.Count > 0:
            {
                var at = Pick(values);
                var raw = at.Value!.GetValueKind() == JsonValueKind.String && random.Next(2) == 0
                    ? JsonSerializer.Serialize(Pick(HugeOrTinyText))
                    : Pick(HugeOrTiny);
                return Json(Splice(body, at, raw), at.Path);
            }
            case Mutation.NonAsciiDigits when values.Count > 0:
            {
                var at = Pick(values);
                at.Set(JsonValue.Create(Pick(NonAscii)));
                return Json(body.ToJsonString(), at.Path);
            }
            case Mutation.LongString when strings.Count > 0:
            {
                var at = Pick(strings);
                at.Set(JsonValue.Create(new string(random.Next(2) == 0 ? 'x' : '\u00e9', LongStringLength)));
                return Json(body.ToJsonString(), at.Path);
            }
            case Mutation.DeepNesting:
            {
                var deep = new string('[', NestingDepth) + new string(']', NestingDepth);
                if (locations.Count == 0 || random.Next(3) == 0)
                {
                    return Json(deep, "");
                }
                var at = Pick(locations);
                return Json(Splice(body, at, deep), at.Path);
            }
            case Mutation.EmptyBody:
                return new WireBody([], "application/json", "");
            case Mutation.InvalidUtf8:
            {
                var at = strings.Count > 0 ? Pick(strings) : null;
                var text = at is null ? body.ToJsonString() : Splice(body, at, "\"__fuzz_utf8__\"");
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                var index = at is null ? Math.Max(0, bytes.Count - 1) : IndexOf(bytes, Encoding.UTF8.GetBytes("__fuzz_utf8__"));
                byte[] invalid = [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80];
                if (at is null)
                {
                    bytes.InsertRange(index, invalid);
                }
                else
                {
                    bytes.RemoveRange(index, "__fuzz_utf8__".Length);
                    bytes.InsertRange(index, invalid);
                }
                return new WireBody([.. bytes], "application/json", at?.Path ?? "");
            }
            case Mutation.NotAnObject:
                return Json(Pick(NotObjects), "");
            case Mutation.Truncated:
            {
                var text = body.ToJsonString();
                return Json(text[..(text.Length / 2)], "");
            }
            case Mutation.TextPlain:
                return new WireBody(Encoding.UTF8.GetBytes(body.ToJsonString()), "text/plain", "");
            case Mutation.FormUrlEncoded:
                var form = body is JsonObject o2 ? string.Join('&', o2.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value?.ToString() ?? "")}")) : "a=1";
                return new WireBody(Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded", "");
            case Mutation.NoContentType:
                return new WireBody(Encoding.UTF8.GetBytes(body.ToJsonString()), null, "");
            case Mutation.UnexpectedBody:
                return Json(random.Next(2) == 0 ? "{\"fuzzUnknown\":1}" : "not json", "");
        }
        // The body has nothing the mutation could act on (e.g. no strings): break it as a whole instead.
        return Json(Pick(NotObjects), "");
    }

    /// <summary>A text body (e.g. CSV) broken by <paramref name="mutation"/>.</summary>
    public static WireBody ApplyText(Mutation mutation, string valid, string mediaType, Random random) => mutation switch
    {
        Mutation.LongString => new(Encoding.UTF8.GetBytes(valid + new string('x', LongStringLength)), mediaType, ""),
        Mutation.EmptyBody => new([], mediaType, ""),
        Mutation.InvalidUtf8 => new([.. Encoding.UTF8.GetBytes(valid), 0xC3, 0x28, 0xFF], mediaType, ""),
        Mutation.NoContentType => new(Encoding.UTF8.GetBytes(valid), null, ""),
        _ => new(Encoding.UTF8.GetBytes("{\"not\":\"" + mediaType + "\"}"), random.Next(2) == 0 ? "application/json" : "text/plain", ""),
    };

    /// <summary>A place in a JSON tree: its container, name or index, JSON path and value.</summary>
    public sealed record Location(JsonNode Container, string? Property, int Index, string Path, JsonNode? Value)
    {
        /// <summary>Replaces the value at this place.</summary>
        public void Set(JsonNode? value)
        {
            if (Container is JsonObject obj)
            {
                obj[Property!] = value;
            }
            else
            {
                ((JsonArray)Container)[Index] = value;
            }
        }
    }

    /// <summary>Every value below the root, depth first, with its JSON path (<c>advances[1].due</c>).</summary>
    public static IEnumerable<Location> Locations(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    var p = Join(path, key);
                    yield return new Location(obj, key, -1, p, value);
                    foreach (var inner in Locations(value, p))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var p = $"{path}[{i}]";
                    yield return new Location(array, null, i, p, array[i]);
                    foreach (var inner in Locations(array[i], p))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }

    private static IEnumerable<(JsonObject Node, string Path)> Objects(JsonNode body)
    {
        if (body is JsonObject root)
        {
            yield return (root, "");
        }
        foreach (var l in Locations(body).Where(l => l.Value is JsonObject))
        {
            yield return ((JsonObject)l.Value!, l.Path);
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>The body as text with raw JSON in place of the value at <paramref name="at"/> (a number JsonNode cannot hold, or deep nesting).</summary>
    private static string Splice(JsonNode body, Location at, string raw)
    {
        const string marker = "__fuzz_splice__";
        at.Set(JsonValue.Create(marker));
        return body.ToJsonString().Replace($"\"{marker}\"", raw, StringComparison.Ordinal);
    }

    /// <summary>Another value of the same kind, for a duplicated key.</summary>
    private static JsonNode? Other(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(v.GetValue<string>() is var s && s.Contains('.', StringComparison.Ordinal) ? "1.00" : s + "x"),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(decimal.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) + 1),
        _ => value?.DeepClone(),
    };

    private static int IndexOf(List<byte> bytes, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= bytes.Count; i++)
        {
            if (!needle.Where((b, j) => bytes[i + j] != b).Any())
            {
                return i;
            }
        }
        return bytes.Count;
    }
}
