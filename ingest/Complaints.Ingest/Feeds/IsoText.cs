namespace Complaints.Ingest.Feeds;

/// <summary>
/// Canonical timestamps and dates written by hand: a custom format string is parsed on every call, which at a few
/// timestamps per row is a noticeable share of writing or mapping a million rows.
/// </summary>
internal static class IsoText
{
    public const int InstantLength = 25;
    public const int DateLength = 10;

    /// <summary>ISO 8601 with the offset, <c>2025-03-04T09:15:00+01:00</c>: the wall-clock time the value carries and its offset.</summary>
    public static void Instant(DateTimeOffset value, Span<char> text)
    {
        var local = value.DateTime;
        Date(DateOnly.FromDateTime(local), text);
        text[10] = 'T';
        TwoDigits(local.Hour, text[11..]);
        text[13] = ':';
        TwoDigits(local.Minute, text[14..]);
        text[16] = ':';
        TwoDigits(local.Second, text[17..]);
        var offsetMinutes = (int)value.Offset.TotalMinutes;
        text[19] = offsetMinutes < 0 ? '-' : '+';
        offsetMinutes = Math.Abs(offsetMinutes);
        TwoDigits(offsetMinutes / 60, text[20..]);
        text[22] = ':';
        TwoDigits(offsetMinutes % 60, text[23..]);
    }

    /// <summary>ISO 8601 calendar date, <c>2025-03-04</c>.</summary>
    public static void Date(DateOnly date, Span<char> text)
    {
        TwoDigits(date.Year / 100, text);
        TwoDigits(date.Year % 100, text[2..]);
        text[4] = '-';
        TwoDigits(date.Month, text[5..]);
        text[7] = '-';
        TwoDigits(date.Day, text[8..]);
    }

    public static string Instant(DateTimeOffset value) => string.Create(InstantLength, value, (text, v) => Instant(v, text));

    public static string Date(DateOnly value) => string.Create(DateLength, value, (text, v) => Date(v, text));

    private static void TwoDigits(int value, Span<char> text)
    {
        text[0] = (char)('0' + value / 10);
        text[1] = (char)('0' + value % 10);
    }
}
