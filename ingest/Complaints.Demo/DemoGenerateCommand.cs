using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Complaints.Demo;

/// <summary>
/// The <c>demo</c> command: writes a demo data set with its ground truth to a folder, redrawing one progress line
/// as it goes and ending with a summary of the files. Exit code 0 when written, 2 for bad arguments, 1 when the
/// files could not be written.
/// </summary>
public static class DemoGenerateCommand
{
    public const int MaxComplaints = 10_000_000;
    public const int DefaultSeed = 2026;

    public const string Usage = """
        Usage: demo --complaints N --out DIR [--seed N] [--last-day yyyy-MM-dd] [--years N]

          --complaints N         complaints to generate, 1 to 10,000,000
          --out DIR              folder for the seven feed files and ground_truth.json (created if missing)
          --seed N               random seed; the same seed and options give the same bytes (default 2026)
          --last-day yyyy-MM-dd  last day complaints are received on (default: yesterday in Europe/Warsaw,
                                 so nothing in the data lies after the moment it is generated)
          --years N              years of received dates ending on the last day, 1 to 20 (default 2)
        """;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(string[] args, TextWriter output) => Run(args, output, TimeProvider.System);

    public static int Run(string[] args, TextWriter output, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);

        if (args is ["--help"] or ["-h"] or ["demo", "--help"] or ["demo", "-h"])
        {
            output.WriteLine(Usage);
            return 0;
        }
        if (!TryParse(args, time, out var directory, out var options, out var error))
        {
            output.WriteLine($"demo: {error}");
            output.WriteLine();
            output.WriteLine(Usage);
            return 2;
        }

