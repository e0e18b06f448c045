using System.Diagnostics;
using NodaTime;
using PvoFinance.Banking;

namespace PvoFinance.Infra.Tests;

/// <summary>
/// scripts/test-bank.py, the bank a newcomer tries the bank loop with by hand (README): the statement it writes for a
/// pain.001 the service made is one the service reads, with every payment debited under its EndToEndId and the credits
/// with their references, balanced to the cent.
/// </summary>
public sealed class TestBankScriptTests
{
    private static BankAccount Account(string iban, string holder) =>
        BankAccount.TryCreate(iban, holder, null, out var account, out _, out var error) ? account! : throw new ArgumentException(error);

    [Fact]
    public async Task The_test_banks_statement_debits_each_payment_of_the_batch_and_credits_each_levy_paid()
    {
        var ministry = Account("NL02ABNA0123456789", "Ministerie van Justitie en Veiligheid");
        var limburg = Account("NL91ABNA0417164300", "Stichting PVO Limburg");
        var lines = new[]
        {
            new PaymentLine(1, "advance:app-1:0", new Money(20_000_00), ministry, limburg, null, "Voorschot"),
            new PaymentLine(2, "advance:app-2:0", new Money(1_234_56), ministry, limburg, null, null),
        };
        var (batch, _, reason) = PaymentBatch.Create(7, Instant.FromUtc(2026, 12, 3, 9, 0), new LocalDate(2026, 12, 4), lines);
        Assert.True(batch is not null, reason);
        var dir = Directory.CreateTempSubdirectory("test-bank-");
        try
        {
            var pain = Path.Combine(dir.FullName, "PVO0000007.xml");
            await File.WriteAllBytesAsync(pain, Pain001.Write(batch!, "Ministerie van Justitie en Veiligheid"));
            var reference = LevyReference.For("jenv-pvo", 2026, "0983").Value;
            var camt = await RunAsync("--pain", pain, "--opening", "100000.00", "--date", "2026-12-04",
                "--credit", $"3127.50:NL20INGB0001234567:{reference}", "--credit", "25.00:NL39RABO0300065264:bijdrage");

            Assert.True(StatementReader.TryRead(camt, null, out var statement, out var error), error?.Message);
            Assert.Equal(ministry.Iban, statement!.Account);
            Assert.Equal(new Money(100_000_00 - 20_000_00 - 1_234_56 + 3_127_50 + 25_00), statement.Closing);
            Assert.Equal(
                [("debit", 20_000_00L, batch!.EndToEndIdOf(lines[0]).Value), ("debit", 1_234_56L, batch.EndToEndIdOf(lines[1]).Value),
                    ("credit", 3_127_50L, "NOTPROVIDED"), ("credit", 25_00L, "NOTPROVIDED")],
                statement.Lines.Select(l => (l.Direction == StatementDirection.Debit ? "debit" : "credit", l.Amount.Cents, l.EndToEndId ?? "NOTPROVIDED")));
            Assert.Equal(reference, statement.Lines[2].CreditorReference?.Value);
            Assert.Equal(["TB-20261204-1", "TB-20261204-2", "TB-20261204-3", "TB-20261204-4"], statement.Lines.Select(l => l.BankReference));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<byte[]> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(InfraFiles.Root, "scripts", "test-bank.py"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await copy;
        Assert.True(process.ExitCode == 0, await errors);
        return output.ToArray();
    }
}
