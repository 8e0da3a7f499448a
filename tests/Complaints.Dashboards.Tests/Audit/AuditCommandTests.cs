using Complaints.Dashboards.CommandLine;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Dashboards.Tests.Audit;

public sealed class AuditCommandTests : IDisposable
{
    private const string Key = "the auditor's copy of the checkpoint key";
    private readonly string _folder = Directory.CreateTempSubdirectory("complaints-audit-cli-").FullName;
    private string Warehouse => Path.Combine(_folder, "warehouse.duckdb");
    private string KeyFile => Path.Combine(_folder, "checkpoint.key");

    /// <summary>A warehouse whose platform wrote three audited actions, each checkpointed, and then stopped.</summary>
    private async Task WriteTrailAsync()
    {
        File.WriteAllText(KeyFile, Key + "\n");
        using var database = TempWarehouse.Open(Warehouse, TimeProvider.System);
        await database.InitializeAsync(TimeProvider.System);
        _ = new AuditCheckpoints(database, new AuditCheckpointFile(AuditOptions.DefaultCheckpointPath(Warehouse)), System.Text.Encoding.UTF8.GetBytes(Key),
            TimeProvider.System, NullLogger<AuditCheckpoints>.Instance);
        for (var i = 1; i <= 3; i++)
            await database.WriteAsync(c => Task.FromResult(AuditLog.Append(c, TimeProvider.System, "admin", "ingest.run.rolled_back", $"ingest_runs/{i}")));
    }

    [Fact]
    public async Task An_intact_trail_exits_0_with_its_head_and_last_checkpoint()
    {
        await WriteTrailAsync();

        var (code, output) = await Run("audit", "verify", "--warehouse", Warehouse, "--key-file", KeyFile);

        Assert.Equal(AuditCommand.Intact, code);
        Assert.Contains("Audit trail intact: 3 entries", output);
        Assert.Contains("last checkpoint #3", output);
    }

    [Fact]
    public async Task An_edited_entry_exits_1_naming_it()
    {
        await WriteTrailAsync();
        using (var connection = new DuckDBConnection($"Data Source={Warehouse}"))
        {
            connection.Open();
            connection.Execute("UPDATE audit_log SET subject = 'ingest_runs/7' WHERE seq = 2");
        }

        var (code, output) = await Run("audit", "verify", "--warehouse", Warehouse, "--key-file", KeyFile);

        Assert.Equal(AuditCommand.Broken, code);
        Assert.Contains("Audit trail BROKEN: entry 2 was edited", output);
    }

    [Fact]
    public async Task Signed_checkpoints_without_the_key_are_not_taken_as_proof()
    {
        await WriteTrailAsync();

        var (code, output) = await Run("audit", "verify", "--warehouse", Warehouse);

        Assert.Equal(AuditCommand.Broken, code);
        Assert.Contains("no key was given", output);
    }

    [Theory]
    [InlineData(new[] { "audit" }, "Name what to do: audit verify.")]
    [InlineData(new[] { "audit", "check" }, "There is no audit command 'check'")]
    [InlineData(new[] { "audit", "verify", "--wherehouse", "x" }, "Unknown or incomplete option --wherehouse.")]
    public async Task A_bad_command_line_exits_2_with_the_usage(string[] args, string message)
    {
        var (code, output) = await Run(args);

        Assert.Equal(AuditCommand.Usage, code);
        Assert.Contains(message, output);
        Assert.Contains("Usage: audit verify", output);
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var code = await Complaints.Dashboards.CommandLine.CommandLine.RunAsync(args, output);
        return (code, output.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
