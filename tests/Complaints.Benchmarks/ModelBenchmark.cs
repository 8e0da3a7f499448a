using System.Diagnostics;
using System.Text;
using Complaints.Demo;
using Complaints.Ingest.Loading;
using Complaints.Models;
using Complaints.Models.Defects;
using Complaints.Models.Evaluation;
using Complaints.Models.Risk;
using Complaints.Warehouse;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Benchmarks;

/// <summary>
/// <c>models [--complaints N] [--reuse]</c>: the models' work at scale — computing every defect signal, training both
/// risk models and scoring every open complaint — over demo data loaded through the real load path; writes reports/models.md.
/// </summary>
public static class ModelBenchmark
{
    private static readonly DateOnly LastDay = new(2026, 6, 30);

    public static async Task<int> RunAsync(string[] args)
    {
        var complaints = int.Parse(args.SkipWhile(a => a != "--complaints").Skip(1).FirstOrDefault() ?? "1000000");
        var reuse = args.Contains("--reuse");
        var root = BenchmarkOptions.FindRepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "complaints-bench-models");
        var warehousePath = Path.Combine(work, "models.duckdb");
        // The clock stands the morning after the data's last day, as the scheduled jobs would see it.
        var time = new FakeTimeProvider(new DateTimeOffset(LastDay.AddDays(1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));

        if (!reuse || !File.Exists(warehousePath))
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            Directory.CreateDirectory(work);
            Console.WriteLine($"Generating and loading {complaints:N0} demo complaints into {warehousePath}…");
            var files = new DemoDataGenerator().Write(Path.Combine(work, "data"), new DemoDataOptions(complaints, Seed: 7, LastDay: LastDay));
            using var loading = Complaints.Testing.TempWarehouse.Open(warehousePath, time);
            await loading.InitializeAsync(time);
            var loader = Complaints.Testing.Loaders.Loader(loading, time);
            foreach (var (path, feed) in files.FeedsWithLayouts)
                await loader.LoadAsync(path, feed);
            Directory.Delete(Path.Combine(work, "data"), recursive: true);
        }

        using var warehouse = Complaints.Testing.TempWarehouse.Open(warehousePath, time);
        await warehouse.InitializeAsync(time);
        var reporting = Options.Create(new ReportingOptions());
        var models = Options.Create(new ModelsOptions());
        var signals = new DefectSignals(warehouse, reporting, time);
        var scores = new RiskScores(warehouse, models, reporting, time);
        long loaded;
        using (var connection = warehouse.OpenConnection())
        {
            loaded = connection.Scalar<long>("SELECT count(*) FROM complaints");
            connection.Execute("DELETE FROM defect_signals; DELETE FROM risk_scores; DELETE FROM model_versions;");
        }

        var signalsTime = Time(() => signals.RefreshAsync(), out var found);
        var productSignals = found.Where(f => f.Sku is not null).ToList();
        var themesTime = Time(() => Task.FromResult(productSignals.Sum(f => signals.Themes(f.Sku!, f.WindowFrom, f.WindowTo).Count)), out var themes);
        var trainingTime = Time(() => scores.TrainAsync(), out var versions);
        var scoringTime = Time(() => scores.ScoreAsync(), out var scored);
        var peak = Machine.PeakResidentBytes(Environment.ProcessId) ?? 0;

        var text = new StringBuilder();
        text.AppendLine($"# Models at {loaded:N0} complaints");
        text.AppendLine();
        text.AppendLine($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC at commit {Machine.Commit()} on {Machine.Describe()}; load average {Machine.LoadAverage()}.");
        text.AppendLine($"Demo data seed 7, received {LastDay.AddYears(-2).AddDays(1):yyyy-MM-dd} to {LastDay:yyyy-MM-dd}, loaded through the real load path; the clock stands at {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine("| step | time | target | result |");
        text.AppendLine("|---|---:|---:|---|");
        text.AppendLine($"| every defect signal (read the daily counts, judge every series, store) | {signalsTime.TotalSeconds:N2} s | < 10 s | {found.Count} new signals |");
        text.AppendLine($"| text themes of every product signal (read the descriptions, tokens without stop words, rising words) | {themesTime.TotalSeconds:N2} s | | {themes} themes for {productSignals.Count} product signals |");
        text.AppendLine($"| training both risk models (snapshots, LightGBM, test against the rule) | {trainingTime.TotalSeconds:N1} s | < 120 s | " +
            string.Join("; ", versions.Select(v => $"{v.Target}: {v.TrainingRows:N0} rows, test AUC {v.Auc:0.000} (rule {v.RuleAuc:0.000}){(v.InUse ? "" : ", not used")}")) + " |");
        text.AppendLine($"| scoring every open complaint for both deadlines, with reasons | {scoringTime.TotalSeconds:N2} s | < 5 s | {scored:N0} scores |");
        text.AppendLine($"| peak resident memory of the process | {peak / 1048576.0:N0} MiB | | |");
        text.AppendLine();
        text.AppendLine($"Training reads a fixed sample of at most {RiskScores.TrainingComplaints:N0} complaints for training and {RiskScores.TestComplaints:N0} for testing, at {RiskEvaluation.TrainingAges.Length} ages each.");
        var report = Path.Combine(root, "tests", "Complaints.Benchmarks", "reports", "models.md");
        await File.WriteAllTextAsync(report, text.ToString());
        Console.WriteLine(text);
        Console.WriteLine($"Written to {report}");
        return 0;
    }

    private static TimeSpan Time<T>(Func<Task<T>> step, out T result)
    {
        var watch = Stopwatch.StartNew();
        result = step().GetAwaiter().GetResult();
        return watch.Elapsed;
    }
}