        output.WriteLine(string.Create(Invariant,
            $"Generating {options.Complaints:N0} demo complaints (seed {options.Seed}, {options.Years} year(s) to {options.LastDay:yyyy-MM-dd}) into {directory}"));
        var started = time.GetTimestamp();
        var progress = new ProgressLine(output, time, started, options.Complaints);
        DemoDataFiles files;
        try
        {
            files = new DemoDataGenerator().Write(directory, options, progress);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine();
            output.WriteLine($"demo: could not write the files: {e.Message}");
            return 1;
        }
        var elapsed = time.GetElapsedTime(started);
        progress.Finish();
        WriteSummary(output, files, elapsed);
        return 0;
    }

    private static bool TryParse(string[] args, TimeProvider time, out string directory, [NotNullWhen(true)] out DemoDataOptions? options,
        [NotNullWhen(false)] out string? error)
    {
        directory = "";
        options = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = args is ["demo", ..] ? 1 : 0;
        for (var i = start; i < args.Length; i += 2)
        {
            var name = args[i];
            if (name is not ("--complaints" or "--seed" or "--out" or "--last-day" or "--years"))
            {
                error = $"unknown argument '{name}'.";
                return false;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{name} needs a value.";
                return false;
            }
            if (!values.TryAdd(name, args[i + 1]))
            {
                error = $"{name} is given twice.";
                return false;
            }
        }

        if (!values.TryGetValue("--complaints", out var complaintsText))
        {
            error = "--complaints is required.";
            return false;
        }
        if (!int.TryParse(complaintsText, NumberStyles.None, Invariant, out var complaints) || complaints is < 1 or > MaxComplaints)
        {
            error = $"--complaints must be a whole number from 1 to {MaxComplaints:N0}, not '{complaintsText}'.";
            return false;
        }
        if (!values.TryGetValue("--out", out var outText) || string.IsNullOrWhiteSpace(outText))
        {
            error = "--out is required.";
            return false;
        }

        var seed = DefaultSeed;
        if (values.TryGetValue("--seed", out var seedText) && !int.TryParse(seedText, NumberStyles.AllowLeadingSign, Invariant, out seed))
        {
            error = $"--seed must be a whole number, not '{seedText}'.";
            return false;
        }

        DateOnly lastDay;
        if (values.TryGetValue("--last-day", out var dayText))
        {
            if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out lastDay))
            {
                error = $"--last-day must be a date as yyyy-MM-dd, not '{dayText}'.";
                return false;
            }
        }
        else
        {
            var warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");
            // The data is as of the end of its last day: ending yesterday keeps every receipt, answer and booking in the past.
            lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), warsaw).DateTime).AddDays(-1);
        }

        var years = 2;
        if (values.TryGetValue("--years", out var yearsText)
            && (!int.TryParse(yearsText, NumberStyles.None, Invariant, out years) || years is < 1 or > 20))
        {
            error = $"--years must be a whole number from 1 to 20, not '{yearsText}'.";
            return false;
        }

        directory = outText;
        options = new DemoDataOptions(complaints, seed, lastDay, years);
        error = null;
        return true;
    }

    private static void WriteSummary(TextWriter output, DemoDataFiles files, TimeSpan elapsed)
    {
        using var truth = JsonDocument.Parse(File.ReadAllBytes(files.GroundTruth));
        var rows = truth.RootElement.GetProperty("rows");
        var feeds = files.FeedsWithLayouts.Select(f => (f.Path, Rows: f.Feed.Name));

        var complaints = rows.GetProperty("complaints").GetInt64();
        output.WriteLine(string.Create(Invariant,
            $"Wrote {complaints:N0} complaints in {elapsed.TotalSeconds:F1} s ({Rate(complaints, elapsed):N0} complaints/s) to {Path.GetDirectoryName(files.GroundTruth)}:"));
        long totalBytes = 0;
        foreach (var (path, name) in feeds)
        {
            var bytes = new FileInfo(path).Length;
            totalBytes += bytes;
            output.WriteLine(string.Create(Invariant,
                $"  {Path.GetFileName(path),-18} {rows.GetProperty(name).GetInt64(),14:N0} rows {Size(bytes),12}"));
        }
        var truthBytes = new FileInfo(files.GroundTruth).Length;
        totalBytes += truthBytes;
        output.WriteLine(string.Create(Invariant, $"  {Path.GetFileName(files.GroundTruth),-18} {"",14}      {Size(truthBytes),12}"));
        output.WriteLine(string.Create(Invariant, $"  {"total",-18} {"",14}      {Size(totalBytes),12}"));
    }

    private static double Rate(long complaints, TimeSpan elapsed) => elapsed.TotalSeconds > 0 ? complaints / elapsed.TotalSeconds : 0;

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(Invariant, $"{bytes} B"),
        < 1024 * 1024 => string.Create(Invariant, $"{bytes / 1024.0:F1} KB"),
        < 1024L * 1024 * 1024 => string.Create(Invariant, $"{bytes / (1024.0 * 1024):F1} MB"),
        _ => string.Create(Invariant, $"{bytes / (1024.0 * 1024 * 1024):F2} GB"),
    };

    /// <summary>One line, redrawn in place with a carriage return: complaints written, share, rate and elapsed time.</summary>
    private sealed class ProgressLine(TextWriter output, TimeProvider time, long started, long total) : IProgress<long>
    {
        private int _width;

        public void Report(long value)
        {
            var elapsed = time.GetElapsedTime(started);
            var percent = total == 0 ? 100.0 : 100.0 * value / total;
            var line = string.Create(Invariant,
                $"  {value:N0} / {total:N0} complaints  {percent:F1}%  {Rate(value, elapsed):N0}/s  {(int)elapsed.TotalMinutes}:{elapsed.Seconds:D2}");
            // Pad to the longest line so far, so a shorter redraw leaves nothing of the previous one behind.
            _width = Math.Max(_width, line.Length);
            output.Write('\r');
            output.Write(line.PadRight(_width));
            output.Flush();
        }

        public void Finish()
        {
            if (_width > 0)
                output.WriteLine();
        }
    }
}
