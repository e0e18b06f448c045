using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PvoFinance.Http.Tests.Fuzz;

/// <summary>Everything the state probes read at one moment: the answer (status and text) per address.</summary>
public sealed class StateSnapshot(IReadOnlyDictionary<string, string> answers)
{
    private const int MaxShown = 6;
    private const int MaxTextShown = 400;

    /// <summary>The answer per address.</summary>
    public IReadOnlyDictionary<string, string> Answers { get; } = answers;

    /// <summary>Null when both read the same everywhere, else the addresses that differ with a before/after excerpt of each.</summary>
    public static string? Diff(StateSnapshot before, StateSnapshot after)
    {
        var changed = before.Answers.Keys.Union(after.Answers.Keys)
            .Where(k => !before.Answers.TryGetValue(k, out var b) || !after.Answers.TryGetValue(k, out var a) || a != b)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (changed.Count == 0)
        {
            return null;
        }
        var text = new StringBuilder($"{changed.Count} address(es) read differently:");
        foreach (var key in changed.Take(MaxShown))
        {
            text.Append("\n  ").Append(key)
                .Append("\n    before: ").Append(Shorten(before.Answers.GetValueOrDefault(key) ?? "(not read)"))
                .Append("\n    after:  ").Append(Shorten(after.Answers.GetValueOrDefault(key) ?? "(not read)"));
        }
        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= MaxTextShown ? text : text[..MaxTextShown] + "…";
}

/// <summary>
/// Reads the service's whole visible state, found from the OpenAPI document alone: every GET without path
/// parameters (the lists: journals, applications, sources, regions, scenarios…), then every GET <c>{list}/{id}</c>
/// for each id a list answered (each journal's version and head, each application's state and history, each
/// source, region and scenario). Addresses whose answer differs between two reads with nothing sent in between
/// are left out (and named), so only real changes count.
/// </summary>
public sealed partial class StateProbe
{
    private const int Parallel = 6;
    private readonly LedgerApi _reader;
    private readonly List<string> _lists;
    private readonly Dictionary<string, string> _details;
    private readonly HashSet<string> _volatile = new(StringComparer.Ordinal);

    /// <param name="reader">A caller that may read everything (the ministry).</param>
    /// <param name="operations">The document's operations.</param>
    public StateProbe(LedgerApi reader, OpenApiOperations operations)
    {
        _reader = reader;
        var gets = operations.Operations.Where(o => o.Method == "GET").ToList();
        _lists = [.. gets.Where(o => !o.PathParameters.Any() && !o.Parameters.Any(p => p.Required)).Select(o => o.Path)];
        // {list}/{param}: the list's path → the detail's path template.
        _details = gets
            .Where(o => o.PathParameters.Count() == 1 && !o.Parameters.Any(p => p.Required && p.In != "path"))
            .Select(o => (o.Path, List: o.Path[..o.Path.LastIndexOf('/')]))
            .Where(d => _lists.Contains(d.List) && d.Path.EndsWith('}'))
            .ToDictionary(d => d.List, d => d.Path, StringComparer.Ordinal);
    }

