using Complaints.Models.Statistics;

namespace Complaints.Models.Defects;

/// <summary>One week of a series as the detector saw it at the week's end: observed, expected, and the count that would have been an excess.</summary>
public sealed record SignalWeek(DateOnly WeekFrom, DateOnly WeekTo, long Observed, double? Expected, long? Limit);

public static class SignalWeeks
{
    /// <summary>The last <paramref name="weeks"/> weeks of <paramref name="series"/> ending on day index <paramref name="day"/>, oldest first.</summary>
    public static IReadOnlyList<SignalWeek> Of(DefectDetector detector, DailyCounts counts, Series series, int day, int weeks)
    {
        var result = new List<SignalWeek>(weeks);
        for (var w = weeks - 1; w >= 0; w--)
        {
            var end = day - 7 * w;
            if (end - 6 < 0) continue;
            var judged = detector.Weeks(counts, series, end);
            double? expected = judged?.Expected[^1];
            long? limit = judged is { } j ? Limit(j.Expected[^1], j.Dispersion, detector.Settings) : null;
            result.Add(new SignalWeek(counts.Day(end - 6), counts.Day(end), series.Count(end - 6, end), expected, limit));
        }
        return result;
    }

    /// <summary>The smallest weekly count the excess test would flag.</summary>
    public static long Limit(double expected, double dispersion, DefectDetectorSettings settings)
    {
        var count = Math.Max(settings.MinimumObserved, (long)Math.Ceiling(expected));
        while (CountTail.NegativeBinomial(count, expected, dispersion) >= settings.ExcessPValue)
            count++;
        return count;
    }
}
