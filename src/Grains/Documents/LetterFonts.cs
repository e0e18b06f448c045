using PdfSharp.Fonts;

namespace PvoFinance.Documents;

/// <summary>
/// The one font of the letters, DejaVu Sans (regular and bold), shipped inside this assembly (Documents/Fonts, Bitstream
/// Vera licence): machines without fonts (CI, containers) render the same letters, byte for byte, as any other.
/// </summary>
public sealed class LetterFonts : IFontResolver
{
    /// <summary>The family name the letters ask for.</summary>
    public const string Family = "PvoLetter";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();

    /// <summary>Installs this resolver for PDFsharp once per process (PDFsharp keeps one resolver for the process).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not LetterFonts)
            {
                GlobalFontSettings.FontResolver = new LetterFonts();
            }
        }
    }

    /// <inheritdoc />
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular);

    /// <inheritdoc />
    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(LetterFonts).Assembly.GetManifestResourceStream($"PvoFinance.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded in {typeof(LetterFonts).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
