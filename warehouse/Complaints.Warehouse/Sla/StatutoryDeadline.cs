namespace Complaints.Warehouse.Sla;

/// <summary>
/// The statutory answer deadline for a consumer complaint: a number of calendar days from receipt
/// (Polish law: 14), counted from the day after receipt, moved to the next working day when it
/// falls on a Saturday, Sunday or public holiday. Dates are those of the jurisdiction's time zone,
/// because the law counts days on the calendar where the complaint was received, not in UTC.
/// </summary>
public sealed class StatutoryDeadline
{
    public const int PolishLengthInDays = 14;

    private readonly IHolidayCalendar _holidays;

    public StatutoryDeadline(int lengthInDays, IHolidayCalendar holidays, TimeZoneInfo timeZone)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lengthInDays, 1);
        LengthInDays = lengthInDays;
        _holidays = holidays;
        TimeZone = timeZone;
    }

    /// <summary>Polish consumer law: 14 days, Polish public holidays, Europe/Warsaw.</summary>
    public static StatutoryDeadline Polish() =>
        new(PolishLengthInDays, CountryHolidayCalendar.Poland(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw"));

    public int LengthInDays { get; }

    public TimeZoneInfo TimeZone { get; }

    public DateOnly LocalDate(DateTimeOffset instant) => LocalClock.LocalDate(instant, TimeZone);

    /// <summary>The last day on which an answer is still in time.</summary>
    public DateOnly DeadlineFor(DateTimeOffset receivedAt)
    {
        // Adding N days to the receipt date is the same as counting N days starting with the next day.
        var deadline = LocalDate(receivedAt).AddDays(LengthInDays);
        while (!IsWorkingDay(deadline))
            deadline = deadline.AddDays(1);
        return deadline;
    }

    /// <summary>The first instant at which the deadline has passed: midnight local time after the deadline day.</summary>
    public DateTimeOffset DeadlineEndsAt(DateTimeOffset receivedAt) =>
        LocalClock.ToInstant(DeadlineFor(receivedAt).AddDays(1), TimeOnly.MinValue, TimeZone);

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.IsHoliday(date);

    /// <summary>The complaint's standing now, by the injected clock.</summary>
    public StatutoryAssessment Assess(DateTimeOffset receivedAt, DateTimeOffset? answeredAt, DateTimeOffset? resolvedAt, TimeProvider time) =>
        Assess(receivedAt, answeredAt, resolvedAt, time.GetUtcNow());

    /// <param name="answeredAt">When the answer with the decision was sent, if the feed gives it.</param>
    /// <param name="resolvedAt">The resolution time, used as the answer time when no separate answer time exists.</param>
    /// <param name="asOf">The instant the assessment is made for (the load time, or a past date for a reproduced report).</param>
    public StatutoryAssessment Assess(DateTimeOffset receivedAt, DateTimeOffset? answeredAt, DateTimeOffset? resolvedAt, DateTimeOffset asOf)
    {
        var deadline = DeadlineFor(receivedAt);
        var answer = answeredAt ?? resolvedAt;
        // An answer recorded after the as-of instant did not exist yet at that time.
        if (answer is { } sent && sent <= asOf)
        {
            var answeredOn = LocalDate(sent);
            var outcome = answeredOn <= deadline ? StatutoryOutcome.AnsweredInTime : StatutoryOutcome.AnsweredLate;
            return new StatutoryAssessment(deadline, answeredOn, outcome);
        }

        var overdue = LocalDate(asOf) > deadline;
        return new StatutoryAssessment(deadline, null, overdue ? StatutoryOutcome.UnansweredOverdue : StatutoryOutcome.Pending);
    }
}

public enum StatutoryOutcome
{
    /// <summary>Not answered yet, and the deadline has not passed.</summary>
    Pending,
    AnsweredInTime,
    AnsweredLate,
    /// <summary>Not answered and the deadline has passed.</summary>
    UnansweredOverdue,
}

/// <summary>One complaint's standing against the statutory deadline.</summary>
public sealed record StatutoryAssessment(DateOnly Deadline, DateOnly? AnsweredOn, StatutoryOutcome Outcome)
{
    /// <summary>True when answered in time, false when answered late or overdue, null while still pending.</summary>
    public bool? Met => Outcome switch
    {
        StatutoryOutcome.AnsweredInTime => true,
        StatutoryOutcome.Pending => null,
        _ => false,
    };

    /// <summary>The law treats a complaint not answered in time as accepted by the seller.</summary>
    public bool DeemedAccepted => Outcome is StatutoryOutcome.AnsweredLate or StatutoryOutcome.UnansweredOverdue;
}
