using System.Globalization;
using NodaTime;

namespace PvoFinance.Documents;

/// <summary>Dates and amounts as a Dutch letter writes them: "2 december 2026", "€ 20.000,00".</summary>
public static class DutchText
{
    private static readonly string[] Months =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    /// <summary>A date in words: day, month name, year.</summary>
    public static string Date(LocalDate date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day} {Months[date.Month - 1]} {date.Year}");

    /// <summary>An amount with a euro sign, thousands separated by dots and a decimal comma (culture-independent).</summary>
    public static string Euros(Money amount)
    {
        var abs = amount.Cents < 0 ? -(decimal)amount.Cents : amount.Cents;
        var whole = ((long)(abs / 100)).ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');
        var cents = ((long)(abs % 100)).ToString("00", CultureInfo.InvariantCulture);
        return (amount.Cents < 0 ? "-" : "") + "€ " + whole + "," + cents;
    }
}
