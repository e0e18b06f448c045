using UglyToad.PdfPig;

namespace PvoFinance.Core.Tests.Documents;

/// <summary>What the letter tests read back: a rendered PDF's words, and a phrase looked for word by word.</summary>
internal static class LetterText
{
    /// <summary>The PDF's text as PdfPig reads it: each page's words joined by single spaces, pages by line breaks.</summary>
    public static string Of(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    /// <summary>Asserts that <paramref name="text"/> holds <paramref name="phrase"/>, compared word by word (spacing is layout, not content).</summary>
    public static void Says(string text, string phrase) =>
        Assert.Contains(string.Join(" ", phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries)), text, StringComparison.Ordinal);
}
