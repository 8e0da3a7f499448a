using System.Diagnostics;
using System.Text;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Benchmarks;

/// <summary>
/// <c>audit [--entries N]</c>: verification of an audit trail of a million entries (by default) against its signed
/// checkpoints, as the Audit page, the nightly job, the start-up and <c>audit verify</c> do it; and the checkpoint a
/// write pays for. Writes reports/audit.md.
/// </summary>
public static class AuditBenchmark
{
    private static readonly byte[] Key = "benchmark checkpoint key, 32 characters or more"u8.ToArray();

    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(args.SkipWhile(a => a != "--entries").Skip(1).FirstOrDefault() ?? "1000000");
        var root = BenchmarkOptions.FindRepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "complaints-bench-audit");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var warehousePath = Path.Combine(work, "audit.duckdb");
        var file = new AuditCheckpointFile(Path.Combine(work, "audit.checkpoints"));

        using var warehouse = Complaints.Testing.TempWarehouse.Open(warehousePath, TimeProvider.System);
        await warehouse.InitializeAsync(TimeProvider.System);
        Console.WriteLine($"Writing a trail of {count:N0} entries, checkpointed every 10,000…");
        var buildTime = Stopwatch.StartNew();
        var checkpoints = Write(warehouse, file, count);
        buildTime.Stop();

        Machine.ResetPeakResident();
        var runs = new List<TimeSpan>();
        AuditVerification verification = null!;
        for (var run = 0; run < 3; run++)
        {
            using var connection = warehouse.OpenConnection();
            verification = AuditVerifier.Verify(connection, file.Read(), Key, TimeProvider.System);
            runs.Add(verification.Took);
            if (!verification.Intact) throw new InvalidOperationException(verification.Summary);
        }
        var peak = Machine.PeakResidentBytes(Environment.ProcessId) ?? 0;

        // The platform's own path: the first checkpoint verifies everything, each write after it only reads what it added.
        var anchoring = new AuditCheckpoints(warehouse, file, Key, TimeProvider.System, NullLogger<AuditCheckpoints>.Instance);
        var start = Stopwatch.StartNew();
        anchoring.Checkpoint("start", always: true);
        start.Stop();
        var perWrite = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            await warehouse.WriteAsync(c => Task.FromResult(AuditLog.Append(c, TimeProvider.System, "system", "benchmark.write", $"write/{i}")));
            perWrite.Add(watch.Elapsed);
        }

        // Tampering near the end is found by the same walk.
        using (var connection = warehouse.OpenConnection())
            connection.Execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = $seq", ("seq", count - 1000L));
        AuditVerification tampered;
        using (var connection = warehouse.OpenConnection())
            tampered = AuditVerifier.Verify(connection, file.Read(), Key, TimeProvider.System);

        var median = runs.Order().ElementAt(runs.Count / 2);
        var text = new StringBuilder();
        text.AppendLine($"# Audit trail verification at {count:N0} entries");
        text.AppendLine();
        text.AppendLine($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC at commit {Machine.Commit()} on {Machine.Describe()}; load average {Machine.LoadAverage()}.");
        text.AppendLine($"A trail of {count:N0} entries (about {AverageBytes(warehouse):N0} bytes of content each, written with the Appender in {buildTime.Elapsed.TotalSeconds:N1} s) " +
            $"in a warehouse file, with {checkpoints:N0} signed checkpoints (one per 10,000 entries).");
        text.AppendLine();
        text.AppendLine("| step | time | target | result |");
        text.AppendLine("|---|---:|---:|---|");
        text.AppendLine($"| verify the whole trail (read every entry in order, recompute its hash and the chain, the Merkle root at each checkpoint, check each signature); median of {runs.Count} | " +
            $"{median.TotalSeconds:N2} s | < 10 s | {(verification.Intact ? "intact" : "broken")}: {verification.Entries:N0} entries, runs {string.Join(", ", runs.Select(r => $"{r.TotalSeconds:N2} s"))} |");
        text.AppendLine($"| first checkpoint of a host (full verification, then sign and append) | {start.Elapsed.TotalSeconds:N2} s | | at entry {count:N0} |");
        text.AppendLine($"| a write of one audit entry with its checkpoint (writer gate, entry, read of the new entry, sign, append, flush to disk); median of {perWrite.Count} | " +
            $"{perWrite.Order().ElementAt(perWrite.Count / 2).TotalMilliseconds:N1} ms | | max {perWrite.Max().TotalMilliseconds:N1} ms |");
        text.AppendLine($"| the same walk after entry {count - 1000:N0} was edited | {tampered.Took.TotalSeconds:N2} s | | {tampered.Problem?.Text ?? "not found"} |");
        text.AppendLine($"| peak resident memory of the process during verification | {peak / 1048576.0:N0} MiB | | the walk holds one entry at a time; this is DuckDB's buffer pool and the runtime's heap left from writing the trail |");
        var report = Path.Combine(root, "tests", "Complaints.Benchmarks", "reports", "audit.md");
        await File.WriteAllTextAsync(report, text.ToString());
        Console.WriteLine(text);
        Console.WriteLine($"Written to {report}");
        warehouse.Dispose();
        Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>Entries as the platform writes them (an ingest run's numbers as JSON), chained, appended in bulk; a checkpoint every 10,000.</summary>
    private static int Write(WarehouseDatabase warehouse, AuditCheckpointFile file, int count)
    {
        using var connection = warehouse.OpenConnection();
        var frontier = new MerkleFrontier();
        var prev = AuditLog.Genesis;
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var checkpoints = 0;
        using var appender = connection.CreateAppender("audit_log");
        for (long seq = 1; seq <= count; seq++)
        {
            var entry = new AuditEntry(seq, at.AddSeconds(seq * 30), seq % 7 == 0 ? "administrator key via API from 10.0.0.7" : "system",
                seq % 3 == 0 ? "ingest.run.loaded" : "risk_scores.recalculated", $"ingest_runs/{seq}", null,
                $$"""{"run":{{seq}},"feed":"complaints","rowsRead":{{seq % 5000}},"rowsInserted":{{seq % 4000}},"rowsUpdated":{{seq % 100}}}""", prev, "");
            entry = entry with { Hash = AuditLog.HashOf(entry) };
            appender.CreateRow().AppendValue(entry.Seq).AppendValue(entry.OccurredAt.UtcDateTime).AppendValue(entry.Actor).AppendValue(entry.Action)
                .AppendValue(entry.Subject).AppendNullValue().AppendValue(entry.AfterJson).AppendValue(entry.PrevHash).AppendValue(entry.Hash).EndRow();
            frontier.Append(Convert.FromHexString(entry.Hash));
            prev = entry.Hash;
            if (seq % 10_000 == 0 || seq == count)
            {
                file.Append(AuditCheckpoint.Create(seq, entry.Hash, frontier.RootHex(), entry.OccurredAt, "write", Key));
                checkpoints++;
            }
        }
        return checkpoints;
    }

    private static double AverageBytes(WarehouseDatabase warehouse)
    {
        using var connection = warehouse.OpenConnection();
        return connection.Scalar<double>("SELECT avg(strlen(actor) + strlen(action) + strlen(subject) + coalesce(strlen(after_json), 0)) FROM audit_log");
    }
}
