namespace PvoFinance.Banking;

/// <summary>
/// A structured creditor reference (ISO 11649): <c>RF</c>, two check digits, and a reference of 1–21 letters and
/// digits. A payer who copies it from an invoice into a transfer lets the bank statement name the invoice exactly,
/// so a receipt can be matched without reading free text; the check digits catch a mistyped copy.
/// </summary>
public readonly record struct CreditorReference
{
    /// <summary>The longest reference part (after RF and the check digits).</summary>
    public const int MaxBaseLength = 21;

    private CreditorReference(string value) => Value = value;

    /// <summary>The electronic form, e.g. <c>RF18539007547034</c>.</summary>
    public string Value { get; }

    /// <summary>The reference part without RF and check digits.</summary>
    public string Base => Value[4..];

    /// <summary>The paper form in groups of four, e.g. <c>RF18 5390 0754 7034</c>.</summary>
    public string Grouped => string.Join(' ', Value.Chunk(4).Select(group => new string(group)));

    /// <summary>
    /// Makes the reference for <paramref name="reference"/> (1–21 letters and digits, any case), computing the check
    /// digits: 98 minus the remainder of <c>reference + "RF00"</c> modulo 97.
    /// </summary>
    /// <exception cref="ArgumentException">The reference part is empty, too long or holds other characters.</exception>
    public static CreditorReference For(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var body = reference.ToUpperInvariant();
        if (body.Length is 0 or > MaxBaseLength || !body.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException(
                $"A creditor reference holds 1 to {MaxBaseLength} letters and digits; got '{reference}'.", nameof(reference));
        }
        var check = 98 - Mod97.Remainder(body + "RF00");
        return new CreditorReference($"RF{check:00}{body}");
    }

    /// <summary>Reads a reference as printed or typed (spaces allowed, any case); <paramref name="error"/> says why not.</summary>
    public static bool TryParse(string? text, out CreditorReference reference, out string? error)
    {
        reference = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A creditor reference is required.";
            return false;
        }
        if (text.Length > 40)
        {
            error = "A creditor reference has at most 25 characters.";
            return false;
        }
        var value = new string([.. text.Where(c => c != ' ').Select(char.ToUpperInvariant)]);
        if (value.Length < 5 || value.Length > 4 + MaxBaseLength || !value.StartsWith("RF", StringComparison.Ordinal))
        {
            error = "A creditor reference is RF, two check digits and 1 to 21 letters or digits.";
            return false;
        }
        if (!char.IsAsciiDigit(value[2]) || !char.IsAsciiDigit(value[3]) || !value[4..].All(char.IsAsciiLetterOrDigit))
        {
            error = "A creditor reference is RF, two check digits and 1 to 21 letters or digits.";
            return false;
        }
        if (Mod97.RotatedRemainder(value) != 1)
        {
            error = "The creditor reference's check digits do not match: a character is mistyped.";
            return false;
        }
        reference = new CreditorReference(value);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
