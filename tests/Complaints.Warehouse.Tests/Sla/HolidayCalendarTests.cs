using Complaints.Warehouse.Sla;

namespace Complaints.Warehouse.Tests.Sla;

public sealed class HolidayCalendarTests
{
    private static readonly CountryHolidayCalendar Poland = CountryHolidayCalendar.Poland();

    [Theory]
    // Easter Sunday and Monday (Easter: 31 Mar 2024, 20 Apr 2025, 5 Apr 2026).
    [InlineData("2024-03-31")] [InlineData("2024-04-01")]
    [InlineData("2025-04-20")] [InlineData("2025-04-21")]
    [InlineData("2026-04-05")] [InlineData("2026-04-06")]
    // Pentecost, Easter + 49 days (a Sunday, but a holiday in its own right).
    [InlineData("2024-05-19")] [InlineData("2025-06-08")] [InlineData("2026-05-24")]
    // Corpus Christi, Easter + 60 days (a Thursday).
    [InlineData("2024-05-30")] [InlineData("2025-06-19")] [InlineData("2026-06-04")]
    // Fixed dates.
    [InlineData("2025-01-01")] [InlineData("2025-01-06")] [InlineData("2025-05-01")] [InlineData("2025-05-03")]
    [InlineData("2025-08-15")] [InlineData("2025-11-01")] [InlineData("2025-11-11")]
    [InlineData("2025-12-25")] [InlineData("2025-12-26")]
    // Christmas Eve is a holiday from 2025 on.
    [InlineData("2025-12-24")] [InlineData("2026-12-24")]
    public void Polish_public_holidays_are_known(string date) =>
        Assert.True(Poland.IsHoliday(Warsaw.Date(date)));

    [Theory]
    [InlineData("2024-12-24")] // Christmas Eve before the 2025 change: a working day.
    [InlineData("2025-04-18")] // Good Friday is not a holiday in Poland.
    [InlineData("2025-06-09")] // Nor is Whit Monday.
    [InlineData("2025-11-10")] // The Monday before Independence Day.
    [InlineData("2026-01-02")]
    public void Ordinary_days_are_not_holidays(string date) =>
        Assert.False(Poland.IsHoliday(Warsaw.Date(date)));

    [Theory]
    [InlineData(2024, 13)]
    [InlineData(2025, 14)]
    [InlineData(2026, 14)]
    public void Poland_has_thirteen_holidays_a_year_and_fourteen_from_2025(int year, int count) =>
        Assert.Equal(count, Poland.HolidaysIn(year).Count);

    [Fact]
    public void Holidays_on_a_weekend_are_not_moved_to_a_weekday()
    {
        // 3 May 2025 is a Saturday; Polish law gives no substitute public holiday on the Friday or Monday.
        Assert.True(Poland.IsHoliday(Warsaw.Date("2025-05-03")));
        Assert.False(Poland.IsHoliday(Warsaw.Date("2025-05-02")));
        Assert.False(Poland.IsHoliday(Warsaw.Date("2025-05-05")));
    }

    [Fact]
    public void A_configured_calendar_adds_and_removes_dates_on_top_of_a_country()
    {
        var calendar = new HolidayCalendarSettings
        {
            Country = "PL",
            ExtraDates = [Warsaw.Date("2025-05-02")],
            RemovedDates = [Warsaw.Date("2025-11-11")],
        }.Build();

        Assert.True(calendar.IsHoliday(Warsaw.Date("2025-05-02")));
        Assert.False(calendar.IsHoliday(Warsaw.Date("2025-11-11")));
        Assert.True(calendar.IsHoliday(Warsaw.Date("2025-04-21")));
    }

    [Fact]
    public void A_calendar_without_a_country_is_just_its_list_of_dates()
    {
        var calendar = new HolidayCalendarSettings { Country = null, ExtraDates = [Warsaw.Date("2025-07-04")] }.Build();

        Assert.True(calendar.IsHoliday(Warsaw.Date("2025-07-04")));
        Assert.False(calendar.IsHoliday(Warsaw.Date("2025-01-01")));
    }

    [Fact]
    public void Another_country_comes_from_the_same_package()
    {
        var czechia = CountryHolidayCalendar.TryForCountry("cz");

        Assert.NotNull(czechia);
        Assert.True(czechia.IsHoliday(Warsaw.Date("2025-07-06"))); // Jan Hus Day.
        Assert.False(czechia.IsHoliday(Warsaw.Date("2025-05-03"))); // A Polish holiday only.
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("Poland")]
    [InlineData("12")]
    public void An_unknown_country_is_reported_with_its_setting(string country)
    {
        var problems = new HolidayCalendarSettings { Country = country }.Validate("Sla:Statutory:Holidays").ToList();

        Assert.Equal($"Sla:Statutory:Holidays:Country '{country}' is not a country with a known holiday calendar (use an ISO code such as PL, or leave it empty and list ExtraDates).", Assert.Single(problems));
    }
}
