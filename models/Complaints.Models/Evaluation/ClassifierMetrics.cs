namespace Complaints.Models.Evaluation;

/// <summary>One band of a calibration table: predictions in [From, To), their mean and the share that really missed.</summary>
public sealed record CalibrationBand(double From, double To, long Count, double MeanPredicted, double ObservedRate);

/// <summary>How well probabilities rank and match outcomes: ROC AUC, precision among the top 50, Brier score and calibration.</summary>
public sealed record ClassifierMetrics(long Count, double PositiveRate, double Auc, double PrecisionAtTop50, double Brier, IReadOnlyList<CalibrationBand> Calibration)
{
    public const int Top = 50;
    private static readonly double[] BandEdges = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.000001];

    public static ClassifierMetrics Of(IReadOnlyList<double> predicted, IReadOnlyList<bool> actual)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(predicted.Count, actual.Count);
        var n = predicted.Count;
        var positives = actual.Count(a => a);
        var brier = n == 0 ? 0 : Enumerable.Range(0, n).Average(i => Math.Pow(predicted[i] - (actual[i] ? 1 : 0), 2));
        var ranked = Enumerable.Range(0, n).OrderByDescending(i => predicted[i]).ThenBy(i => i).ToList();
        var top = ranked.Take(Top).ToList();
        var precision = top.Count == 0 ? 0 : top.Count(i => actual[i]) / (double)top.Count;
        var bands = new List<CalibrationBand>();
        for (var b = 0; b < BandEdges.Length - 1; b++)
        {
            var (from, to) = (BandEdges[b], BandEdges[b + 1]);
            var members = Enumerable.Range(0, n).Where(i => predicted[i] >= from && predicted[i] < to).ToList();
            if (members.Count > 0)
                bands.Add(new CalibrationBand(from, Math.Min(to, 1), members.Count, members.Average(i => predicted[i]), members.Count(i => actual[i]) / (double)members.Count));
        }
        return new ClassifierMetrics(n, n == 0 ? 0 : positives / (double)n, AreaUnderRoc(predicted, actual), precision, brier, bands);
    }

    /// <summary>The probability that a random miss is scored above a random non-miss (ties count half): the Mann–Whitney form of the ROC AUC.</summary>
    public static double AreaUnderRoc(IReadOnlyList<double> predicted, IReadOnlyList<bool> actual)
    {
        var order = Enumerable.Range(0, predicted.Count).OrderBy(i => predicted[i]).ToArray();
        double rankSumPositives = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && predicted[order[end + 1]] == predicted[order[start]]) end++;
            var averageRank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
                if (actual[order[k]]) { rankSumPositives += averageRank; positives++; }
            start = end + 1;
        }
        var negatives = predicted.Count - positives;
        if (positives == 0 || negatives == 0) return 0.5;
        return (rankSumPositives - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
