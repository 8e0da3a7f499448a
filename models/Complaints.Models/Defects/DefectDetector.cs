using Complaints.Models.Statistics;

namespace Complaints.Models.Defects;

/// <summary>The detector's settings; the defaults are the ones the evaluation report measures.</summary>
public sealed record DefectDetectorSettings
{
    /// <summary>Weeks just before the as-of day that the CUSUM watches and the baseline leaves out.</summary>
    public int MonitoredWeeks { get; init; } = 8;
    /// <summary>Most weeks of history the expected rate is learnt from.</summary>
    public int BaselineWeeks { get; init; } = 52;
    /// <summary>Fewer weeks of history than this: only disproportionality can judge the series.</summary>
    public int MinimumBaselineWeeks { get; init; } = 8;
    /// <summary>A week's count with a tail probability below this is an excess.</summary>
    public double ExcessPValue { get; init; } = 1e-4;
    /// <summary>Fewer complaints than this in the week (or the window) are never a signal, whatever the test says.</summary>
    public long MinimumObserved { get; init; } = 5;
    public double CusumShift { get; init; } = 1.5;
    public double CusumThreshold { get; init; } = 5;
    /// <summary>Days the disproportionality window covers.</summary>
    public int DisproportionalityDays { get; init; } = 28;
}

/// <summary>
/// Flags product × category and line × category series whose complaints rise above their expected count.
/// <para>
/// Expected count: the series' share of the rest of its product line over the baseline weeks, times the rest of
/// the line in the week judged. The rest of the line carries the line's season and the business's growth, so a
/// December peak or a year of growth raises the expectation instead of raising an alarm; the series' own history
/// sets its share. Counts more scattered than Poisson in the baseline (dispersion φ &gt; 1) are tested with the
/// negative binomial of that dispersion.
/// </para>
/// Two tests run on weeks ending on the as-of day: an excess test on the last week, and a Poisson CUSUM over the
/// monitored weeks. Series with too little history are judged by disproportionality instead.
/// </summary>
public sealed class DefectDetector(DefectDetectorSettings settings)
{
    public DefectDetectorSettings Settings { get; } = settings;

    public IReadOnlyList<DefectSignal> Detect(DailyCounts counts, DateOnly asOfDay)
    {
        var day = counts.IndexOf(asOfDay);
        var signals = new List<DefectSignal>();
        foreach (var series in counts.All)
        {
            var signal = Judge(counts, series, day);
            if (signal is not null)
                signals.Add(signal);
        }
        return signals;
    }

    /// <summary>The signal a series gives as of day index <paramref name="day"/>, or null.</summary>
    public DefectSignal? Judge(DailyCounts counts, Series series, int day)
    {
        var weeks = Weeks(counts, series, day);
        if (weeks is null)
            return series.Scope == Series.ProductScope ? Disproportion(counts, series, day) : null;
        var (observed, expected, dispersion) = weeks.Value;

        var lastObserved = observed[^1];
        var lastExpected = expected[^1];
        var p = CountTail.NegativeBinomial(lastObserved, lastExpected, dispersion);
        var (cusum, cusumSignals) = new PoissonCusum(Settings.CusumShift, Settings.CusumThreshold).Last(observed, expected);
        var weekFrom = counts.Day(day - 6);
        var to = counts.Day(day);
        if (p < Settings.ExcessPValue && lastObserved >= Settings.MinimumObserved)
            return new DefectSignal(DefectSignal.Excess, series.Scope, series.Sku, series.Line, series.Category,
                weekFrom, to, lastObserved, lastExpected, cusum, p, null, null);
        var monitoredObserved = observed.Sum();
        if (cusumSignals && monitoredObserved >= Settings.MinimumObserved)
            return new DefectSignal(DefectSignal.Cusum, series.Scope, series.Sku, series.Line, series.Category,
                counts.Day(day - 7 * observed.Length + 1), to, monitoredObserved, expected.Sum(), cusum, p, null, null);
        return null;
    }

