using System.Globalization;
using Complaints.Ingest.Feeds;

namespace Complaints.Ingest.Profiles;

/// <summary>Typed values from binary formats as text the mapper reads: instants in ISO 8601, numbers invariant.</summary>
internal static class SourceValues
{
    public static string Text(object? value) => value switch
    {
        null or DBNull => "",
        string s => s,
        DateTimeOffset instant => IsoText.Instant(instant),
        // A time without a zone stays local, written as yyyy-MM-dd HH:mm:ss for the profile's formats and time zone.
        DateTime { Kind: DateTimeKind.Utc } utc => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        DateTime local => local.TimeOfDay == TimeSpan.Zero ? local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00" : local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly date => IsoText.Date(date),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
