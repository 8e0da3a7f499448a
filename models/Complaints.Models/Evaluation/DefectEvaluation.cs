using Complaints.Models.Defects;
using Complaints.Models.Statistics;

namespace Complaints.Models.Evaluation;

/// <summary>How one detector did on one planted defect: days from the onset to its first signal (null: never within the horizon).</summary>
public sealed record DefectDetection(PlantedDefect Defect, int? DelayDays, bool WithinTarget);

/// <summary>A detector's record over the evaluated days: each planted defect's delay, and its false signals on every other series.</summary>
public sealed record DetectorRecord(string Detector, IReadOnlyList<DefectDetection> Defects, long FalseSignals, double SeriesMonths, string Setting)
{
    /// <summary>False signals per 100 series-months: signal episodes on series without a planted defect (or before its onset).</summary>
    public double FalseSignalsPer100SeriesMonths => SeriesMonths == 0 ? 0 : 100 * FalseSignals / SeriesMonths;
}

/// <summary>
/// Runs a detector as of every day from <c>start</c> to the last day, as the scheduled job would have run it, and
/// scores it against the planted defects. A run of signalling days on one series, with gaps under
/// <see cref="EpisodeGapDays"/>, is one signal episode; an episode on a series without a planted defect, or before
/// its onset, is a false signal.
/// </summary>
public static class DefectEvaluation
{
    public const int EpisodeGapDays = 14;
    /// <summary>A defect not flagged within this many days of its onset counts as missed.</summary>
    public const int HorizonDays = 91;
    public const int NaiveQuarterWeeks = 13;

    public static DetectorRecord Evaluate(DailyCounts counts, IReadOnlyList<PlantedDefect> planted, DefectDetector detector, DateOnly start) =>
        Score("CUSUM + excess test, expected from history, season and growth", counts, planted, start,
            (series, day) => detector.Judge(counts, series, day) is not null,
            $"excess p < {detector.Settings.ExcessPValue:G2}, CUSUM shift {detector.Settings.CusumShift} limit {detector.Settings.CusumThreshold}, at least {detector.Settings.MinimumObserved} complaints");

    /// <summary>
    /// The naive baseline: last week's count against the mean of the quarter before it (no season, no growth),
    /// Poisson-tested, with its threshold set to the loosest that makes no more false signals than <paramref name="falseSignalBudget"/>.
    /// </summary>
    public static DetectorRecord EvaluateNaive(DailyCounts counts, IReadOnlyList<PlantedDefect> planted, DateOnly start, long minimumObserved, double falseSignalBudget)
    {
        var pValues = new Dictionary<Series, double[]>(ReferenceEqualityComparer.Instance);
        var first = counts.IndexOf(start);
        foreach (var series in counts.All)
        {
            var values = new double[counts.Days];
            for (var day = first; day < counts.Days; day++)
            {
                var lastWeek = series.Count(day - 6, day);
                var quarterMean = series.Count(day - 7 - 7 * NaiveQuarterWeeks + 1, day - 7) / (double)NaiveQuarterWeeks;
                values[day] = lastWeek < minimumObserved ? 1 : CountTail.Poisson(lastWeek, Math.Max(quarterMean, 0.5 / NaiveQuarterWeeks));
            }
            pValues[series] = values;
        }
        DetectorRecord? best = null;
        foreach (var exponent in Enumerable.Range(4, 57).Select(i => -i / 4.0)) // p from 1e-1 down to 1e-15, in quarter decades
        {
            var threshold = Math.Pow(10, exponent);
            var record = Score("Naive: last week against the last quarter's mean", counts, planted, start,
                (series, day) => pValues[series][day] < threshold, $"Poisson p < {threshold:G2}, at least {minimumObserved} complaints");
            if (record.FalseSignalsPer100SeriesMonths <= falseSignalBudget)
                return record;
            best = record;
        }
        return best!;
    }

    private static DetectorRecord Score(string name, DailyCounts counts, IReadOnlyList<PlantedDefect> planted, DateOnly start,
        Func<Series, int, bool> signals, string setting)
    {
        var first = counts.IndexOf(start);
        long falseSignals = 0;
        double falseDays = 0;
        var detections = planted.ToDictionary(p => p, _ => (int?)null);
        foreach (var series in counts.All)
        {
            var defect = planted.FirstOrDefault(p => p.Category == series.Category && (series.Scope == Series.ProductScope ? p.Sku == series.Sku : p.Line == series.Line));
            var onset = defect is null ? counts.Days : counts.IndexOf(defect.Onset);
            var lastSignal = int.MinValue;
            for (var day = first; day < counts.Days; day++)
            {
                if (day < onset) falseDays++;
                if (!signals(series, day)) continue;
                var newEpisode = day - lastSignal > EpisodeGapDays;
                lastSignal = day;
                if (day < onset)
                {
                    if (newEpisode) falseSignals++;
                }
                else if (series.Scope == Series.ProductScope && defect is not null && detections[defect] is null && day - onset <= HorizonDays)
                {
                    detections[defect] = day - onset;
                }
            }
        }
        var results = planted.Select(p => new DefectDetection(p, detections[p], detections[p] <= p.TargetDelayDays)).ToList();
        return new DetectorRecord(name, results, falseSignals, falseDays / 30.4375, setting);
    }
}
