using System.Diagnostics;
using System.Globalization;
using Complaints.Ingest;
using Complaints.Demo;
using Complaints.Ingest.Loading;
using Complaints.Models.Defects;
using Complaints.Models.Evaluation;
using Complaints.Warehouse;

namespace Complaints.Dashboards.CommandLine;

/// <summary>
/// <c>evaluate-models [--complaints N] [--seed S] [--last-day yyyy-MM-dd] [--report FILE]</c>: generates demo data with
/// its ground truth, loads it through the real load path into a temporary warehouse, and measures the defect
/// detector and the risk model against what was planted. Writes a Markdown report.
/// </summary>
public static class EvaluateModelsCommand
{
    public const int Done = 0, Usage = 2;

    public const string UsageText = """
        Usage: evaluate-models [--complaints N] [--seed S] [--last-day yyyy-MM-dd] [--report FILE]
          --complaints N   demo complaints to generate (default 200000)
          --seed S         the generator's seed (default 2026); the targets must hold for any seed
          --last-day       last day of the demo data (default: yesterday in Europe/Warsaw)
          --report FILE    where to write the Markdown report (default model-evaluation-seed-S.md)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            options[args[i]] = args[i + 1];
        if (args.Length % 2 != 0 || options.Keys.Any(k => k is not ("--complaints" or "--seed" or "--last-day" or "--report"))
            || !int.TryParse(options.GetValueOrDefault("--complaints", "200000"), CultureInfo.InvariantCulture, out var complaints) || complaints < 1000
            || !int.TryParse(options.GetValueOrDefault("--seed", "2026"), CultureInfo.InvariantCulture, out var seed))
        {
            output.WriteLine(UsageText);
            return Usage;
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");
        var lastDay = options.TryGetValue("--last-day", out var day)
            ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime).AddDays(-1);
        var report = CommandLine.UserPath(options.GetValueOrDefault("--report", $"model-evaluation-seed-{seed}.md"));

        var folder = Directory.CreateTempSubdirectory("complaints-evaluation-");
        try
        {
            var watch = Stopwatch.StartNew();
            output.WriteLine($"Generating {complaints:N0} demo complaints (seed {seed}, to {lastDay:yyyy-MM-dd})…");
            var files = new DemoDataGenerator().Write(Path.Combine(folder.FullName, "demo"), new DemoDataOptions(complaints, seed, lastDay));
            var truth = GroundTruth.Read(files.GroundTruth);

            using var host = CommandHost.Build(Path.Combine(folder.FullName, "warehouse.duckdb"), b => b.AddIngestCore());
            var warehouse = host.Services.GetRequiredService<WarehouseDatabase>();
            await warehouse.InitializeAsync(TimeProvider.System);
            var loader = host.Services.GetRequiredService<CanonicalFileLoader>();
            foreach (var (path, feed) in files.FeedsWithLayouts)
            {
                var result = await loader.LoadAsync(path, feed, isDemo: true);
                output.WriteLine($"  loaded {feed.Name}: {result.RowsInserted:N0} rows ({watch.Elapsed.TotalSeconds:N0} s)");
            }

            using var connection = warehouse.OpenConnection();
            output.WriteLine("Evaluating the defect detector day by day…");
            var signalsWatch = Stopwatch.StartNew();
            var before = Complaints.Models.LocalDay.Start(lastDay.AddDays(1), zone);
            var counts = DailyCounts.Read(connection, zone.Id, before);
            var detector = new DefectDetector(new DefectDetectorSettings());
            detector.Detect(counts, lastDay);
            var signalsOneDay = signalsWatch.Elapsed;
            var start = truth.FirstDay.AddDays(7 * 26);
            var ours = DefectEvaluation.Evaluate(counts, truth.RecurringDefects, detector, start);
            var naive = DefectEvaluation.EvaluateNaive(counts, truth.RecurringDefects, start, detector.Settings.MinimumObserved, ours.FalseSignalsPer100SeriesMonths);

            foreach (var (mine, theirs) in ours.Defects.Zip(naive.Defects))
                output.WriteLine($"  {mine.Defect.Id}: {Flagged(mine)} (naive: {Flagged(theirs)})");
            output.WriteLine($"  false signals per 100 series-months: {ours.FalseSignalsPer100SeriesMonths:0.00} (naive: {naive.FalseSignalsPer100SeriesMonths:0.00})");
            output.WriteLine("Finding text themes in the planted defects' products…");
            var themes = ThemeEvaluation.Evaluate(connection, truth, zone);
            foreach (var theme in themes)
                output.WriteLine($"  {theme.Defect.Id}: the theme with most key-phrase complaints holds {theme.Recall:P0} of them, {theme.Precision:P0} of its members have it");
            output.WriteLine("Training and testing the risk model…");
            var risk = RiskEvaluation.Evaluate(connection, truth, zone, seed);

            var text = EvaluationReport.Write(truth, ours, naive, themes, risk, signalsOneDay, DateTimeOffset.UtcNow, GitCommit());
            Directory.CreateDirectory(Path.GetDirectoryName(report)!);
            await File.WriteAllTextAsync(report, text);
            output.WriteLine(text);
            output.WriteLine($"Report written to {report} ({watch.Elapsed.TotalSeconds:N0} s in all).");
            return Done;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Flagged(DefectDetection detection) =>
        detection.DelayDays is { } days ? $"flagged {days} days after the onset" : $"not flagged within {DefectEvaluation.HorizonDays} days";

    private static string GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return sha.Length > 0 ? sha : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (git not found)";
        }
    }
}
