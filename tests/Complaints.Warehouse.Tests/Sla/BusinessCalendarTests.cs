using Complaints.Warehouse.Sla;

namespace Complaints.Warehouse.Tests.Sla;

public sealed class BusinessCalendarTests
{
    // Monday to Friday 08:00-16:00 in Warsaw, Polish holidays.
    private readonly BusinessCalendar _office = BusinessCalendar.MondayToFriday(new TimeOnly(8, 0), new TimeOnly(16, 0), Warsaw.Zone, CountryHolidayCalendar.Poland());

    [Fact]
    public void Across_a_weekend_only_the_working_hours_count()
    {
        // Friday 14 Mar 2025 14:00-16:00 (2 h) + Monday 17 Mar 08:00-10:00 (2 h) = 4 h.
        Assert.Equal(TimeSpan.FromHours(4), _office.Elapsed(Warsaw.At("2025-03-14 14:00"), Warsaw.At("2025-03-17 10:00")));
        Assert.Equal(Warsaw.At("2025-03-17 10:00"), _office.AddBusinessTime(Warsaw.At("2025-03-14 14:00"), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Across_a_holiday_the_holiday_counts_nothing()
    {
        // Wednesday 30 Apr 2025 15:00-16:00 (1 h), Thursday 1 May is Labour Day, Friday 2 May 08:00-09:00 (1 h).
        Assert.Equal(TimeSpan.FromHours(2), _office.Elapsed(Warsaw.At("2025-04-30 15:00"), Warsaw.At("2025-05-02 09:00")));
        // 8 h from Wednesday 15:00: 1 h on Wednesday, the 7 h left end at 15:00 on Friday.
        Assert.Equal(Warsaw.At("2025-05-02 15:00"), _office.AddBusinessTime(Warsaw.At("2025-04-30 15:00"), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Starting_outside_working_hours_the_clock_starts_at_the_next_opening()
    {
        // Saturday noon: nothing counts until Monday 08:00, so 1 h is due at 09:00.
        Assert.Equal(Warsaw.At("2025-03-17 09:00"), _office.AddBusinessTime(Warsaw.At("2025-03-15 12:00"), TimeSpan.FromHours(1)));
        // Tuesday 06:00: the day opens at 08:00.
        Assert.Equal(Warsaw.At("2025-03-18 08:30"), _office.AddBusinessTime(Warsaw.At("2025-03-18 06:00"), TimeSpan.FromMinutes(30)));
        // From Monday evening to Tuesday morning before opening: no business time at all.
        Assert.Equal(TimeSpan.Zero, _office.Elapsed(Warsaw.At("2025-03-17 18:00"), Warsaw.At("2025-03-18 07:00")));
    }

    [Fact]
    public void A_target_used_up_at_closing_time_is_due_at_closing_time()
    {
        // A full 8 h day from Monday 08:00 ends Monday 16:00, not Tuesday 08:00.
        Assert.Equal(Warsaw.At("2025-03-17 16:00"), _office.AddBusinessTime(Warsaw.At("2025-03-17 08:00"), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void In_the_week_summer_time_starts_a_working_day_is_still_eight_hours()
    {
        // Clocks go forward on Sunday 30 Mar 2025. Friday 28 Mar 15:00 CET to Monday 31 Mar 09:00 CEST:
        // 1 h on Friday + 1 h on Monday = 2 h, although 65 h pass in UTC.
        var from = Warsaw.At("2025-03-28 15:00");
        var to = Warsaw.At("2025-03-31 09:00");

        Assert.Equal(new DateTimeOffset(2025, 3, 31, 7, 0, 0, TimeSpan.Zero), to);
        Assert.Equal(TimeSpan.FromHours(2), _office.Elapsed(from, to));
        Assert.Equal(to, _office.AddBusinessTime(from, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void In_the_week_summer_time_ends_a_full_week_is_forty_hours()
    {
        // Clocks go back on Sunday 26 Oct 2025; Monday 20 Oct 08:00 to Monday 27 Oct 08:00 holds five 8 h days.
        Assert.Equal(TimeSpan.FromHours(40), _office.Elapsed(Warsaw.At("2025-10-20 08:00"), Warsaw.At("2025-10-27 08:00")));
        Assert.Equal(Warsaw.At("2025-10-27 16:00"), _office.AddBusinessTime(Warsaw.At("2025-10-20 08:00"), TimeSpan.FromHours(48)));
    }

    [Fact]
    public void A_round_the_clock_day_is_as_long_as_the_wall_clock_day()
    {
        // A desk open all Sunday: on 30 Mar 2025 the day has 23 hours, on 26 Oct 2025 it has 25.
        var sundays = new BusinessCalendar(
            new Dictionary<DayOfWeek, WorkingHours> { [DayOfWeek.Sunday] = new(TimeOnly.MinValue, TimeOnly.MinValue) },
            Warsaw.Zone,
            ConfiguredHolidayCalendar.FromDates([]));

        Assert.Equal(TimeSpan.FromHours(23), sundays.Elapsed(Warsaw.At("2025-03-29 12:00"), Warsaw.At("2025-03-31 12:00")));
        Assert.Equal(TimeSpan.FromHours(25), sundays.Elapsed(Warsaw.At("2025-10-25 12:00"), Warsaw.At("2025-10-27 12:00")));
    }

    [Fact]
    public void Working_hours_that_start_in_the_skipped_hour_start_after_the_jump()
    {
        // 02:30 does not exist on 30 Mar 2025 in Warsaw; a shift "02:30-06:00" that night opens at 03:30 CEST.
        var night = new BusinessCalendar(
            new Dictionary<DayOfWeek, WorkingHours> { [DayOfWeek.Sunday] = new(new TimeOnly(2, 30), new TimeOnly(6, 0)) },
            Warsaw.Zone,
            ConfiguredHolidayCalendar.FromDates([]));

        var window = night.WorkingWindow(Warsaw.Date("2025-03-30"));

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 30, 0, TimeSpan.Zero), window!.Value.Opens);
        Assert.Equal(TimeSpan.FromMinutes(150), window.Value.Closes - window.Value.Opens);
    }

    [Theory]
    [InlineData("08:00-16:00", true)]
    [InlineData("00:00-00:00", true)]
    [InlineData("16:00-08:00", false)]
    [InlineData("8-16", false)]
    [InlineData("", false)]
    public void Working_hours_are_written_as_a_range_of_times(string text, bool valid) =>
        Assert.Equal(valid, WorkingHours.TryParse(text, out _));
}
