namespace PvoFinance.Banking;

/// <summary>
/// An International Bank Account Number (ISO 13616) in its electronic form: upper case, no spaces, with valid
/// check digits (ISO 7064 MOD 97-10). Where money is paid to or collected from, an account number typed wrong by one
/// digit must be refused before a payment file is made, not discovered when the bank returns the payment.
/// </summary>
public readonly record struct Iban
{
    /// <summary>The shortest IBAN any country uses.</summary>
    public const int MinLength = 15;

    /// <summary>The longest IBAN ISO 13616 allows.</summary>
    public const int MaxLength = 34;

    /// <summary>The longest text accepted before normalising (spaces in groups of four included).</summary>
    public const int MaxInputLength = 42;

    // Lengths of the SEPA countries' IBANs (the EPC's register); other countries are checked against 15–34 only.
    private static readonly Dictionary<string, int> CountryLengths =
        "AD24 AT20 BE16 BG22 CH21 CY28 CZ24 DE22 DK18 EE20 ES24 FI18 FR27 GB22 GI23 GR27 HR21 HU28 IE22 IS26 IT27 LI21 LT20 LU20 LV21 MC27 MT31 NL18 NO15 PL28 PT25 RO24 SE24 SI19 SK24 SM27 VA22"
            .Split(' ')
            .ToDictionary(entry => entry[..2], entry => int.Parse(entry[2..], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private Iban(string value) => Value = value;

    /// <summary>The electronic form, e.g. <c>NL91ABNA0417164300</c>.</summary>
    public string Value { get; }

    /// <summary>The two-letter country code.</summary>
    public string Country => Value[..2];

    /// <summary>The paper form in groups of four, e.g. <c>NL91 ABNA 0417 1643 00</c>.</summary>
    public string Grouped => string.Join(' ', Value.Chunk(4).Select(group => new string(group)));

    /// <summary>Reads an IBAN as a person types it (spaces allowed, any case); <paramref name="error"/> says why not in one sentence.</summary>
    public static bool TryParse(string? text, out Iban iban, out string? error)
    {
        iban = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "An IBAN is required.";
            return false;
        }
        if (text.Length > MaxInputLength)
        {
            error = $"An IBAN has at most {MaxLength} characters.";
            return false;
        }
        var value = new string([.. text.Where(c => c != ' ').Select(char.ToUpperInvariant)]);
        if (value.Length < MinLength || value.Length > MaxLength)
        {
            error = $"An IBAN has {MinLength} to {MaxLength} characters; this one has {value.Length}.";
            return false;
        }
        if (!char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiLetterUpper(value[1]))
        {
            error = "An IBAN starts with a two-letter country code.";
            return false;
        }
        if (!char.IsAsciiDigit(value[2]) || !char.IsAsciiDigit(value[3]))
        {
            error = "An IBAN's third and fourth characters are its check digits.";
            return false;
        }
        if (!value.All(char.IsAsciiLetterOrDigit))
        {
            error = "An IBAN holds only letters and digits.";
            return false;
        }
        if (CountryLengths.TryGetValue(value[..2], out var length) && value.Length != length)
        {
            error = $"An IBAN of {value[..2]} has {length} characters; this one has {value.Length}.";
            return false;
        }
        if (Mod97.RotatedRemainder(value) != 1)
        {
            error = "The IBAN's check digits do not match: a character is mistyped.";
            return false;
        }
        iban = new Iban(value);
        error = null;
        return true;
    }

    /// <summary>Reads an IBAN or throws.</summary>
    /// <exception cref="FormatException">Not a valid IBAN; the message says why.</exception>
    public static Iban Parse(string text) =>
        TryParse(text, out var iban, out var error) ? iban : throw new FormatException(error);

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
