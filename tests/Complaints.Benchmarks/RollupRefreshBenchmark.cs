using System.Diagnostics;
using System.Text;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Warehouse;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Rollups;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Complaints.Benchmarks;

/// <summary>
/// <c>rollup-refresh --warehouse PATH --data FOLDER [--rows N]</c>: what keeping the Overview rollup in step costs a daily
/// delivery on a large warehouse. The last N complaints of the generated complaints file (the most recent days) come
/// again updated now, as a ticket system's daily export of changed cases does (so every run is a new delivery); the load's time and the
/// rollup's own share of it (from its log) are reported. Changes the warehouse: run it on a copy, after <c>pages</c>.
/// Writes reports/rollup-refresh.md.
/// </summary>
public static class RollupRefreshBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var warehousePath = Value("--warehouse") ?? throw new ArgumentException("--warehouse PATH is required");
        var data = Value("--data") ?? throw new ArgumentException("--data FOLDER (the generated files the warehouse was loaded from) is required");
        var rows = int.Parse(Value("--rows") ?? "10000");
        var root = BenchmarkOptions.FindRepositoryRoot();
        var reportPath = Value("--report") ?? Path.Combine(root, "tests", "Complaints.Benchmarks", "reports", "rollup-refresh.md");

        var delta = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(warehousePath))!, "complaints-delta.csv");
        WriteDelta(Path.Combine(data, "complaints.csv"), delta, rows);

        var reporting = Options.Create(new ReportingOptions { ExchangeRates = { ["EUR"] = 4.30m } });
        var log = new RecordingLogger<ComplaintRollup>();
        var slaLog = new RecordingLogger<SlaRollup>();
        using var warehouse = new WarehouseDatabase(warehousePath, new WarehouseOptions().MemoryLimit, NullLogger<WarehouseDatabase>.Instance,
            [new SlaMeasures(Options.Create(new SlaOptions()), reporting, TimeProvider.System), new CostRollup(reporting, TimeProvider.System, NullLogger<CostRollup>.Instance),
             new ComplaintRollup(reporting, TimeProvider.System, log), new SlaRollup(reporting, TimeProvider.System, slaLog)]);
        await warehouse.InitializeAsync(TimeProvider.System);
        long complaints;
        using (var connection = warehouse.OpenConnection())
            complaints = connection.Scalar<long>("SELECT count(*) FROM complaints");
        await new ComplaintRollup(reporting, TimeProvider.System, log).EnsureCurrentAsync(warehouse);
        await new SlaRollup(reporting, TimeProvider.System, slaLog).EnsureCurrentAsync(warehouse);
        log.Messages.Clear();
        slaLog.Messages.Clear();

        var watch = Stopwatch.StartNew();
        var result = await Complaints.Testing.Loaders.Loader(warehouse, TimeProvider.System).LoadAsync(delta, FeedLayouts.Complaints);
        var seconds = watch.Elapsed.TotalSeconds;
        if (result.Status != LoadStatus.Loaded)
            throw new InvalidOperationException($"the delivery did not load ({result.Status}): {result.Error}");
        var refresh = log.Messages.LastOrDefault(m => m.StartsWith("Overview rollup", StringComparison.Ordinal)) ?? "no refresh logged";
        var slaRefresh = slaLog.Messages.LastOrDefault(m => m.StartsWith("SLA rollup", StringComparison.Ordinal)) ?? "no refresh logged";

        var md = new StringBuilder();
        md.AppendLine("# Overview and SLA rollups: refresh after a daily delivery").AppendLine();
        md.AppendLine($"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine($"- commit: {Machine.Commit()}");
        md.AppendLine($"- machine: {Machine.Describe()}");
        md.AppendLine($"- load average at the end: {Machine.LoadAverage()}");
        md.AppendLine($"- warehouse: {complaints:N0} complaints");
        md.AppendLine($"- command: `dotnet run -c Release --project tests/Complaints.Benchmarks -- rollup-refresh --warehouse <copy> --data <folder> --rows {rows}`").AppendLine();
        md.AppendLine($"The last {rows:N0} complaints of the generated file, again and updated now, loaded through the real load path.").AppendLine();
        md.AppendLine($"- rows read {result.RowsRead:N0}, inserted {result.RowsInserted:N0}, updated {result.RowsUpdated:N0}");
        md.AppendLine($"- the whole load (staging, merge, versions, cost rollup, Overview rollup, then SLA measures and the SLA rollup): {seconds:N1} s");
        md.AppendLine($"- the Overview rollup's share, from its log: {refresh}");
        md.AppendLine($"- the SLA rollup's share, from its log: {slaRefresh}");
        File.WriteAllText(reportPath, md.ToString());
        Console.WriteLine(md);
        return 0;
    }

    /// <summary>The header and the last <paramref name="rows"/> records of the complaints file, each updated now.</summary>
    private static void WriteDelta(string complaints, string delta, int rows)
    {
        string header;
        using (var reader = new StreamReader(complaints))
            header = reader.ReadLine()!;
        // Records start with the source; a description's own line breaks never do. Read back from the end until enough.
        using var stream = File.OpenRead(complaints);
        var tail = Math.Min(stream.Length, rows * 2_000L);
        stream.Seek(-tail, SeekOrigin.End);
        var text = new StreamReader(stream, Encoding.UTF8).ReadToEnd();
        var source = header.StartsWith("source,", StringComparison.Ordinal) ? File.ReadLines(complaints).Skip(1).First().Split(',')[0] + "," : throw new InvalidDataException("unexpected header");
        var starts = new List<int>();
        for (var at = text.IndexOf("\n" + source, StringComparison.Ordinal); at >= 0; at = text.IndexOf("\n" + source, at + 1, StringComparison.Ordinal))
            starts.Add(at + 1);
        var records = starts.Zip(starts.Skip(1).Append(text.Length), (s, e) => text[s..e].TrimEnd('\n', '\r')).TakeLast(rows).ToList();
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        using var writer = new StreamWriter(delta, false, new UTF8Encoding(false));
        writer.WriteLine(header);
        foreach (var record in records)
        {
            var fields = record.Split(',', 4);
            writer.WriteLine(string.Join(',', fields[0], fields[1], now, fields[3]));
        }
    }

    /// <summary>Keeps what a part logs, so a benchmark can report the part's own timing.</summary>
    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
