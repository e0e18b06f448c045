namespace PvoFinance.Exports;

/// <summary>The <c>transactions.csv</c> layout: every column of <see cref="TransactionRow"/>, totals by IATI type and Awb phase, and per account.</summary>
public static class TransactionExport
{
    /// <summary>The columns of transactions.csv, in file order.</summary>
    public static IReadOnlyList<CsvColumn<TransactionRow>> Columns { get; } =
    [
        CsvColumn<TransactionRow>.OfText("transaction_id", r => r.TransactionId),
        CsvColumn<TransactionRow>.OfText("grant_id", r => r.GrantId),
        CsvColumn<TransactionRow>.OfText("activity_id", r => r.ActivityId),
        CsvColumn<TransactionRow>.OfText("project_title", r => r.ProjectTitle),
        CsvColumn<TransactionRow>.OfText("region_code", r => r.RegionCode),
        CsvColumn<TransactionRow>.OfText("region_name", r => r.RegionName),
        CsvColumn<TransactionRow>.OfText("funder_org_id", r => r.FunderOrgId),
        CsvColumn<TransactionRow>.OfText("funder_name", r => r.FunderName),
        CsvColumn<TransactionRow>.OfText("funder_type", r => r.FunderType),
        CsvColumn<TransactionRow>.OfText("recipient_org_id", r => r.RecipientOrgId),
        CsvColumn<TransactionRow>.OfText("recipient_name", r => r.RecipientName),
        CsvColumn<TransactionRow>.OfText("regrant_of", r => r.RegrantOf),
        CsvColumn<TransactionRow>.OfText("iati_transaction_type", r => r.IatiTransactionType),
        CsvColumn<TransactionRow>.OfText("awb_phase", r => r.AwbPhase),
        CsvColumn<TransactionRow>.OfText("beschikking_ref", r => r.BeschikkingRef),
        CsvColumn<TransactionRow>.OfText("beschikking_date", r => r.BeschikkingDate),
        CsvColumn<TransactionRow>.OfText("transaction_date", r => r.TransactionDate),
        CsvColumn<TransactionRow>.OfText("value_date", r => r.ValueDate),
        CsvColumn<TransactionRow>.OfNumber("fiscal_year", r => r.FiscalYear),
        CsvColumn<TransactionRow>.OfAmount("amount", r => r.AmountCents),
        CsvColumn<TransactionRow>.OfText("currency", _ => "EUR"),
        CsvColumn<TransactionRow>.OfText("debit_account", r => r.DebitAccount),
        CsvColumn<TransactionRow>.OfText("credit_account", r => r.CreditAccount),
        CsvColumn<TransactionRow>.OfText("cost_category", r => r.CostCategory),
        CsvColumn<TransactionRow>.OfText("overhead_pct", r => r.OverheadPct),
        CsvColumn<TransactionRow>.OfText("cofinancing_pct", r => r.CofinancingPct),
        CsvColumn<TransactionRow>.OfText("per_resident_rate", r => r.PerResidentRate),
        CsvColumn<TransactionRow>.OfText("population", r => r.Population),
        CsvColumn<TransactionRow>.OfText("accountability_tier", r => r.AccountabilityTier),
        CsvColumn<TransactionRow>.OfText("prepared_by", r => r.PreparedBy),
        CsvColumn<TransactionRow>.OfText("approved_by", r => r.ApprovedBy),
        CsvColumn<TransactionRow>.OfText("reverses_transaction_id", r => r.ReversesTransactionId),
        CsvColumn<TransactionRow>.OfText("creditor_reference", r => r.CreditorReference),
        CsvColumn<TransactionRow>.OfText("bank_reference", r => r.BankReference),
        CsvColumn<TransactionRow>.OfText("entry_hash", r => r.EntryHash),
        CsvColumn<TransactionRow>.OfText("prev_hash", r => r.PrevHash),
    ];

    /// <summary>The writer for transactions.</summary>
    public static CsvExportWriter<TransactionRow> Writer { get; } = new(Columns,
    groupBy: ["iati_transaction_type", "awb_phase"],
    accounts: r => (r.Journal, r.DebitAccount, r.CreditAccount, Math.Abs(r.AmountCents)));
}