    /// <summary>The ids each list answered at the last read, by list path (e.g. <c>/api/regions</c> → the ten regions).</summary>
    public IReadOnlyDictionary<string, string[]> Ids { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Addresses left out because they read differently with nothing sent (e.g. a clock in the answer).</summary>
    public IReadOnlyCollection<string> Volatile => _volatile;

    /// <summary>How many snapshots were taken.</summary>
    public int Taken { get; private set; }

    /// <summary>Reads twice and leaves out what differs; call once before fuzzing.</summary>
    public async Task<StateSnapshot> CalibrateAsync()
    {
        var first = await TakeAsync();
        var second = await TakeAsync();
        foreach (var key in first.Answers.Keys.Where(k => second.Answers.GetValueOrDefault(k) != first.Answers[k]))
        {
            _volatile.Add(key);
        }
        return await TakeAsync();
    }

    /// <summary>Reads the lists, then the details of everything they list.</summary>
    public async Task<StateSnapshot> TakeAsync()
    {
        Taken++;
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (list, text) in await ReadAllAsync(_lists))
        {
            answers[list] = text;
            ids[list] = Harvest(text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        }
        var details = ids.Where(i => _details.ContainsKey(i.Key))
            .SelectMany(i => i.Value.Select(id => Fill(_details[i.Key], id)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var (address, text) in await ReadAllAsync(details))
        {
            answers[address] = text;
        }
        Ids = ids;
        foreach (var v in _volatile)
        {
            answers.Remove(v);
        }
        return new StateSnapshot(answers);
    }

    /// <summary>The ids in a list's JSON: the <c>id</c> of each object in an array, and plain strings in an array (a page of journal ids).</summary>
    public static string[] Harvest(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var arrays = doc.RootElement.ValueKind == JsonValueKind.Array
                ? [doc.RootElement]
                : doc.RootElement.ValueKind == JsonValueKind.Object
                    ? doc.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).Select(p => p.Value).ToList()
                    : [];
            return
            [
                .. arrays.SelectMany(a => a.EnumerateArray()).Select(item => item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString(),
                    JsonValueKind.Object when item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
                    _ => null,
                }).OfType<string>().Distinct(StringComparer.Ordinal),
            ];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Fill(string template, string id) => PathParameter().Replace(template, Uri.EscapeDataString(id));

    private async Task<List<(string Address, string Text)>> ReadAllAsync(IReadOnlyList<string> addresses)
    {
        using var gate = new SemaphoreSlim(Parallel);
        var reads = addresses.Select(async address =>
        {
            await gate.WaitAsync();
            try
            {
                var reply = await _reader.GetAsync(address.TrimStart('/'));
                return (address, $"{(int)reply.Status}\n{TraceId().Replace(reply.Text, "")}");
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        return [.. await Task.WhenAll(reads)];
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}

/// <summary>
/// Checks that refusals change nothing, without a snapshot per request: refusals are collected in a group and the
/// state is compared once at the group's end. A successful write (2xx) may change the state, so it ends the group:
/// the state is read at once; if it reads as at the group's start, the refusals before the write (and the write)
/// changed nothing; if it differs, the change cannot be told apart from the write's own, so those refusals count
/// as unverified. The fuzzer therefore sends the requests it expects to be refused first in each round, and asks
/// for a comparison just before a request that may succeed.
/// </summary>
public sealed class RefusalAuditor(Func<Task<StateSnapshot>> take)
{
    private const int MaxListed = 10;
    private readonly List<string> _pending = [];
    private StateSnapshot? _baseline;
    private int _pendingRefusals;

    /// <summary>Refusals whose group was compared and read the same.</summary>
    public int Verified { get; private set; }

    /// <summary>Refusals whose group a successful write that changed the state ended before it was compared.</summary>
    public int Unverified { get; private set; }

    /// <summary>Refusals in groups that changed the state.</summary>
    public int InChangedGroups { get; private set; }

    /// <summary>One text per group of refusals that changed the state: its requests and what read differently.</summary>
    public List<string> Changes { get; } = [];

    /// <summary>Refusals waiting for the next comparison.</summary>
    public int Pending => _pendingRefusals;

    /// <summary>Takes a snapshot when there is none that is still valid.</summary>
    public async Task EnsureBaselineAsync()
    {
        _baseline ??= await take();
    }

    /// <summary>Compares the state with the group's start when refusals wait, and starts a new group.</summary>
    public async Task CheckAsync()
    {
        if (_baseline is null || _pending.Count == 0)
        {
            return;
        }
        var now = await take();
        if (StateSnapshot.Diff(_baseline, now) is { } diff)
        {
            InChangedGroups += _pendingRefusals;
            Changes.Add($"{_pendingRefusals} refusal(s) and {_pending.Count - _pendingRefusals} read(s), among them:\n  "
                + string.Join("\n  ", _pending.Take(MaxListed)) + (_pending.Count > MaxListed ? $"\n  … {_pending.Count - MaxListed} more" : "")
                + "\n" + diff);
        }
        else
        {
            Verified += _pendingRefusals;
        }
        Clear();
        _baseline = now;
    }

    /// <summary>Records an answer: a refusal (or a read) joins the group; a 2xx write ends it with a fresh snapshot.</summary>
    /// <param name="request">The request, for the report.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="writes">True when the method may change state.</param>
    public async Task RecordAsync(string request, int status, bool writes)
    {
        var succeeded = status is >= 200 and < 300;
        if (succeeded && writes)
        {
            var now = await take();
            if (_baseline is not null && StateSnapshot.Diff(_baseline, now) is null)
            {
                Verified += _pendingRefusals;
            }
            else
            {
                Unverified += _pendingRefusals;
            }
            Clear();
            _baseline = now;
            return;
        }
        if (_baseline is null)
        {
            // Nothing read yet to compare this refusal with.
            Unverified += succeeded ? 0 : 1;
            return;
        }
        _pending.Add($"{status} {request}");
        _pendingRefusals += succeeded ? 0 : 1;
    }

    private void Clear()
    {
        _pending.Clear();
        _pendingRefusals = 0;
    }
}
