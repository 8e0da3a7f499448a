using System.Globalization;
using Complaints.Dashboards.Resources;
using Complaints.Warehouse.Overview;

namespace Complaints.Dashboards.Components;

/// <summary>
/// Numbers, dates and amounts as people read them, in the request's culture (the language switcher's choice):
/// "1,234.50 PLN" in English, "1 234,50 zł" in Polish (.NET's Polish group separator is a no-break space, U+00A0;
/// the space before "zł" is a plain one).
/// </summary>
public static class Format
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    public static string Count(long value) => value.ToString("N0", Culture);

    public static string Number(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);

    public static string Percent(double value) => Number(value, 1) + "%";

    public static string Days(double value) => UiText.Get("Format.Days", Number(value, value < 10 ? 1 : 0));

    public static string Hours(double value) => UiText.Get("Format.Hours", Number(value, 1));

    /// <summary>
    /// An amount in the culture's own currency with its symbol and pattern ("1 234,50 zł" for PLN in Polish);
    /// any other currency as the number and its ISO code ("1,234.50 PLN" in English, "20,00 EUR" in Polish).
    /// </summary>
    public static string Money(decimal value, string currency) =>
        string.Equals(CurrencyOf(Culture), currency, StringComparison.OrdinalIgnoreCase)
            ? value.ToString("C2", Culture)
            : $"{value.ToString("N2", Culture)} {currency}";

    public static string Month(DateOnly month) => month.ToString("MMM yyyy", Culture);

    /// <summary>A trend period by its first day: "3 Mar 2025", "week of 3 Mar 2025", "Mar 2025", "Q1 2025".</summary>
    public static string Period(DateOnly first, TimeBucket bucket) => bucket switch
    {
        TimeBucket.Day => Date(first),
        TimeBucket.Week => UiText.Get("Format.WeekOf", Date(first)),
        TimeBucket.Quarter => Quarter(first),
        _ => Month(first),
    };

    public static string Quarter(DateOnly first) => UiText.Get("Format.Quarter", (first.Month - 1) / 3 + 1, first.Year.ToString(CultureInfo.InvariantCulture));

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", Culture);

    /// <summary>A local date and time, e.g. "3 Mar 2025 14:05".</summary>
    public static string DateTime(DateTime local) => local.ToString("d MMM yyyy HH:mm", Culture);

    /// <summary>An instant in UTC with seconds, e.g. "3 Mar 2025 14:05:09 UTC" (ingest runs are logged in UTC).</summary>
    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("d MMM yyyy HH:mm:ss", Culture) + " UTC";

    private static string? CurrencyOf(CultureInfo culture)
    {
        try
        {
            return culture.IsNeutralCulture || culture.Name.Length == 0 ? null : new RegionInfo(culture.Name).ISOCurrencySymbol;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
