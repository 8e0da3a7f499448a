using Complaints.Warehouse.Sla;

namespace Complaints.Warehouse.Tests.Sla;

public sealed class SlaClockTests
{
    private static readonly IReadOnlySet<string> WaitingForCustomer = new HashSet<string> { "waiting_for_customer" };

    private readonly SlaClock _clock = new(
        BusinessCalendar.MondayToFriday(new TimeOnly(8, 0), new TimeOnly(16, 0), Warsaw.Zone, CountryHolidayCalendar.Poland()),
        StatutoryDeadline.Polish());

    // Received Monday 10 Mar 2025 09:00; waits for the customer from Monday 12:00 to Tuesday 12:00.
    private static IReadOnlyList<ClockPause> PauseMondayNoonToTuesdayNoon() => StatusIntervals.Pauses(
        StatusIntervals.FromChanges(
        [
            (Warsaw.At("2025-03-10 09:00"), "new"),
            (Warsaw.At("2025-03-10 10:00"), "in_progress"),
            (Warsaw.At("2025-03-10 12:00"), "waiting_for_customer"),
            (Warsaw.At("2025-03-11 12:00"), "in_progress"),
        ]),
        WaitingForCustomer);

    [Fact]
    public void Status_changes_become_intervals_and_the_last_stays_open()
    {
        var intervals = StatusIntervals.FromChanges([(Warsaw.At("2025-03-10 10:00"), "in_progress"), (Warsaw.At("2025-03-10 09:00"), "new")]);

        Assert.Equal(
            [new StatusInterval("new", Warsaw.At("2025-03-10 09:00"), Warsaw.At("2025-03-10 10:00")), new StatusInterval("in_progress", Warsaw.At("2025-03-10 10:00"), null)],
            intervals);
    }

    [Fact]
    public void Pause_and_resume_in_calendar_time()
    {
        var pauses = PauseMondayNoonToTuesdayNoon();

        // Monday 09:00 to Wednesday 09:00 is 48 h, of which 24 h were paused.
        Assert.Equal(TimeSpan.FromHours(24), _clock.Elapsed(SlaClockMode.Calendar, Warsaw.At("2025-03-10 09:00"), Warsaw.At("2025-03-12 09:00"), pauses));
        // A 24 h target: 3 h run before the pause, the remaining 21 h after Tuesday 12:00 end Wednesday 09:00.
        Assert.Equal(Warsaw.At("2025-03-12 09:00"), _clock.DueAt(new SlaTarget(TimeSpan.FromHours(24), SlaClockMode.Calendar), Warsaw.At("2025-03-10 09:00"), pauses));
    }

    [Fact]
    public void Pause_and_resume_in_business_hours()
    {
        var pauses = PauseMondayNoonToTuesdayNoon();

        // Monday 09-12 (3 h) + Tuesday 12-16 (4 h) + Wednesday 08-09 (1 h) = 8 h.
        Assert.Equal(TimeSpan.FromHours(8), _clock.Elapsed(SlaClockMode.BusinessHours, Warsaw.At("2025-03-10 09:00"), Warsaw.At("2025-03-12 09:00"), pauses));
        // An 8 h target: 3 h on Monday, 4 h on Tuesday afternoon, the last hour ends Wednesday 09:00.
        Assert.Equal(Warsaw.At("2025-03-12 09:00"), _clock.DueAt(new SlaTarget(TimeSpan.FromHours(8), SlaClockMode.BusinessHours), Warsaw.At("2025-03-10 09:00"), pauses));
    }

    [Fact]
    public void A_pause_spanning_a_weekend()
    {
        // Received Thursday 13 Mar 2025 09:00; waiting for the customer from Friday 14:00 to Monday 17 Mar 10:00.
        var pauses = new[] { new ClockPause(Warsaw.At("2025-03-14 14:00"), Warsaw.At("2025-03-17 10:00")) };
        var start = Warsaw.At("2025-03-13 09:00");
        var end = Warsaw.At("2025-03-17 12:00");

        // Business: Thursday 7 h + Friday 08-14 6 h + Monday 10-12 2 h = 15 h.
        Assert.Equal(TimeSpan.FromHours(15), _clock.Elapsed(SlaClockMode.BusinessHours, start, end, pauses));
        // Calendar: 99 h from Thursday 09:00 to Monday 12:00, less the 68 h pause = 31 h.
        Assert.Equal(TimeSpan.FromHours(31), _clock.Elapsed(SlaClockMode.Calendar, start, end, pauses));
        // 16 business hours: 13 h before the pause, 3 h from Monday 10:00 -> Monday 13:00.
        Assert.Equal(Warsaw.At("2025-03-17 13:00"), _clock.DueAt(new SlaTarget(TimeSpan.FromHours(16), SlaClockMode.BusinessHours), start, pauses));
    }

