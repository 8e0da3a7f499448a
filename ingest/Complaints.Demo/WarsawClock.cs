using Complaints.Ingest.Feeds;

namespace Complaints.Demo;

/// <summary>
/// Demo time runs on UTC instants and is shown as Europe/Warsaw wall-clock time with the offset in force
/// at that instant (+01:00 in winter, +02:00 in summer), as a Polish ticketing system would export it.
/// </summary>
internal sealed class WarsawClock
{
    private const int WorkStartHour = 8;
    private const int WorkEndHour = 18;

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    public DateTimeOffset Local(DateTime utc)
    {
        var offset = _zone.GetUtcOffset(utc);
        return new DateTimeOffset(DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified), offset);
    }

    public DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(Local(utc).DateTime);

    /// <summary>The instant of a wall-clock time, by the rule ingest reads local times with.</summary>
    public DateTime ToUtc(DateOnly day, TimeSpan timeOfDay) => LocalTime.ToInstant(day.ToDateTime(TimeOnly.MinValue) + timeOfDay, _zone).UtcDateTime;

    /// <summary>
    /// Staff act in office hours (Mon–Fri 08:00–18:00 Warsaw time): an action due outside them happens
    /// early on the next working morning instead.
    /// </summary>
    public DateTime DuringOfficeHours(DateTime utc, Random random)
    {
        var local = Local(utc).DateTime;
        var day = DateOnly.FromDateTime(local);
        var isWorkingDay = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        if (isWorkingDay && local.Hour is >= WorkStartHour and < WorkEndHour)
            return utc;

        if (!isWorkingDay || local.Hour >= WorkEndHour)
            day = day.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            day = day.AddDays(1);
        return ToUtc(day, TimeSpan.FromHours(WorkStartHour) + TimeSpan.FromSeconds(random.Next(0, 2 * 3600)));
    }
}
