using Complaints.Models.Defects;

namespace Complaints.Models.Tests.Defects;

/// <summary>The detector on hand-made series: a step is flagged quickly, flat, seasonal and growing lines are not.</summary>
public sealed class DefectDetectorTests
{
    private static readonly DateOnly FirstDay = new(2025, 1, 6);
    private static readonly DefectDetector Detector = new(new DefectDetectorSettings());
    private const int Days = 500;

    /// <summary>One product line of six series: the watched one (P1 · leaking) at 2 a day, the others making 20 a day together.</summary>
    private static DailyCounts Line(Func<int, double> lineFactor, Func<int, double>? watchedFactor = null)
    {
        var series = new List<Series> { Make("P1", "leaking", d => 2 * lineFactor(d) * (watchedFactor?.Invoke(d) ?? 1)) };
        foreach (var (sku, category) in new[] { ("P1", "noise"), ("P2", "leaking"), ("P2", "noise"), ("P3", "leaking"), ("P3", "noise") })
            series.Add(Make(sku, category, d => 4 * lineFactor(d)));
        return new DailyCounts(FirstDay, Days, series);
    }

    /// <summary>Whole counts whose running total follows the rate exactly: the series carries its pattern and no noise.</summary>
    private static Series Make(string sku, string category, Func<int, double> rate)
    {
        var counts = new long[Days];
        double total = 0;
        for (var d = 0; d < Days; d++)
        {
            var before = Math.Floor(total);
            total += rate(d);
            counts[d] = (long)(Math.Floor(total) - before);
        }
        return new Series(Series.ProductScope, sku, "Home", category, counts);
    }

    private static IEnumerable<(int Day, DefectSignal Signal)> Signals(DailyCounts counts, int from, int to) =>
        Enumerable.Range(from, to - from + 1).SelectMany(d => Detector.Detect(counts, counts.Day(d)).Select(s => (d, s)));

    [Fact]
    public void A_fourfold_step_is_flagged_within_a_week_and_not_before()
    {
        const int onset = 300;
        var counts = Line(_ => 1, d => d >= onset ? 4 : 1);

        Assert.Empty(Signals(counts, 120, onset - 1));
        var first = Signals(counts, onset, onset + 6).First(s => s.Signal.Sku == "P1");
        Assert.Equal("leaking", first.Signal.Category);
        Assert.Equal(DefectSignal.Excess, first.Signal.Method);
        Assert.InRange(first.Day - onset, 0, 6);
        Assert.True(first.Signal.PValue < 1e-4);
    }

    [Fact]
    public void A_flat_line_gives_no_signal() =>
        Assert.Empty(Signals(Line(_ => 1), 120, Days - 1));

    [Fact]
    public void A_line_whose_season_triples_its_volume_gives_no_signal() =>
        Assert.Empty(Signals(Line(d => 2 + Math.Sin(2 * Math.PI * d / 365.25) * 1.0), 120, Days - 1));

    [Fact]
    public void A_line_that_doubles_with_the_business_gives_no_signal() =>
        Assert.Empty(Signals(Line(d => 1 + d / (double)Days), 120, Days - 1));

    [Fact]
    public void A_lasting_rise_too_small_for_the_weekly_test_is_caught_by_the_CUSUM()
    {
        const int onset = 300;
        var counts = Line(_ => 1, d => d >= onset ? 1.6 : 1);

        var first = Signals(counts, onset, onset + 56).First(s => s.Signal.Sku == "P1");
        Assert.Equal(DefectSignal.Cusum, first.Signal.Method);
        Assert.InRange(first.Day - onset, 7, 28);
    }

    [Fact]
    public void The_line_series_rises_with_one_of_its_products()
    {
        const int onset = 300;
        var counts = Line(_ => 1, d => d >= onset ? 6 : 1);
        Assert.Contains(Signals(counts, onset, onset + 13), s => s.Signal.Scope == Series.LineScope && s.Signal.Category == "leaking");
    }

    [Fact]
    public void A_week_without_history_with_17_brake_complaints_about_one_model_is_a_disproportionality_signal()
    {
        const int days = 7;
        var day = FirstDay.AddDays(days - 1);
        Series Week(string sku, string category, long perDay) => new(Series.ProductScope, sku, "Bikes", category, Enumerable.Repeat(perDay, days).ToArray());
        var brakes = new long[days];
        brakes[1] = 5; brakes[3] = 6; brakes[5] = 6; // 17 in the week
        var counts = new DailyCounts(FirstDay, days,
        [
            new Series(Series.ProductScope, "B-1", "Bikes", "brakes", brakes), Week("B-1", "frame", 3), Week("B-1", "gears", 3),
            Week("B-2", "brakes", 1), Week("B-2", "frame", 6), Week("B-2", "gears", 6),
            Week("B-3", "brakes", 1), Week("B-3", "frame", 5), Week("B-3", "gears", 7),
        ]);

        var signal = Assert.Single(Detector.Detect(counts, day));
        Assert.Equal(DefectSignal.Disproportionality, signal.Method);
        Assert.Equal(("B-1", "brakes", 17L), (signal.Sku, signal.Category, signal.Observed));
        Assert.True(signal.Lower >= 1);
    }

    [Fact]
    public void The_weekly_chart_shows_the_expectation_and_the_excess_limit_above_it()
    {
        var counts = Line(_ => 1);
        var series = counts.All.First(s => s.Key == "product|P1|leaking");
        var weeks = SignalWeeks.Of(Detector, counts, series, Days - 1, 10);

        Assert.Equal(10, weeks.Count);
        Assert.All(weeks, w => Assert.Equal(14, w.Expected!.Value, 0.5)); // 2 a day
        Assert.All(weeks, w => Assert.True(w.Limit > w.Expected && w.Limit > w.Observed));
    }
}
