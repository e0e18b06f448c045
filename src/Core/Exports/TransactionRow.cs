namespace PvoFinance.Exports;

/// <summary>
/// One row of <c>transactions.csv</c>: one posted movement (a debit and a credit of the same amount) of one ledger
/// entry, described for accountants and open-data readers (360Giving, IATI, Fiscal Data Package). See
/// docs/exports.md for every column.
/// </summary>
public sealed record TransactionRow
{
    /// <summary>The columns, in file order.</summary>
    public static readonly string[] Columns =
    [
        "transaction_id", "grant_id", "activity_id", "project_title", "region_code", "region_name",
        "funder_org_id", "funder_name", "funder_type", "recipient_org_id", "recipient_name", "regrant_of",
        "iati_transaction_type", "awb_phase", "beschikking_ref", "beschikking_date", "transaction_date", "value_date",
        "fiscal_year", "amount", "currency", "debit_account", "credit_account", "cost_category", "overhead_pct",
        "cofinancing_pct", "per_resident_rate", "population", "accountability_tier", "prepared_by", "approved_by",
        "reverses_transaction_id", "creditor_reference", "bank_reference", "entry_hash", "prev_hash",
    ];

    /// <summary>The journal of the entry (not a column; it is the start of <see cref="TransactionId"/>).</summary>
    public required string Journal { get; init; }
    /// <summary><c>&lt;journal&gt;:&lt;sequence&gt;</c>, with <c>/&lt;n&gt;</c> when an entry has several movements.</summary>
    public required string TransactionId { get; init; }
    /// <summary>The funder-grant: <c>360G-pvo-&lt;application&gt;-&lt;source&gt;</c>, or <c>360G-pvo-&lt;source&gt;-&lt;commitment&gt;</c>.</summary>
    public string GrantId { get; init; } = "";
    /// <summary>The activity (project): <c>NL-PVO-&lt;region&gt;-&lt;application&gt;</c>.</summary>
    public string ActivityId { get; init; } = "";
    /// <summary>The project's title.</summary>
    public string ProjectTitle { get; init; } = "";
    /// <summary>The PVO region's id.</summary>
    public string RegionCode { get; init; } = "";
    /// <summary>The PVO region's name.</summary>
    public string RegionName { get; init; } = "";
    /// <summary>The funder's id (<c>NL-PVO-FUNDER-&lt;slug&gt;</c>).</summary>
    public string FunderOrgId { get; init; } = "";
    /// <summary>The funder's name.</summary>
    public string FunderName { get; init; } = "";
    /// <summary>ministry, province, municipality, own, business or in-kind.</summary>
    public string FunderType { get; init; } = "";
    /// <summary>The recipient's id.</summary>
    public string RecipientOrgId { get; init; } = "";
    /// <summary>The recipient's name.</summary>
    public string RecipientName { get; init; } = "";
    /// <summary>
    /// On a line where an intermediary passes money on (its disbursement to the region, the region's incoming line): the
    /// <see cref="TransactionId"/> of the intermediary's own incoming line of that money, in the same export; else empty.
    /// </summary>
    public string RegrantOf { get; init; } = "";
    /// <summary>The IATI transaction type code (1, 2, 3, 11), empty for movements IATI has no type for.</summary>
    public string IatiTransactionType { get; init; } = "";
    /// <summary>The Awb phase: plafond, verlening, wijziging, voorschot, vaststelling, betaling, terugvordering, intrekking, bijdrage, natura, …</summary>
    public string AwbPhase { get; init; } = "";
    /// <summary>The decision the movement rests on: <c>&lt;application&gt;/&lt;history sequence&gt;</c>.</summary>
    public string BeschikkingRef { get; init; } = "";
    /// <summary>The decision's date (Amsterdam).</summary>
    public string BeschikkingDate { get; init; } = "";
    /// <summary>The date it was recorded (Amsterdam).</summary>
    public required string TransactionDate { get; init; }
    /// <summary>Its value date.</summary>
    public required string ValueDate { get; init; }
    /// <summary>The year of the value date.</summary>
    public required int FiscalYear { get; init; }
    /// <summary>Signed cents: negative for a movement that undoes its type (a released commitment, a returned payment).</summary>
    public required long AmountCents { get; init; }
    /// <summary>The debited account.</summary>
    public required string DebitAccount { get; init; }
    /// <summary>The credited account.</summary>
    public required string CreditAccount { get; init; }
    /// <summary>subsidie, overhead, bijdrage, natura, plafond, overdracht.</summary>
    public string CostCategory { get; init; } = "";
    /// <summary>The overhead percentage charged.</summary>
    public string OverheadPct { get; init; } = "";
    /// <summary>The source's part of the project's costs, in percent.</summary>
    public string CofinancingPct { get; init; } = "";
    /// <summary>The levy's rate per inhabitant.</summary>
    public string PerResidentRate { get; init; } = "";
    /// <summary>The inhabitants the levy was invoiced on.</summary>
    public string Population { get; init; } = "";
    /// <summary>A, B or C.</summary>
    public string AccountabilityTier { get; init; } = "";
    /// <summary>Who submitted the application.</summary>
    public string PreparedBy { get; init; } = "";
    /// <summary>Who decided (two approvers of a tier C decision as <c>first+second</c>).</summary>
    public string ApprovedBy { get; init; } = "";
    /// <summary>The transaction this one reverses.</summary>
    public string ReversesTransactionId { get; init; } = "";
    /// <summary>The ISO 11649 creditor reference (<c>RF…</c>) of the levy invoice the row books or settles, else empty.</summary>
    public string CreditorReference { get; init; } = "";
    /// <summary>
    /// The reference that finds the line at the bank: the bank's entry reference of the statement line it was booked
    /// from (its EndToEndId when the bank gave none), else the receipt or payment id it was recorded under; else empty.
    /// </summary>
    public string BankReference { get; init; } = "";
    /// <summary>The entry's hash.</summary>
    public required string EntryHash { get; init; }
    /// <summary>The hash of the entry before it in its journal.</summary>
    public required string PrevHash { get; init; }
}