    [Fact]
    public void A_pause_that_began_before_the_clock_started_counts_only_from_the_start()
    {
        // Waiting from Sunday 9 Mar 2025 until Monday 10:00; the clock starts Monday 08:00 and runs to 12:00: 2 h count.
        var pauses = new[] { new ClockPause(Warsaw.At("2025-03-09 12:00"), Warsaw.At("2025-03-10 10:00")) };

        Assert.Equal(TimeSpan.FromHours(2), _clock.Elapsed(SlaClockMode.Calendar, Warsaw.At("2025-03-10 08:00"), Warsaw.At("2025-03-10 12:00"), pauses));
        Assert.Equal(Warsaw.At("2025-03-10 11:00"), _clock.DueAt(new SlaTarget(TimeSpan.FromHours(1), SlaClockMode.BusinessHours), Warsaw.At("2025-03-10 08:00"), pauses));
    }

    [Fact]
    public void A_pause_still_open_stops_the_clock_and_leaves_no_due_time()
    {
        var pauses = new[] { new ClockPause(Warsaw.At("2025-03-10 12:00"), null) };
        var start = Warsaw.At("2025-03-10 09:00");

        Assert.Equal(TimeSpan.FromHours(3), _clock.Elapsed(SlaClockMode.Calendar, start, Warsaw.At("2025-03-20 09:00"), pauses));
        Assert.Null(_clock.DueAt(new SlaTarget(TimeSpan.FromHours(24), SlaClockMode.Calendar), start, pauses));
        // A target reached before the pause began has a due time all the same.
        Assert.Equal(Warsaw.At("2025-03-10 11:00"), _clock.DueAt(new SlaTarget(TimeSpan.FromHours(2), SlaClockMode.Calendar), start, pauses));
    }

    [Fact]
    public void Overlapping_pausing_statuses_are_not_subtracted_twice()
    {
        var pausing = new HashSet<string> { "waiting_for_customer", "waiting_for_expert" };
        var pauses = StatusIntervals.Pauses(
        [
            new StatusInterval("waiting_for_customer", Warsaw.At("2025-03-10 10:00"), Warsaw.At("2025-03-10 14:00")),
            new StatusInterval("waiting_for_expert", Warsaw.At("2025-03-10 12:00"), Warsaw.At("2025-03-10 15:00")),
            new StatusInterval("in_progress", Warsaw.At("2025-03-10 15:00"), null),
        ], pausing);

        Assert.Equal([new ClockPause(Warsaw.At("2025-03-10 10:00"), Warsaw.At("2025-03-10 15:00"))], pauses);
        // 09:00 to 17:00 is 8 h, 5 h of them paused.
        Assert.Equal(TimeSpan.FromHours(3), _clock.Elapsed(SlaClockMode.Calendar, Warsaw.At("2025-03-10 09:00"), Warsaw.At("2025-03-10 17:00"), pauses));
    }

    [Fact]
    public void A_pause_in_the_week_summer_time_starts()
    {
        // Friday 28 Mar 2025 09:00 CET, waiting from 10:00 Friday to Monday 31 Mar 09:00 CEST.
        // Business: Friday 1 h; Monday 09:00-12:00 3 h -> 4 h. Calendar: 1 h + 3 h = 4 h as well, the lost night hour lies in the pause.
        var pauses = new[] { new ClockPause(Warsaw.At("2025-03-28 10:00"), Warsaw.At("2025-03-31 09:00")) };

        Assert.Equal(TimeSpan.FromHours(4), _clock.Elapsed(SlaClockMode.BusinessHours, Warsaw.At("2025-03-28 09:00"), Warsaw.At("2025-03-31 12:00"), pauses));
        Assert.Equal(TimeSpan.FromHours(4), _clock.Elapsed(SlaClockMode.Calendar, Warsaw.At("2025-03-28 09:00"), Warsaw.At("2025-03-31 12:00"), pauses));
        // Calendar 24 h from Saturday 29 Mar 12:00 CET (no pause) crosses the jump: Sunday 13:00 CEST.
        Assert.Equal(Warsaw.At("2025-03-30 13:00"), _clock.DueAt(new SlaTarget(TimeSpan.FromHours(24), SlaClockMode.Calendar), Warsaw.At("2025-03-29 12:00"), []));
    }

    [Fact]
    public void The_statutory_target_is_due_when_the_deadline_day_ends_and_ignores_pauses()
    {
        // Received Thursday before Easter 2025: deadline Friday 2 May, over at Warsaw midnight.
        var pauses = new[] { new ClockPause(Warsaw.At("2025-04-18 10:00"), Warsaw.At("2025-04-25 10:00")) };

        Assert.Equal(Warsaw.At("2025-05-03 00:00"), _clock.DueAt(SlaTarget.Statutory, Warsaw.At("2025-04-17 10:00"), pauses));
    }
}
