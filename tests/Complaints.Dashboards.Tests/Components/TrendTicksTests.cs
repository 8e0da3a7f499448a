using Complaints.Dashboards.Components.Charts;
using Complaints.Warehouse.Overview;

namespace Complaints.Dashboards.Tests.Components;

/// <summary>The trend's x-axis ticks (written by .NET, so they can be Polish): few enough to read, on calendar boundaries.</summary>
public sealed class TrendTicksTests
{
    private static List<DateOnly> Months(int year, int month, int count) =>
        Enumerable.Range(0, count).Select(i => new DateOnly(year, month, 1).AddMonths(i)).ToList();

    [Fact]
    public void A_year_of_months_has_a_tick_for_every_month()
    {
        Assert.Equal(Enumerable.Range(0, 12), TrendChart.TickIndexes(Months(2024, 1, 12), TimeBucket.Month));
    }

    [Fact]
    public void Two_years_of_months_are_ticked_on_calendar_quarters()
    {
        var months = Months(2024, 2, 24);

        var ticks = TrendChart.TickIndexes(months, TimeBucket.Month).Select(i => months[i]).ToList();

        Assert.All(ticks, m => Assert.Contains(m.Month, new[] { 1, 4, 7, 10 }));
        Assert.Equal(new DateOnly(2024, 4, 1), ticks[0]);
        Assert.Equal(8, ticks.Count);
    }

    [Fact]
    public void Many_days_get_about_ten_evenly_spaced_ticks_from_the_first()
    {
        var days = Enumerable.Range(0, 95).Select(i => new DateOnly(2024, 1, 1).AddDays(i)).ToList();

        var ticks = TrendChart.TickIndexes(days, TimeBucket.Day);

        Assert.Equal(0, ticks[0]);
        Assert.InRange(ticks.Count, 8, 12);
    }
}
