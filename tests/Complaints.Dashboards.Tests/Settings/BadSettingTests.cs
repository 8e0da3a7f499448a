using System.Diagnostics;

namespace Complaints.Dashboards.Tests.Settings;

/// <summary>The platform started as a real process with one bad setting: one line saying what and where, and a non-zero exit.</summary>
public sealed class BadSettingTests
{
    private static async Task<(int Code, string[] Errors, string Output)> StartWith(params string[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("complaints-settings-");
        var host = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(host)! };
        foreach (var arg in new[] { host, "--Demo:Enabled=false", $"--Warehouse:Path={Path.Combine(folder.FullName, "w.duckdb")}", "--urls=http://127.0.0.1:0",
            "--Audit:CheckpointKey=a checkpoint key of at least 32 characters" }.Concat(settings))
            start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException("The platform started instead of refusing the bad setting.");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        return (child.ExitCode, (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries), await output);
    }

    [Theory]
    [InlineData("--Reporting:TimeZone=Mars/Base", "Reporting:TimeZone 'Mars/Base' is not a known time zone id", "Reporting:TimeZone")]
    [InlineData("--Ingest:MaxRejectedShare=7", "Ingest:MaxRejectedShare: The field MaxRejectedShare must be between 0 and 1.", "Ingest:MaxRejectedShare")]
    [InlineData("--Ingest:MaxRejectedShare=abc", "Failed to convert configuration value 'abc' at 'Ingest:MaxRejectedShare'", "Ingest:MaxRejectedShare")]
    [InlineData("--Reporting:EndingStatuses= , ", "Reporting:EndingStatuses names no status", "Reporting:EndingStatuses")]
    [InlineData("--Warehouse:MemoryLimit=lots", "Warehouse:MemoryLimit must be an amount with its unit", "Warehouse:MemoryLimit")]
    [InlineData("--Ingest:Schedules:complaints=every five minutes", "Ingest:Schedules:complaints 'every five minutes' is not a Quartz cron expression", "Ingest:Schedules:complaints")]
    [InlineData("--Models:RefreshSchedule=0 0 25 * * ?", "Models:RefreshSchedule", "Models:RefreshSchedule")]
    [InlineData("--Sla:Policies:0:ResolutionTarget=-1.00:00:00", "Sla:Policies:0:ResolutionTarget must be positive", "Sla:Policies:0:ResolutionTarget")]
    [InlineData("--Audit:CheckpointKey=", "Audit:CheckpointKey is not set: audit checkpoints must be signed with a key the warehouse does not hold", "Audit:CheckpointKey")]
    [InlineData("--Audit:CheckpointKey=short", "Audit:CheckpointKey is 5 characters long; it needs at least 32", "Audit:CheckpointKey")]
    [InlineData("--Audit:VerifySchedule=nightly", "Audit:VerifySchedule 'nightly' is not a Quartz cron expression", "Audit:VerifySchedule")]
    [InlineData("--Scheduler:Clustered=yes", "Failed to convert configuration value 'yes' at 'Scheduler:Clustered'", "Scheduler:Clustered")]
    [InlineData("--Scheduler:Clustered=true", "Scheduler:ConnectionString is empty, and Scheduler:Clustered is true", "Scheduler:ConnectionString")]
    [InlineData("--Scheduler:CheckinInterval=-00:00:05", "Scheduler:CheckinInterval must be a positive time span", "Scheduler:CheckinInterval")]
    [InlineData("--Authentication:OpenIdConnect:Authority=https://login.example.com",
        "Authentication:OpenIdConnect:ClientId is required when Authentication:OpenIdConnect:Authority is set", "Authentication:OpenIdConnect:ClientId")]
    public async Task A_bad_setting_stops_the_start_with_one_line_naming_it_and_what_to_do(string setting, string what, string path)
    {
        var (code, errors, output) = await StartWith(setting);

        Assert.Equal(SettingsCheck.BadSetting, code);
        var line = Assert.Single(errors);
        Assert.StartsWith("Bad setting: ", line);
        Assert.Contains(what, line);
        Assert.EndsWith($"Fix {path} in appsettings.json, the environment variable {path.Replace(":", "__")} or the argument --{path}=…, and start again.", line.TrimEnd());
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("Host=db;Port=many", "is not a PostgreSQL connection string")]
    [InlineData("Database=quartz;Username=complaints;Password=secret-word", "names no Host")]
    public async Task A_bad_job_store_connection_string_stops_the_start_without_repeating_it(string connectionString, string what)
    {
        var (code, errors, _) = await StartWith("--Scheduler:Clustered=true", $"--Scheduler:ConnectionString={connectionString}");

        Assert.Equal(SettingsCheck.BadSetting, code);
        var line = Assert.Single(errors);
        Assert.Contains($"Scheduler:ConnectionString {what}", line);
        Assert.DoesNotContain("secret-word", line);
    }
}
