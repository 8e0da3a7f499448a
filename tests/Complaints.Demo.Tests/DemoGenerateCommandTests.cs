using System.Text.Json;
using Complaints.Demo;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Demo.Tests;

public sealed class DemoGenerateCommandTests
{
    // 23:30 UTC on 31 March is already 1 April in Warsaw (UTC+2 in summer time).
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 31, 23, 30, 0, TimeSpan.Zero));

    public static TheoryData<string[]> BadArguments => new()
    {
        Array.Empty<string>(),
        new[] { "--complaints", "1000" },
        new[] { "--out", "somewhere" },
        new[] { "--complaints", "many", "--out", "x" },
        new[] { "--complaints", "0", "--out", "x" },
        new[] { "--complaints", "10000001", "--out", "x" },
        new[] { "--complaints", "1000", "--out", "x", "--seed", "abc" },
        new[] { "--complaints", "1000", "--out", "x", "--last-day", "31.03.2025" },
        new[] { "--complaints", "1000", "--out", "x", "--years", "0" },
        new[] { "--complaints", "1000", "--out", "x", "--colour", "red" },
        new[] { "--complaints", "1000", "--out" },
        new[] { "--complaints", "1000", "--complaints", "2000", "--out", "x" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_exit_with_2_and_the_usage(string[] args)
    {
        var output = new StringWriter();

        var exitCode = DemoGenerateCommand.Run(args, output, _time);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: demo --complaints N --out DIR", output.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("demo: ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_run_writes_the_files_shows_progress_and_lists_them()
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();

        var exitCode = DemoGenerateCommand.Run(["--complaints", "25000", "--seed", "3", "--out", directory.Path, "--years", "1"], output, _time);

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Contains("\r  10,000 / 25,000 complaints  40.0%", text, StringComparison.Ordinal);
        Assert.Contains("\r  25,000 / 25,000 complaints  100.0%", text, StringComparison.Ordinal);
        foreach (var file in new[] { "products.csv", "complaints.csv", "status_events.csv", "costs.csv", "surveys.csv", "ground_truth.json" })
        {
            Assert.Contains(file, text, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(directory.Path, file)), file);
        }
        Assert.Matches(@"complaints\.csv\s+25,000 rows\s+[\d.]+ MB", text);
        Assert.Contains("Wrote 25,000 complaints in ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_day_defaults_to_yesterday_in_Warsaw_so_nothing_lies_in_the_future()
    {
        using var directory = new TempDirectory();

        var exitCode = DemoGenerateCommand.Run(["--complaints", "1000", "--out", directory.Path], new StringWriter(), _time);

        Assert.Equal(0, exitCode);
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory.Path, "ground_truth.json")));
        Assert.Equal("2025-03-31", truth.RootElement.GetProperty("last_day").GetString());
        Assert.Equal(DemoGenerateCommand.DefaultSeed, truth.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal("2023-04-01", truth.RootElement.GetProperty("first_day").GetString());
    }
}
