namespace Complaints.Warehouse.Sla;

/// <summary>Turns a wall-clock time in a zone into an instant, including the hours DST skips or repeats.</summary>
internal static class LocalClock
{
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone) =>
        ToInstant(date.ToDateTime(time), zone);

    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            // The repeated autumn hour: take its first occurrence (the larger offset), so a shift that
            // starts then starts as early as the wall clock says.
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        }
        if (zone.IsInvalidTime(local))
        {
            // The skipped spring hour does not exist: read it with the offset in force just before
            // the jump, which lands the same distance past the jump (02:30 becomes 03:30).
            return new DateTimeOffset(local, zone.GetUtcOffset(local.AddHours(-6)));
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
