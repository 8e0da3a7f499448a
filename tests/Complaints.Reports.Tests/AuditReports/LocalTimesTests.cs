using Complaints.Reports.AuditReports;

namespace Complaints.Reports.Tests.AuditReports;

/// <summary>The reporting zone's wall-clock time of an instant, the offset of each hour kept: it must equal .NET's conversion.</summary>
public sealed class LocalTimesTests
{
    [Theory]
    [InlineData("Europe/Warsaw", "2024-03-31T00:00:00Z")] // summer time from 01:00 UTC
    [InlineData("Europe/Warsaw", "2024-10-27T00:00:00Z")] // and back at 01:00 UTC
    [InlineData("America/St_Johns", "2024-03-10T04:00:00Z")] // a zone half an hour off, changing at 05:30 UTC
    [InlineData("Australia/Lord_Howe", "2024-04-06T14:00:00Z")] // a change of half an hour, at 15:00 UTC
    public void Every_minute_around_a_change_of_offset_equals_dotnets_conversion(string zoneId, string from)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var times = new LocalTimes(zone);
        var start = DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;
        // Minutes in order, then backwards and by leaps (rows of one column are not always in order).
        var instants = Enumerable.Range(0, 4 * 60).Select(m => start.AddMinutes(m).AddSeconds(17))
            .Concat(Enumerable.Range(0, 4 * 60).Select(m => start.AddMinutes(4 * 60 - m)))
            .Concat(Enumerable.Range(0, 100).Select(i => start.AddMinutes(i * 37 % 240).AddTicks(i)));
        foreach (var utc in instants)
        {
            var read = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified); // as DuckDB.NET reads a TIMESTAMPTZ
            Assert.Equal(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), times.Local(read));
        }
    }
}
