namespace Complaints.Warehouse;

/// <summary>
/// The shared filters of pages and API. Dates are inclusive days of receipt in the reporting time zone.
/// Later filters (product, line, channel…) join here so every query narrows the same way.
/// </summary>
public sealed record ComplaintFilter(DateOnly? From = null, DateOnly? To = null)
{
    public static readonly ComplaintFilter All = new();

    /// <summary>A predicate over <c>complaints c</c>; bind its values with <see cref="Parameters"/>.</summary>
    public const string Predicate = """
        (CAST($from_instant AS TIMESTAMPTZ) IS NULL OR c.received_at >= CAST($from_instant AS TIMESTAMPTZ))
        AND (CAST($to_instant AS TIMESTAMPTZ) IS NULL OR c.received_at < CAST($to_instant AS TIMESTAMPTZ))
        """;

    /// <summary>
    /// The day bounds become instants once, here: local midnight of <see cref="From"/> and of the day after
    /// <see cref="To"/> in the reporting zone (DST-aware), so the warehouse compares timestamps instead of
    /// converting every row's time zone. <c>$tz</c> is bound too, for queries that bucket by local date.
    /// </summary>
    public (string Name, object? Value)[] Parameters(string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        return [("from_instant", StartOfDay(From, zone)), ("to_instant", StartOfDay(To?.AddDays(1), zone)), ("tz", timeZone)];
    }

    private static DateTimeOffset? StartOfDay(DateOnly? day, TimeZoneInfo zone)
    {
        if (day is not { } d)
            return null;
        var local = d.ToDateTime(TimeOnly.MinValue);
        // Midnight can fall in a DST gap in some zones; the day then starts at the first valid minute.
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
