using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Complaints.Models.Risk;

namespace Complaints.Models.Evaluation;

/// <summary>The evaluation's findings as a Markdown report: defects beside the naive baseline, risk beside the rule and the oracle.</summary>
public static class EvaluationReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(GroundTruth truth, DetectorRecord detector, DetectorRecord naive, IReadOnlyList<ThemeFinding> themes, RiskEvaluationResult risk,
        TimeSpan signalsOneDay, DateTimeOffset generatedAt, string commit)
    {
        var text = new StringBuilder();
        void Line(FormattableString s) => text.AppendLine(s.ToString(Invariant));

        Line($"# Model evaluation: seed {truth.Seed}, {truth.Complaints:N0} demo complaints");
        Line($"");
        Line($"Generated {generatedAt:yyyy-MM-dd HH:mm} UTC at commit {commit} on {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):N0} GiB, {RuntimeInformation.OSDescription}.");
        Line($"Data received {truth.FirstDay:yyyy-MM-dd} to {truth.LastDay:yyyy-MM-dd}; what was planted is in ground_truth.json (docs/demo-ground-truth.md).");
        Line($"");
        Line($"## Recurring defects");
        Line($"");
        Line($"Each detector ran as of every day from the 26th week on, as the daily job would have. Target: abrupt defects flagged within 7 days of the onset, the slow one within 21, at most 1 false signal per 100 series-months.");
        Line($"");
        Line($"| defect | product · category | multiple (of counterfactual) | target | {detector.Detector} | {naive.Detector} |");
        Line($"|---|---|---:|---:|---:|---:|");
        foreach (var (ours, theirs) in detector.Defects.Zip(naive.Defects))
        {
            var d = ours.Defect;
            Line($"| {d.Id} | {d.Sku} · {d.Category} | {d.Multiple:0.##}× ({d.MultipleOfCounterfactual:0.##}×) | ≤ {d.TargetDelayDays} days | {Delay(ours)} | {Delay(theirs)} |");
        }
        Line($"| **false signals per 100 series-months** | | | ≤ 1 | **{detector.FalseSignalsPer100SeriesMonths:0.00}** ({detector.FalseSignals} in {detector.SeriesMonths:N0}) | {naive.FalseSignalsPer100SeriesMonths:0.00} ({naive.FalseSignals}) |");
        Line($"");
        Line($"Settings: ours — {detector.Setting}; naive — {naive.Setting} (the loosest threshold with no more false signals than ours). Every series' signals as of the last day, from reading the counts to the list: {signalsOneDay.TotalMilliseconds:N0} ms.");
        Line($"");
        Line($"### Text themes");
        Line($"");
        Line($"Each planted defect's product, {ThemeEvaluation.WeeksAfterOnset} weeks after the onset: its complaints of the last {ThemeEvaluation.RecentWeeks} weeks against the {ThemeEvaluation.BaselineWeeks} before; the theme holding most recent complaints whose text has the defect's key phrase. Target: it holds ≥ 80 % of them, and ≥ 80 % of its members have it.");
        Line($"");
        Line($"| defect | recent descriptions | themes | with key phrase | in the theme | theme size | share held (≥ 80 %) | members with it (≥ 80 %) | top terms |");
        Line($"|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var t in themes)
            Line($"| {t.Defect.Id} | {t.Descriptions:N0} | {t.Themes} | {t.WithKeyPhrase:N0} | {t.InTheme:N0} | {t.ThemeSize:N0} | {t.Recall:P0} | {t.Precision:P0} | {string.Join(", ", t.TopTerms)} |");
        Line($"");
        Line($"## Complaints at risk ({risk.Target} deadline)");
        Line($"");
        Line($"Trained on snapshots of complaints received {risk.TrainFrom:yyyy-MM-dd} to {risk.SplitAt:yyyy-MM-dd} (ages 0–12 days, outcomes as known at the split; {risk.TrainingRows:N0} snapshots, at most {RiskModel.MaxTrainingRows:N0} of them sampled for training, {risk.TrainingTime.TotalSeconds:N1} s), tested on complaints received {risk.SplitAt:yyyy-MM-dd} to {risk.TestTo:yyyy-MM-dd}. The rule is the share of the allowed time already used; the oracle is the planted breach probability, the best any model can do.");
        Line($"");
        Line($"| snapshot | complaints | missed | AUC model | AUC rule | AUC oracle | top-50 precision model / rule | Brier model / rule / oracle |");
        Line($"|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var age in risk.Ages)
            Line($"| {age.Age} | {age.Model.Count:N0} | {age.Model.PositiveRate:P1} | **{age.Model.Auc:0.000}** | {age.Rule.Auc:0.000} | {(age.Oracle is null ? "–" : age.Oracle.Auc.ToString("0.000", Invariant))} | {age.Model.PrecisionAtTop50:P0} / {age.Rule.PrecisionAtTop50:P0} | {age.Model.Brier:0.0000} / {age.Rule.Brier:0.0000} / {(age.Oracle is null ? "–" : age.Oracle.Brier.ToString("0.0000", Invariant))} |");
        Line($"");
        if (risk.LabelsCompared > 0)
            Line($"At receipt, {risk.LabelsUnlikePlanted:N0} of {risk.LabelsCompared:N0} test complaints are labelled differently by the platform's statutory deadline (14 days, moved past weekends and holidays) than by the planted 336-hour rule.");
        Line($"");
        Line($"### Calibration (model)");
        Line($"");
        Line($"Predicted probabilities in bands against the share that really missed. The rule's share of time used is not a probability, so it has no calibration.");
        Line($"");
        Line($"| snapshot | predicted | complaints | mean predicted | observed |");
        Line($"|---|---|---:|---:|---:|");
        foreach (var age in risk.Ages)
            foreach (var band in age.Model.Calibration)
                Line($"| {age.Age} | {band.From:0.00}–{band.To:0.00} | {band.Count:N0} | {band.MeanPredicted:P1} | {band.ObservedRate:P1} |");
        return text.ToString();
    }

    private static string Delay(DefectDetection detection) => detection.DelayDays switch
    {
        null => "missed",
        var days => $"{days} days{(detection.WithinTarget ? "" : " (late)")}",
    };
}
