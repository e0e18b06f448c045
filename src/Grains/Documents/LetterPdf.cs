using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace PvoFinance.Documents;

/// <summary>
/// Renders a <see cref="DecisionLetter"/> as an A4 PDF with PDFsharp. Deterministic: the creation and modification dates
/// are the decision's day, the document ids, font subset tags and XMP uuids are derived from the letter's reference
/// (<see cref="Stabilize"/>), the font is the embedded one, so the
/// same letter always gives the same bytes (its SHA-256 in the letter's record can be checked again at any time).
/// </summary>
public static partial class LetterPdf
{
    private const double Margin = 60;
    private const double BodySize = 10;
    private const double LineGap = 3;

    /// <summary>The PDF bytes of <paramref name="letter"/>.</summary>
    public static byte[] Render(DecisionLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        LetterFonts.Install();
        using var document = new PdfDocument();
        var day = letter.Date.ToDateTimeUnspecified();
        var stamp = new DateTime(day.Year, day.Month, day.Day, 12, 0, 0, DateTimeKind.Utc);
        document.Info.Title = letter.Title + " " + letter.Reference;
        document.Info.Subject = letter.Reference;
        document.Info.Creator = "PvoFinance";
        document.Info.CreationDate = stamp;
        document.Info.ModificationDate = stamp;
        var id = DocumentId(letter);
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        new Writer(document).Write(letter);
        using var output = new MemoryStream();
        document.Save(output, false);
        return Stabilize(output.ToArray(), letter.Reference);
    }

    [GeneratedRegex(@"/([A-Z]{6})\+DejaVu")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex XmpUuid();

    /// <summary>
    /// PDFsharp draws two things at random on every save: the six-letter tag of each embedded font subset (PDF 32000-1
    /// 9.6.4) and the XMP document and instance uuids. Both are replaced, in place and by text of the same length (so the
    /// cross-reference offsets stay right), by values derived from the letter's reference. Both live in uncompressed
    /// dictionaries and the uncompressed XMP stream; the patterns are specific enough not to occur in compressed data.
    /// </summary>
    internal static byte[] Stabilize(byte[] pdf, string reference)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        text = SubsetTag().Replace(text, m =>
        {
            var original = m.Groups[1].Value;
            if (!tags.TryGetValue(original, out var tag))
            {
                var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"pvo-font:{reference}:{tags.Count}"));
                tags[original] = tag = new string([.. hash.Take(6).Select(b => (char)('A' + (b % 26)))]);
            }
            return "/" + tag + "+DejaVu";
        });
        var index = 0;
        text = XmpUuid().Replace(text, _ =>
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"pvo-xmp:{reference}:{index++}"));
            return "uuid:" + new Guid(hash.AsSpan(0, 16)).ToString("D");
        });
        var bytes = Encoding.Latin1.GetBytes(text);
        return bytes.Length == pdf.Length ? bytes : throw new InvalidOperationException("Stabilizing the PDF changed its length.");
    }

    // 32 hex digits from the reference: the same letter has the same id, another letter another one.
    private static string DocumentId(DecisionLetter letter) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("pvo-letter:" + letter.Reference)))[..32];

    // Lays out lines top to bottom, wrapping words to the width and starting a new page when one is full.
    private sealed class Writer(PdfDocument document)
    {
        private readonly XFont _body = new(LetterFonts.Family, BodySize, XFontStyleEx.Regular);
        private readonly XFont _heading = new(LetterFonts.Family, 11, XFontStyleEx.Bold);
        private readonly XFont _title = new(LetterFonts.Family, 14, XFontStyleEx.Bold);
        private XGraphics? _graphics;
        private PdfPage? _page;
        private double _y;

        public void Write(DecisionLetter letter)
        {
            NewPage();
            Paragraph(letter.Title, _title, 0);
            _y += 6;
            foreach (var section in letter.Sections)
            {
                if (section.Heading is { } heading)
                {
                    _y += 6;
                    Paragraph(heading, _heading, 0);
                }
                foreach (var line in section.Lines)
                {
                    var item = line.StartsWith("- ", StringComparison.Ordinal);
                    Paragraph(item ? "• " + line[2..] : line, _body, item ? 12 : 0);
                }
            }
            _graphics?.Dispose();
        }

        private void NewPage()
        {
            _graphics?.Dispose();
            _page = document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private void Paragraph(string text, XFont font, double indent)
        {
            var width = _page!.Width.Point - (2 * Margin) - indent;
            var height = font.GetHeight() + LineGap;
            foreach (var line in Wrap(text, font, width))
            {
                if (_y + height > _page.Height.Point - Margin)
                {
                    NewPage();
                }
                _graphics!.DrawString(line, font, XBrushes.Black, new XPoint(Margin + indent, _y + font.GetHeight()));
                _y += height;
            }
            _y += LineGap;
        }

        private IEnumerable<string> Wrap(string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _graphics!.MeasureString(candidate, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
