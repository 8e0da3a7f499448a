using System.Globalization;

namespace Complaints.Reports.Workbooks;

/// <summary>
/// Number formats of a report's language. Dates carry the language's locale code ([$-809] British English,
/// [$-415] Polish), so month names read in the report's language whichever locale opens the file.
/// </summary>
public sealed record CellFormats(string Date, string DateTime, string Month, string Money, string Count, string Percent, string Change, string Decimal)
{
    public static CellFormats For(CultureInfo culture, string currency)
    {
        var polish = culture.TwoLetterISOLanguageName == "pl";
        var locale = polish ? "[$-415]" : "[$-809]";
        return new CellFormats(
            Date: locale + (polish ? "dd.mm.yyyy" : "d mmm yyyy"),
            DateTime: locale + (polish ? "dd.mm.yyyy hh:mm" : "d mmm yyyy hh:mm"),
            Month: locale + (polish ? "mmmm yyyy" : "mmm yyyy"),
            // The ISO code as literal text: the amount is in the reporting currency, whatever the reader's locale.
            Money: $"#,##0.00 \"{currency}\"",
            Count: "#,##0",
            Percent: "0.0%",
            Change: "+0.0%;-0.0%;0.0%",
            Decimal: "#,##0.0");
    }
}
