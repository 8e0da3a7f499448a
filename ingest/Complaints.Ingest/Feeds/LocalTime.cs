namespace Complaints.Ingest.Feeds;

/// <summary>
/// How ingest reads a wall-clock time without an offset in a source's zone (a mapping profile's local formats), and
/// how the demo writes its exports so that they read back the same: with the zone's offset at that wall-clock time.
/// The hour the spring change skips takes the offset in force just before it (02:30 is 01:30 UTC in Warsaw), and
/// the hour the autumn change repeats takes its second occurrence (standard time).
/// </summary>
public static class LocalTime
{
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
