using System.Collections.Concurrent;

namespace Complaints.Warehouse.Sla;

/// <summary>Opening hours of one weekday. An <see cref="End"/> of 00:00 means the end of the day (24:00).</summary>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End)
{
    public bool RunsToMidnight => End == TimeOnly.MinValue;

    public bool IsValid => RunsToMidnight || Start < End;

    /// <summary>Parses "08:00-16:00".</summary>
    public static bool TryParse(string? text, out WorkingHours? hours)
    {
        hours = null;
        var parts = text?.Split('-', StringSplitOptions.TrimEntries);
        if (parts is not [var start, var end]
            || !TimeOnly.TryParseExact(start, "HH:mm", out var from)
            || !TimeOnly.TryParseExact(end, "HH:mm", out var to))
            return false;
        hours = new WorkingHours(from, to);
        return hours.IsValid;
    }
}

/// <summary>
/// Business time: only the hours inside each weekday's working hours count, in one time zone, and
/// holidays count nothing. Windows are built from local wall-clock times and converted to instants
/// per day, so a DST change shortens or lengthens nothing but the night.
/// </summary>
public sealed class BusinessCalendar
{
    // Ten years without a single working hour means a broken calendar, not a real due time.
    private const int MaxDaysToSearch = 3660;

    private readonly IReadOnlyDictionary<DayOfWeek, WorkingHours> _hours;
    private readonly IHolidayCalendar _holidays;
    // Zone conversions dominate the cost; a few years of dates cover every complaint, so each
    // date's window is worked out once.
    private readonly ConcurrentDictionary<DateOnly, (DateTimeOffset Opens, DateTimeOffset Closes)?> _windows = new();

    public BusinessCalendar(IReadOnlyDictionary<DayOfWeek, WorkingHours> hours, TimeZoneInfo timeZone, IHolidayCalendar holidays)
    {
        if (hours.Count == 0)
            throw new ArgumentException("A business calendar needs at least one working day.", nameof(hours));
        if (hours.FirstOrDefault(h => !h.Value.IsValid) is { Value: not null } bad)
            throw new ArgumentException($"Working hours on {bad.Key} end before they start.", nameof(hours));
        _hours = hours;
        TimeZone = timeZone;
        _holidays = holidays;
    }

    public static BusinessCalendar MondayToFriday(TimeOnly start, TimeOnly end, TimeZoneInfo timeZone, IHolidayCalendar holidays)
    {
        var hours = new WorkingHours(start, end);
        var week = new Dictionary<DayOfWeek, WorkingHours>
        {
            [DayOfWeek.Monday] = hours,
            [DayOfWeek.Tuesday] = hours,
            [DayOfWeek.Wednesday] = hours,
            [DayOfWeek.Thursday] = hours,
            [DayOfWeek.Friday] = hours,
        };
        return new BusinessCalendar(week, timeZone, holidays);
    }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The working window of a local date as instants, or null on a closed day.</summary>
    public (DateTimeOffset Opens, DateTimeOffset Closes)? WorkingWindow(DateOnly date) =>
        // Looked up first: the method group given to GetOrAdd is a new delegate on every call, and this runs per day counted.
        _windows.TryGetValue(date, out var window) ? window : _windows.GetOrAdd(date, ComputeWorkingWindow);

    private (DateTimeOffset Opens, DateTimeOffset Closes)? ComputeWorkingWindow(DateOnly date)
    {
        if (!_hours.TryGetValue(date.DayOfWeek, out var hours) || _holidays.IsHoliday(date))
            return null;
        var opens = LocalClock.ToInstant(date, hours.Start, TimeZone);
        var closes = hours.RunsToMidnight
            ? LocalClock.ToInstant(date.AddDays(1), TimeOnly.MinValue, TimeZone)
            : LocalClock.ToInstant(date, hours.End, TimeZone);
        return (opens, closes);
    }

    /// <summary>Business time between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
            return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        var last = LocalClock.LocalDate(to, TimeZone);
        // Start a day early: a window is keyed by its local date, and the instant may sit in the
        // previous local day's window only if that window ran to midnight; one extra day is cheap.
        for (var date = LocalClock.LocalDate(from, TimeZone).AddDays(-1); date <= last; date = date.AddDays(1))
        {
            if (WorkingWindow(date) is not { } window)
                continue;
            var (opens, closes) = window;
            var start = opens > from ? opens : from;
            var end = closes < to ? closes : to;
            if (end > start)
                total += end - start;
        }
        return total;
    }

    /// <summary>
    /// The instant at which <paramref name="businessTime"/> of working time has passed after
    /// <paramref name="start"/>. A target used up exactly at closing time is due at closing time,
    /// not at the next opening.
    /// </summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan businessTime)
    {
        if (businessTime <= TimeSpan.Zero)
            return start;
        var remaining = businessTime;
        var firstDate = LocalClock.LocalDate(start, TimeZone).AddDays(-1);
        for (var date = firstDate; date <= firstDate.AddDays(MaxDaysToSearch); date = date.AddDays(1))
        {
            if (WorkingWindow(date) is not { } window || window.Closes <= start)
                continue;
            var (opens, closes) = window;
            var from = opens > start ? opens : start;
            var available = closes - from;
            if (remaining <= available)
                return from + remaining;
            remaining -= available;
        }
        throw new InvalidOperationException($"No working time found within {MaxDaysToSearch} days after {start:O}.");
    }
}
