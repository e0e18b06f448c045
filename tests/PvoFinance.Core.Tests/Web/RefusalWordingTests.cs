using System.Text;
using System.Text.RegularExpressions;

namespace PvoFinance.Core.Tests.Web;

/// <summary>
/// A refusal's particulars reach a Dutch page in Dutch: every sentence the service refuses with — the text of each
/// refusal built in src/ (the domain's <c>Refusal</c>s, the grains' replies, the ledger's rejections, the API's
/// problems), with <c>{}</c> where the service fills in a value — has its Dutch wording in
/// <c>REFUSALS_NL</c> (src/Api/wwwroot/js/refusals.js), which the pages fill with € amounts, Dutch dates and names. The
/// test fails on a sentence without one, so a new refusal cannot reach a Dutch page in English unnoticed.
/// </summary>
public sealed partial class RefusalWordingTests
{
    [Fact]
    public void Every_refusal_sentence_of_the_service_has_a_dutch_wording_in_the_pages()
    {
        var sentences = SentencesInSource();
        // The collector must find sentences it is known to meet, from each kind of refusal; an empty set would pass vacuously.
        foreach (var known in new[]
        {
            "'{}' pays at most {} % of the project's costs of {}; {} is more.", // Refusal.Invalid (domain)
            "Account '{}' has {} available; this entry needs {}.", // the ledger's rejection
            "More than '{}' owes for {}: {}", // a grain's reply
            "{} is a date like 2026-12-31.", // the API's problem
            "Only {} is still reserved under '{}'; {} was asked.", // Refuse(RejectionCode…)
        })
        {
            Assert.Contains(known, sentences);
        }
        Assert.True(sentences.Count > 150, $"only {sentences.Count} refusal sentences found in src/");
        var worded = DutchWordings();
        var missing = sentences.Where(s => !worded.ContainsKey(s)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, $"Refusal sentences without a Dutch wording in REFUSALS_NL (src/Api/wwwroot/js/refusals.js):\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void Every_dutch_wording_fills_only_values_the_service_gives_and_is_not_the_english_sentence()
    {
        foreach (var (english, dutch) in DutchWordings())
        {
            var holes = Regex.Matches(english, Regex.Escape("{}")).Count;
            foreach (Match m in Placeholder().Matches(dutch))
            {
                Assert.True(int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) < holes,
                    $"\"{dutch}\" uses {m.Value}, but \"{english}\" gives {holes} value(s)");
            }
            Assert.NotEqual(english, dutch);
            Assert.DoesNotContain("{}", dutch, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_collector_reads_sentences_with_their_values_as_holes()
    {
        var sample = """
            return Refusal.Invalid($"funding[{i}].amount", $"'{t.Source}' pays at most {t.MaxCofinancing} % of {(x is null ? "none" : $"'{x}'")}.");
            return new(RejectionCode.LimitExceeded, fieldOf(account),
                $"Account '{account}' has {a} available; " + "this entry needs more.");
            return ApiProblems.Invalid("amounts", "Amounts per year are required, e.g. {\"2026\": \"50000.00\"}.");
            return Reject(RejectionCode.Invalid, "key", cond ? "First choice." : "Second choice.");
            """;
        Assert.Equal(
            ["'{}' pays at most {} % of {}.", "Account '{}' has {} available; this entry needs more.", "Amounts per year are required, e.g. {\"2026\": \"50000.00\"}.",
                "First choice.", "Second choice."],
            SentencesIn(sample).Order(StringComparer.Ordinal));
    }

    /// <summary>Every refusal sentence in src/.</summary>
    private static HashSet<string> SentencesInSource()
    {
        var sentences = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.cs", SearchOption.AllDirectories))
        {
            var sep = Path.DirectorySeparatorChar;
            if (file.Contains($"{sep}obj{sep}", StringComparison.Ordinal) || file.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            {
                continue;
            }
            sentences.UnionWith(SentencesIn(File.ReadAllText(file)));
        }
        return sentences;
    }

    /// <summary>
    /// The sentences of the refusal calls in a source text: the string literals among each call's arguments (literals
    /// joined by + are one sentence, each interpolation a hole <c>{}</c>); a literal without a space is a field name.
    /// </summary>
    private static IEnumerable<string> SentencesIn(string source)
    {
        foreach (Match call in RefusalCall().Matches(source))
        {
            foreach (var group in LiteralsOfArguments(source, call.Index + call.Length))
            {
                if (group.Contains(' ', StringComparison.Ordinal))
                {
                    yield return group;
                }
            }
        }
    }

    private static List<string> LiteralsOfArguments(string s, int i)
    {
        var groups = new List<string>();
        string? current = null;
        var joined = false;
        var depth = 1;
        while (depth > 0 && i < s.Length)
        {
            var c = s[i];
            if (c == '"' || ((c == '$' || c == '@') && i + 1 < s.Length && (s[i + 1] == '"' || s[i + 1] == '@')))
            {
                var (text, end) = ReadLiteral(s, i);
                if (current is not null && joined)
                {
                    current += text;
                }
                else
                {
                    if (current is not null)
                    {
                        groups.Add(current);
                    }
                    current = text;
                }
                joined = false;
                i = end;
                continue;
            }
            if (c == '\'')
            {
                i = SkipChar(s, i);
                continue;
            }
            if (c == '+')
            {
                joined = true;
                i++;
                continue;
            }
            if (!char.IsWhiteSpace(c))
            {
                joined = false;
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            i++;
        }
        if (current is not null)
        {
            groups.Add(current);
        }
        return groups;
    }

    /// <summary>A C# string literal at <paramref name="i"/> (regular, verbatim or interpolated) with each interpolation as <c>{}</c>.</summary>
    private static (string Text, int End) ReadLiteral(string s, int i)
    {
        var interpolated = false;
        var verbatim = false;
        while (s[i] != '"')
        {
            interpolated |= s[i] == '$';
            verbatim |= s[i] == '@';
            i++;
        }
        i++;
        var text = new StringBuilder();
        while (true)
        {
            var c = s[i];
            if (!verbatim && c == '\\')
            {
                var n = s[i + 1];
                text.Append(n switch { 'n' => '\n', 't' => '\t', _ => n });
                i += 2;
                continue;
            }
            if (c == '"')
            {
                if (verbatim && i + 1 < s.Length && s[i + 1] == '"')
                {
                    text.Append('"');
                    i += 2;
                    continue;
                }
                return (text.ToString(), i + 1);
            }
            if (interpolated && c == '{')
            {
                if (s[i + 1] == '{')
                {
                    text.Append('{');
                    i += 2;
                    continue;
                }
                i = SkipHole(s, i + 1);
                text.Append("{}");
                continue;
            }
            if (interpolated && c == '}' && s[i + 1] == '}')
            {
                text.Append('}');
                i += 2;
                continue;
            }
            text.Append(c);
            i++;
        }
    }

    /// <summary>Past the interpolation hole that starts at <paramref name="i"/> (just after its '{'), nested literals included.</summary>
    private static int SkipHole(string s, int i)
    {
        var depth = 1;
        while (depth > 0)
        {
            var c = s[i];
            if (c == '"' || (c == '$' && s[i + 1] == '"'))
            {
                i = ReadLiteral(s, i).End;
                continue;
            }
            if (c == '\'')
            {
                i = SkipChar(s, i);
                continue;
            }
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            i++;
        }
        return i;
    }

    private static int SkipChar(string s, int i) => s.IndexOf('\'', s[i + 1] == '\\' ? i + 3 : i + 2) + 1;

    /// <summary>REFUSALS_NL of refusals.js: English sentence → Dutch wording.</summary>
    private static Dictionary<string, string> DutchWordings()
    {
        var js = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Api", "wwwroot", "js", "refusals.js"));
        var table = Table().Match(js);
        Assert.True(table.Success, "refusals.js has no `export const REFUSALS_NL = [ … ];`.");
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Entry().Matches(table.Groups["body"].Value))
        {
            var english = Unescape(m.Groups["en"].Value);
            Assert.True(pairs.TryAdd(english, Unescape(m.Groups["nl"].Value)), $"REFUSALS_NL words \"{english}\" twice");
        }
        return pairs;
    }

    private static string Unescape(string js) => Regex.Replace(js, @"\\(.)", "$1");

    [GeneratedRegex("""(?:Refusal\.\w+|\w+Reply\.Refused|ApiProblems\.(?:Invalid|NotFound|Forbidden|Refused|Malformed)|new (?:LedgerRejection|FundingRefusal|ApplicationRefusal|Refusal|Rejection|StatementException|LineMatch)|\bUnmatched|RegionEndpoints\.Refuse)\s*\(|new\s*\((?=\s*RejectionCode\.)|\b(?:Reject|Refuse)\s*\((?=\s*RejectionCode\.)""")]
    private static partial Regex RefusalCall();

    [GeneratedRegex("""export const REFUSALS_NL = \[(?<body>.*?)\n\];""", RegexOptions.Singleline)]
    private static partial Regex Table();

    [GeneratedRegex("""\[\s*"(?<en>(?:[^"\\]|\\.)*)"\s*,\s*"(?<nl>(?:[^"\\]|\\.)*)"\s*\]""")]
    private static partial Regex Entry();

    [GeneratedRegex("""\{(?<n>\d+)(?::\w+)?\}""")]
    private static partial Regex Placeholder();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PvoFinance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("PvoFinance.sln not found above the test binaries.");
    }
}
