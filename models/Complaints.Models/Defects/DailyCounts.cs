using Complaints.Warehouse;
using DuckDB.NET.Data;

namespace Complaints.Models.Defects;

/// <summary>One product's (or product line's) complaints in one defect category, counted per local day.</summary>
public sealed record Series(string Scope, string? Sku, string Line, string Category, long[] Counts)
{
    public const string ProductScope = "product", LineScope = "line";

    /// <summary>Running sums of <see cref="Counts"/>, so any window's count is one subtraction.</summary>
    internal long[] Prefix { get; } = RunningSums(Counts);

    /// <summary>Stable name of the series: scope, product (or line) and category.</summary>
    public string Key => $"{Scope}|{Sku ?? Line}|{Category}";

    /// <summary>Complaints from day <paramref name="from"/> to <paramref name="to"/> (indexes, inclusive); days outside the range count zero.</summary>
    public long Count(int from, int to) => Window(Prefix, from, to);

    internal static long Window(long[] prefix, int from, int to)
    {
        from = Math.Max(from, 0);
        to = Math.Min(to, prefix.Length - 2);
        return to < from ? 0 : prefix[to + 1] - prefix[from];
    }

    internal static long[] RunningSums(long[] counts)
    {
        var prefix = new long[counts.Length + 1];
        for (var i = 0; i < counts.Length; i++)
            prefix[i + 1] = prefix[i] + counts[i];
        return prefix;
    }
}

/// <summary>
/// Daily complaint counts of every product × category and product line × category series, read once from the
/// warehouse. Each series also has an exposure: the rest of its product line on the same days, which carries the
/// line's season and the business's growth.
/// </summary>
public sealed class DailyCounts
{
    public DateOnly FirstDay { get; }
    public int Days { get; }
    public IReadOnlyList<Series> All { get; }

    private readonly Dictionary<string, (long[] Prefix, int FirstDay)> _lines = new(StringComparer.Ordinal);

    public DailyCounts(DateOnly firstDay, int days, IReadOnlyList<Series> productSeries)
    {
        FirstDay = firstDay;
        Days = days;
        var lineSeries = productSeries.GroupBy(s => (s.Line, s.Category))
            .Select(g => new Series(Series.LineScope, null, g.Key.Line, g.Key.Category, SumOf(g, days)))
            .ToList();
        All = [.. productSeries, .. lineSeries];
        foreach (var line in productSeries.GroupBy(s => s.Line))
        {
            var total = SumOf(line, days);
            _lines[line.Key] = (Series.RunningSums(total), Array.FindIndex(total, n => n > 0));
        }
    }

    public DateOnly Day(int index) => FirstDay.AddDays(index);

    public int IndexOf(DateOnly day) => day.DayNumber - FirstDay.DayNumber;

    /// <summary>Complaints of the series' product line outside the series itself, over the same days.</summary>
    public long Exposure(Series series, int from, int to) => Series.Window(_lines[series.Line].Prefix, from, to) - series.Count(from, to);

    /// <summary>The first day the series' product line had a complaint: its history starts there.</summary>
    public int FirstActiveDay(Series series) => _lines[series.Line].FirstDay;

    /// <summary>Reads the counts of complaints received before <paramref name="before"/>.</summary>
    public static DailyCounts Read(DuckDBConnection connection, string timeZone, DateTimeOffset before)
    {
        var rows = connection.QueryList(Sql.Load(typeof(DailyCounts).Assembly, "Defects.DailyCounts.sql"),
            r => (Sku: r.GetString(0), Line: r.GetString(1), Category: r.GetString(2), Day: DateOnly.FromDateTime(r.GetDateTime(3)), Count: r.GetInt64(4)),
            ("tz", timeZone), ("before", before));
        if (rows.Count == 0)
            return new DailyCounts(DateOnly.FromDateTime(before.UtcDateTime), 0, []);
        var first = rows.Min(r => r.Day);
        var days = rows.Max(r => r.Day).DayNumber - first.DayNumber + 1;
        var series = rows.GroupBy(r => (r.Sku, r.Line, r.Category)).Select(g =>
        {
            var counts = new long[days];
            foreach (var row in g)
                counts[row.Day.DayNumber - first.DayNumber] += row.Count;
            return new Series(Series.ProductScope, g.Key.Sku, g.Key.Line, g.Key.Category, counts);
        }).ToList();
        return new DailyCounts(first, days, series);
    }

    private static long[] SumOf(IEnumerable<Series> series, int days)
    {
        var sum = new long[days];
        foreach (var s in series)
            for (var i = 0; i < days; i++)
                sum[i] += s.Counts[i];
        return sum;
    }
}
