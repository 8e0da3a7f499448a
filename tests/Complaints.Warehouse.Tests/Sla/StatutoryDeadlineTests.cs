using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Warehouse.Tests.Sla;

public sealed class StatutoryDeadlineTests
{
    private readonly StatutoryDeadline _polish = StatutoryDeadline.Polish();

    [Theory]
    // Thursday before Easter 2025: 17 Apr + 14 = 1 May (Thursday, Labour Day) -> 2 May, a Friday that is a working day.
    [InlineData("2025-04-17 10:00", "2025-05-02")]
    // Over New Year: 18 Dec 2025 + 14 = 1 Jan 2026 (New Year's Day) -> 2 Jan, a Friday.
    [InlineData("2025-12-18 12:00", "2026-01-02")]
    // Landing on 1 May: 17 Apr 2026 + 14 = 1 May 2026 (Friday, holiday) -> Sat 2 -> Sun 3 May (holiday too) -> Monday 4 May.
    [InlineData("2026-04-17 09:00", "2026-05-04")]
    // Landing on 3 May: 19 Apr 2024 + 14 = 3 May 2024 (Friday, Constitution Day) -> Sat 4 -> Sun 5 -> Monday 6 May.
    [InlineData("2024-04-19 15:00", "2024-05-06")]
    // Landing on a Sunday: 16 Mar 2025 + 14 = 30 Mar 2025 (Sunday) -> Monday 31 Mar.
    [InlineData("2025-03-16 11:00", "2025-03-31")]
    // Landing on Christmas Eve 2025, a holiday from that year: 10 Dec + 14 = 24 Dec -> 25, 26 holidays -> weekend -> Monday 29 Dec.
    [InlineData("2025-12-10 08:00", "2025-12-29")]
    // The same in 2024, when 24 Dec was still a working day: 10 Dec + 14 = Tuesday 24 Dec stays.
    [InlineData("2024-12-10 08:00", "2024-12-24")]
    // Received at the very end of a day: the receipt day still does not count. 2 Jan 2025 23:59 + 14 = Thursday 16 Jan.
    [InlineData("2025-01-02 23:59", "2025-01-16")]
    public void Deadline_is_fourteen_days_after_receipt_moved_to_the_next_working_day(string receivedLocal, string expected) =>
        Assert.Equal(Warsaw.Date(expected), _polish.DeadlineFor(Warsaw.At(receivedLocal)));

