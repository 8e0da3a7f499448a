namespace Complaints.Reports.Subscriptions;

/// <summary>
/// A subscription's period, resolved at each run against the local day it runs on (reporting time zone): a report sent
/// on Monday 7:00 for "last full week" covers the Monday to Sunday just ended.
/// </summary>
public static class RelativePeriod
{
    public const string All = "all";

    public static readonly IReadOnlyList<string> Names = ["last-full-week", "last-full-month", "month-to-date", "last-7-days", "last-30-days", "last-full-quarter", All];

    public static bool IsKnown(string? name) => name is not null && Names.Contains(name);

    /// <summary>The first and last day of the period for a run on <paramref name="today"/>; null for all dates.</summary>
    public static (DateOnly From, DateOnly To)? Resolve(string name, DateOnly today)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var quarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var sinceMonday = ((int)today.DayOfWeek + 6) % 7;
        return name switch
        {
            "last-full-week" => (today.AddDays(-sinceMonday - 7), today.AddDays(-sinceMonday - 1)),
            "last-full-month" => (monthStart.AddMonths(-1), monthStart.AddDays(-1)),
            "month-to-date" => (monthStart, today),
            "last-7-days" => (today.AddDays(-7), today.AddDays(-1)),
            "last-30-days" => (today.AddDays(-30), today.AddDays(-1)),
            "last-full-quarter" => (quarterStart.AddMonths(-3), quarterStart.AddDays(-1)),
            All => null,
            _ => throw new ArgumentException($"Unknown period '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
