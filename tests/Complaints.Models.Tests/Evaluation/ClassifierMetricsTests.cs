using Complaints.Models.Evaluation;

namespace Complaints.Models.Tests.Evaluation;

public sealed class ClassifierMetricsTests
{
    [Fact]
    public void A_perfect_ranking_scores_one_a_reversed_one_zero_and_ties_a_half()
    {
        bool[] actual = [false, false, true, true];
        Assert.Equal(1, ClassifierMetrics.AreaUnderRoc([0.1, 0.2, 0.8, 0.9], actual));
        Assert.Equal(0, ClassifierMetrics.AreaUnderRoc([0.9, 0.8, 0.2, 0.1], actual));
        Assert.Equal(0.5, ClassifierMetrics.AreaUnderRoc([0.5, 0.5, 0.5, 0.5], actual));
        Assert.Equal(0.75, ClassifierMetrics.AreaUnderRoc([0.1, 0.6, 0.5, 0.9], actual));
    }

    [Fact]
    public void Brier_precision_and_calibration_follow_their_definitions()
    {
        var metrics = ClassifierMetrics.Of([0.0, 1.0, 0.5, 0.5], [false, true, true, false]);
        Assert.Equal((0 + 0 + 0.25 + 0.25) / 4, metrics.Brier, 10);
        Assert.Equal(0.5, metrics.PositiveRate);
        Assert.Equal(0.5, metrics.PrecisionAtTop50); // only four complaints: the top 50 is all of them
        var band = Assert.Single(metrics.Calibration, b => b.From == 0.5);
        Assert.Equal(2, band.Count);
        Assert.Equal(0.5, band.ObservedRate);
    }
}
