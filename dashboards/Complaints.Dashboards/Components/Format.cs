using System.Globalization;

namespace Complaints.Dashboards.Components;

/// <summary>Numbers as people read them, in the request's culture.</summary>
public static class Format
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Days(double value) => value.ToString(value < 10 ? "N1" : "N0", CultureInfo.CurrentCulture) + " d";

    public static string Money(decimal value, string currency) => $"{value.ToString("N2", CultureInfo.CurrentCulture)} {currency}";

    public static string Month(DateOnly month) => month.ToString("MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A trend period by its first day: "3 Mar 2025", "week of 3 Mar 2025", "Mar 2025", "Q1 2025".</summary>
    public static string Period(DateOnly first, Complaints.Warehouse.Overview.TimeBucket bucket) => bucket switch
    {
        Complaints.Warehouse.Overview.TimeBucket.Day => Date(first),
        Complaints.Warehouse.Overview.TimeBucket.Week => "week of " + Date(first),
        Complaints.Warehouse.Overview.TimeBucket.Quarter => $"Q{(first.Month - 1) / 3 + 1} {first.Year}",
        _ => Month(first),
    };

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.CurrentCulture);
}
