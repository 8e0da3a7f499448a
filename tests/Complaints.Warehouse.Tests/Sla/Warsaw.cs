namespace Complaints.Warehouse.Tests.Sla;

/// <summary>Instants written as Warsaw wall-clock times, so expectations read like the calendar on the office wall.</summary>
internal static class Warsaw
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    public static DateTimeOffset At(string localDateTime)
    {
        var local = DateTime.Parse(localDateTime, System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateOnly Date(string isoDate) => DateOnly.Parse(isoDate, System.Globalization.CultureInfo.InvariantCulture);
}