    [Fact]
    public void Receipt_late_evening_UTC_counts_from_the_Warsaw_date()
    {
        // 23:30 UTC on Thursday 6 Mar 2025 is 00:30 on Friday 7 Mar in Warsaw (UTC+1), so counting
        // starts on 8 Mar: 7 Mar + 14 = Friday 21 Mar. Counting in UTC would give 20 Mar, a day too early.
        var receivedAt = new DateTimeOffset(2025, 3, 6, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(Warsaw.Date("2025-03-21"), _polish.DeadlineFor(receivedAt));
    }

    [Fact]
    public void Receipt_late_evening_UTC_in_summer_time_counts_from_the_Warsaw_date()
    {
        // 22:30 UTC on 30 Jun 2025 is 00:30 on 1 Jul in Warsaw (UTC+2): 1 Jul + 14 = Tuesday 15 Jul.
        var receivedAt = new DateTimeOffset(2025, 6, 30, 22, 30, 0, TimeSpan.Zero);

        Assert.Equal(Warsaw.Date("2025-07-15"), _polish.DeadlineFor(receivedAt));
    }

    [Fact]
    public void An_answer_sent_late_on_the_deadline_day_is_in_time()
    {
        // Deadline 2 May 2025 (see above); 23:59 Warsaw on that day is still that day.
        var assessment = _polish.Assess(Warsaw.At("2025-04-17 10:00"), Warsaw.At("2025-05-02 23:59"), null, Warsaw.At("2025-06-01 00:00"));

        Assert.Equal(new StatutoryAssessment(Warsaw.Date("2025-05-02"), Warsaw.Date("2025-05-02"), StatutoryOutcome.AnsweredInTime), assessment);
        Assert.True(assessment.Met);
        Assert.False(assessment.DeemedAccepted);
    }

    [Fact]
    public void An_answer_sent_after_midnight_Warsaw_is_late_and_the_complaint_deemed_accepted()
    {
        // 22:30 UTC on 2 May 2025 is 00:30 on 3 May in Warsaw (UTC+2), one day past the deadline.
        var answeredAt = new DateTimeOffset(2025, 5, 2, 22, 30, 0, TimeSpan.Zero);

        var assessment = _polish.Assess(Warsaw.At("2025-04-17 10:00"), answeredAt, null, Warsaw.At("2025-06-01 00:00"));

        Assert.Equal(StatutoryOutcome.AnsweredLate, assessment.Outcome);
        Assert.Equal(Warsaw.Date("2025-05-03"), assessment.AnsweredOn);
        Assert.False(assessment.Met);
        Assert.True(assessment.DeemedAccepted);
    }

    [Fact]
    public void Without_an_answer_date_the_resolution_time_is_the_answer()
    {
        var assessment = _polish.Assess(Warsaw.At("2025-04-17 10:00"), null, Warsaw.At("2025-04-30 16:00"), Warsaw.At("2025-06-01 00:00"));

        Assert.Equal(Warsaw.Date("2025-04-30"), assessment.AnsweredOn);
        Assert.True(assessment.Met);
    }

    [Fact]
    public void The_answer_date_wins_over_a_later_resolution()
    {
        // Answered in time, reopened and finally resolved after the deadline: the law looks at the first answer.
        var assessment = _polish.Assess(Warsaw.At("2025-04-17 10:00"), Warsaw.At("2025-04-28 10:00"), Warsaw.At("2025-05-20 10:00"), Warsaw.At("2025-06-01 00:00"));

        Assert.Equal(StatutoryOutcome.AnsweredInTime, assessment.Outcome);
    }

    [Fact]
    public void An_unanswered_complaint_is_pending_through_the_deadline_day_and_deemed_accepted_after_it()
    {
        var receivedAt = Warsaw.At("2025-04-17 10:00");
        var clock = new FakeTimeProvider(Warsaw.At("2025-05-02 23:59"));

        var onDeadlineDay = _polish.Assess(receivedAt, null, null, clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        var dayAfter = _polish.Assess(receivedAt, null, null, clock);

        Assert.Equal(StatutoryOutcome.Pending, onDeadlineDay.Outcome);
        Assert.Null(onDeadlineDay.Met);
        Assert.False(onDeadlineDay.DeemedAccepted);
        Assert.Equal(StatutoryOutcome.UnansweredOverdue, dayAfter.Outcome);
        Assert.False(dayAfter.Met);
        Assert.True(dayAfter.DeemedAccepted);
    }

    [Fact]
    public void An_answer_after_the_as_of_instant_did_not_exist_yet()
    {
        // Reproducing a report as of 10 May: the answer sent on 20 May must not count.
        var assessment = _polish.Assess(Warsaw.At("2025-04-17 10:00"), Warsaw.At("2025-05-20 10:00"), null, Warsaw.At("2025-05-10 00:00"));

        Assert.Equal(StatutoryOutcome.UnansweredOverdue, assessment.Outcome);
        Assert.Null(assessment.AnsweredOn);
    }

    [Fact]
    public void The_deadline_ends_at_Warsaw_midnight_after_the_deadline_day()
    {
        // Deadline 2 May 2025; midnight starting 3 May in summer time is 22:00 UTC on 2 May.
        Assert.Equal(new DateTimeOffset(2025, 5, 2, 22, 0, 0, TimeSpan.Zero), _polish.DeadlineEndsAt(Warsaw.At("2025-04-17 10:00")));
    }

    [Fact]
    public void Length_and_calendar_are_configuration()
    {
        // A 30-day jurisdiction with no holidays: 1 Mar 2025 + 30 = 31 Mar, a Monday.
        var deadline = new StatutoryDeadline(30, ConfiguredHolidayCalendar.FromDates([]), TimeZoneInfo.Utc);

        Assert.Equal(Warsaw.Date("2025-03-31"), deadline.DeadlineFor(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero)));
    }
}
