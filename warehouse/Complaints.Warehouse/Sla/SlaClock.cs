namespace Complaints.Warehouse.Sla;

/// <summary>How an SLA target is counted.</summary>
public enum SlaClockMode
{
    /// <summary>Wall time, around the clock.</summary>
    Calendar,
    /// <summary>Only working hours of the business calendar.</summary>
    BusinessHours,
    /// <summary>
    /// Due when the statutory deadline day ends; the duration is ignored and nothing pauses it,
    /// because the law does not stop counting while the seller waits for the customer.
    /// </summary>
    StatutoryDeadline,
}

/// <summary>A span during which a complaint stayed in one status; <see cref="To"/> is null while it still is.</summary>
public sealed record StatusInterval(string Status, DateTimeOffset From, DateTimeOffset? To);

/// <summary>A span during which the SLA clock is stopped; <see cref="End"/> is null while it still is.</summary>
public sealed record ClockPause(DateTimeOffset Start, DateTimeOffset? End);

public static class StatusIntervals
{
    /// <summary>
    /// Status intervals from a complaint's status changes: each change opens an interval that the
    /// next one closes; the last stays open.
    /// </summary>
    public static IReadOnlyList<StatusInterval> FromChanges(IEnumerable<(DateTimeOffset OccurredAt, string ToStatus)> changes)
    {
        var ordered = changes.ToList();
        // Measuring hands them over in time order already; sorting is only for callers that do not.
        if (!IsInTimeOrder(ordered))
            ordered = [.. ordered.OrderBy(c => c.OccurredAt)];
        var intervals = new List<StatusInterval>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            DateTimeOffset? to = i + 1 < ordered.Count ? ordered[i + 1].OccurredAt : null;
            intervals.Add(new StatusInterval(ordered[i].ToStatus, ordered[i].OccurredAt, to));
        }
        return intervals;
    }

    private static bool IsInTimeOrder(List<(DateTimeOffset OccurredAt, string ToStatus)> changes)
    {
        for (var i = 1; i < changes.Count; i++)
            if (changes[i].OccurredAt < changes[i - 1].OccurredAt)
                return false;
        return true;
    }

    /// <summary>The intervals spent in a pausing status, sorted and merged so overlaps never count twice.</summary>
    public static IReadOnlyList<ClockPause> Pauses(IEnumerable<StatusInterval> intervals, IReadOnlySet<string> pausingStatuses)
    {
        var merged = new List<ClockPause>();
        foreach (var interval in intervals.Where(i => pausingStatuses.Contains(i.Status)).OrderBy(i => i.From))
        {
            if (interval.To is { } to && to <= interval.From)
                continue;
            if (merged.Count > 0 && merged[^1] is var last && (last.End is null || last.End >= interval.From))
            {
                merged[^1] = last with { End = last.End is null || interval.To is null ? null : Max(last.End.Value, interval.To.Value) };
                continue;
            }
            merged.Add(new ClockPause(interval.From, interval.To));
        }
        return merged;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>
/// Measures elapsed SLA time and due times in each <see cref="SlaClockMode"/>, leaving out the
/// spans in which the clock is paused.
/// </summary>
public sealed class SlaClock(BusinessCalendar businessCalendar, StatutoryDeadline statutoryDeadline)
{
    /// <param name="pauses">Sorted, non-overlapping pauses, as <see cref="StatusIntervals.Pauses"/> returns them.</param>
    public TimeSpan Elapsed(SlaClockMode mode, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<ClockPause> pauses)
    {
        if (mode == SlaClockMode.StatutoryDeadline)
            return Measure(SlaClockMode.Calendar, from, to);
        var total = TimeSpan.Zero;
        var cursor = from;
        for (var i = 0; i < pauses.Count; i++) // not foreach: an interface's enumerator is an allocation per call
        {
            var pause = pauses[i];
            if (cursor >= to)
                break;
            if (pause.End is { } end && end <= cursor)
                continue;
            var runEnd = pause.Start < to ? pause.Start : to;
            total += Measure(mode, cursor, runEnd);
            if (pause.End is not { } resumed)
                return total;
            cursor = resumed > cursor ? resumed : cursor;
        }
        return total + Measure(mode, cursor, to);
    }

    /// <summary>
    /// When the target is used up, counting from <paramref name="start"/> and pushed later by every
    /// pause; null while a pause that is still open stops the clock before the target is reached.
    /// </summary>
    public DateTimeOffset? DueAt(SlaTarget target, DateTimeOffset start, IReadOnlyList<ClockPause> pauses)
    {
        if (target.Mode == SlaClockMode.StatutoryDeadline)
            return statutoryDeadline.DeadlineEndsAt(start);
        var remaining = target.Duration;
        var cursor = start;
        for (var i = 0; i < pauses.Count; i++)
        {
            var pause = pauses[i];
            if (pause.End is { } end && end <= cursor)
                continue;
            if (pause.Start > cursor)
            {
                var available = Measure(target.Mode, cursor, pause.Start);
                if (remaining <= available)
                    return Add(target.Mode, cursor, remaining);
                remaining -= available;
            }
            if (pause.End is not { } resumed)
                return null;
            cursor = resumed > cursor ? resumed : cursor;
        }
        return Add(target.Mode, cursor, remaining);
    }

    private TimeSpan Measure(SlaClockMode mode, DateTimeOffset from, DateTimeOffset to) => mode switch
    {
        SlaClockMode.BusinessHours => businessCalendar.Elapsed(from, to),
        _ => to > from ? to - from : TimeSpan.Zero,
    };

    private DateTimeOffset Add(SlaClockMode mode, DateTimeOffset start, TimeSpan duration) => mode switch
    {
        SlaClockMode.BusinessHours => businessCalendar.AddBusinessTime(start, duration),
        _ => start + duration,
    };
}