    /// <summary>
    /// Observed and expected counts of the monitored weeks (oldest first, the last one ending on <paramref name="day"/>)
    /// and the baseline's dispersion; null when the series has too little history.
    /// </summary>
    public (long[] Observed, double[] Expected, double Dispersion)? Weeks(DailyCounts counts, Series series, int day)
    {
        var monitored = Settings.MonitoredWeeks;
        var baselineEnd = day - 7 * monitored; // last day of the baseline
        var firstDay = counts.FirstActiveDay(series);
        var baselineWeeks = Math.Min(Settings.BaselineWeeks, (baselineEnd - firstDay + 1) / 7);
        if (baselineWeeks < Settings.MinimumBaselineWeeks)
            return null;

        long baselineCount = 0, baselineExposure = 0;
        var weekCounts = new long[baselineWeeks];
        var weekExposures = new long[baselineWeeks];
        for (var w = 0; w < baselineWeeks; w++)
        {
            var end = baselineEnd - 7 * w;
            weekCounts[w] = series.Count(end - 6, end);
            weekExposures[w] = counts.Exposure(series, end - 6, end);
            baselineCount += weekCounts[w];
            baselineExposure += weekExposures[w];
        }
        if (baselineExposure == 0)
            return null;
        // Half a complaint when the history has none, so a first complaint is not infinitely surprising.
        var share = Math.Max(baselineCount, 0.5) / baselineExposure;
        var dispersion = Dispersion(weekCounts, weekExposures, share);

        var observed = new long[monitored];
        var expected = new double[monitored];
        for (var w = 0; w < monitored; w++)
        {
            var end = day - 7 * (monitored - 1 - w);
            observed[w] = series.Count(end - 6, end);
            expected[w] = share * counts.Exposure(series, end - 6, end);
        }
        return (observed, expected, dispersion);
    }

    /// <summary>Pearson's dispersion of the baseline weeks around their expected counts; at least 1 (Poisson).</summary>
    private static double Dispersion(long[] counts, long[] exposures, double share)
    {
        double chiSquare = 0;
        var weeks = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var mean = share * exposures[i];
            if (mean <= 0) continue;
            chiSquare += (counts[i] - mean) * (counts[i] - mean) / mean;
            weeks++;
        }
        return weeks < 2 ? 1 : Math.Max(1, chiSquare / (weeks - 1));
    }

    /// <summary>
    /// The reporting odds ratio of the series' category in its product against the other products that are complained
    /// about in that category at all: a category some products never have (a source's codes per product family) says
    /// how the source codes those products, not that one of them is failing.
    /// </summary>
    private DefectSignal? Disproportion(DailyCounts counts, Series series, int day)
    {
        var from = day - Settings.DisproportionalityDays + 1;
        var byProduct = counts.All.Where(s => s.Scope == Series.ProductScope)
            .GroupBy(s => s.Sku)
            .Select(g => (Sku: g.Key, All: g.Sum(s => s.Count(from, day)), Category: g.Where(s => s.Category == series.Category).Sum(s => s.Count(from, day))))
            .ToList();
        var product = byProduct.Single(p => p.Sku == series.Sku);
        var others = byProduct.Where(p => p.Sku != series.Sku && p.Category > 0).ToList();
        long cases = product.Category, othersCategory = others.Sum(p => p.Category), othersAll = others.Sum(p => p.All);
        if (othersCategory < Settings.MinimumObserved)
            return null;
        var ratio = OddsRatio.Of(cases, product.All - cases, othersCategory, othersAll - othersCategory);
        if (!ratio.Signals)
            return null;
        var expected = product.All * (double)othersCategory / othersAll;
        return new DefectSignal(DefectSignal.Disproportionality, series.Scope, series.Sku, series.Line, series.Category,
            counts.Day(Math.Max(from, 0)), counts.Day(day), cases, expected, ratio.Value, null, ratio.Lower, ratio.Upper);
    }
}
