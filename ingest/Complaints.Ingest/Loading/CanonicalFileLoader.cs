using System.Globalization;
using System.Text.Json;
using Complaints.Ingest.Feeds;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.Writes;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Ingest.Loading;

/// <summary>
/// Loads one canonical CSV file into the warehouse. DuckDB's reader stages it; row checks run set-based over the
/// stage; bad rows go to quarantine and good rows are merged, and both commit with the run record in one transaction.
/// A file with more bad rows than the allowed share is rejected whole (a wrong layout must not trickle garbage in);
/// the same file delivered again is recorded as an unchanged run. The load commits through the writer gate, which
/// announces it: what other parts derive from the feed follows (see <see cref="IDerivedTables"/>).
/// </summary>
public sealed partial class CanonicalFileLoader(WarehouseDatabase warehouse, TimeProvider time, ILogger<CanonicalFileLoader> logger, IOptions<IngestOptions> options)
{
    private readonly double _maxRejectedShare = options.Value.MaxRejectedShare;
    private const int ProblemsQuoted = 3;
    private const int ProblemsKeptForRejectedFile = 1000;

    /// <summary>The steps a load reports to <c>steps</c>, in order, for a progress display.</summary>
    public static readonly IReadOnlyList<string> Steps = ["checking the header", "reading the file", "checking the rows", "merging into the warehouse", MeasuringStep];

    /// <summary>The step after the file's transaction has committed, while the gate's listeners bring derived tables in line (SLA measures).</summary>
    public const string MeasuringStep = "measuring SLA";

    /// <param name="mapped">For a canonical file written by a mapping profile: the source's name and lines, and the mapping's problems.</param>
    public Task<LoadResult> LoadAsync(string path, FeedLayout feed, bool isDemo = false, CancellationToken cancellationToken = default, IProgress<int>? steps = null, MappedSource? mapped = null) =>
        warehouse.WriteAsync(connection => Task.FromResult(Load(connection, new LoadContext(path, feed, isDemo, TextFileCheck.Of(path), time.GetUtcNow(), mapped), steps)), cancellationToken);

    /// <summary>
    /// Records a file rejected before loading began (it did not fit its mapping profile) as a rejected run, with the
    /// columns it lacked; nothing else is stored.
    /// </summary>
    public Task<LoadResult> RejectAsync(string path, FeedLayout feed, string reason, IReadOnlyList<string>? missing = null, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection => Task.FromResult(Reject(connection, new LoadContext(path, feed, false, TextFileCheck.Of(path), time.GetUtcNow()), reason, RowCounts.None, [], missing)), cancellationToken);

    private sealed record LoadContext(string Path, FeedLayout Feed, bool IsDemo, TextFileCheck Check, DateTimeOffset Started, MappedSource? Mapped = null)
    {
        public string Sha256 => Check.Sha256;
        public string FileName => Mapped?.FileName ?? System.IO.Path.GetFileName(Path);
    }

    private sealed record RowCounts(long Read, long Inserted, long Updated, long Unchanged, long Quarantined, long Conflicting = 0)
    {
        public static readonly RowCounts None = new(0, 0, 0, 0, 0);
    }

    /// <summary>Conflicting fields a load's answer lists; the run's page and API have them all.</summary>
    public const int FirstConflictsShown = 20;

    private LoadResult Load(DuckDBConnection connection, LoadContext file, IProgress<int>? steps)
    {
        connection.Execute("SET TimeZone = 'UTC'"); // a timestamp without an offset is read as UTC, whatever the machine's zone
        if (AlreadyLoaded(connection, file))
        {
            using var record = connection.BeginTransaction(); // the run and its audit entry, together
            var unchanged = RecordRun(connection, file, LoadStatus.Unchanged, RowCounts.None, null, NextRunId(connection));
            record.Commit();
            logger.LogInformation("{File}: already loaded as this exact content; recorded run {Run} as unchanged", file.FileName, unchanged.RunId);
            return unchanged;
        }

        // Staging and checks touch only this connection's temporary tables; the warehouse changes in the transactions below.
        try
        {
            steps?.Report(0);
            file.Check.ThrowIfNotText(file.Path, file.FileName);
            var header = CsvHeader.ReadAndCheck(file.Path, file.Feed);
            steps?.Report(1);
            StagedRowChecks.CreateTable(connection);
            StagedRowChecks.Stage(connection, file.Path, file.Feed, header);
        }
        catch (FileRejectedException e)
        {
            return Reject(connection, file, e.Message, RowCounts.None, []);
        }

        steps?.Report(2);
        StagedRowChecks.CheckTyped(connection, file.Feed);
        AddMappingProblems(connection, file);
        var problems = CollectProblems(connection, file);
        var total = connection.Scalar<long>("SELECT count(*) FROM stage") + ReaderRejectCount(connection);
        var badRecords = problems.Select(p => p.Record).Distinct().Count();
        if (total > 0 && (double)badRecords / total > _maxRejectedShare)
        {
            var message = $"{file.FileName}: {badRecords:N0} of {total:N0} rows are bad ({(double)badRecords / total:P1}, more than the {_maxRejectedShare:P0} allowed), so the file is rejected whole; " +
                          string.Join("; ", problems.Take(ProblemsQuoted).Select(p => $"line {p.Line}, field {p.Column ?? "?"}: {p.Reason}")) +
                          (problems.Count > ProblemsQuoted ? "; …" : ".");
            return Reject(connection, file, message, new RowCounts(total, 0, 0, 0, badRecords), problems.Take(ProblemsKeptForRejectedFile).ToList());
        }

        steps?.Report(3);
        var result = Merge(connection, file, total, badRecords, problems);
        steps?.Report(Steps.Count - 1);
        return result;
    }

    /// <summary>The good rows, the quarantine entries and the run record, in one transaction.</summary>
    private LoadResult Merge(DuckDBConnection connection, LoadContext file, long total, long badRecords, IReadOnlyList<Problem> problems)
    {
        RecordConflicts.Find(connection, file.Feed);
        var conflicts = RecordConflicts.Read(connection, records => LinesOf(file, records));
        var conflicting = RecordConflicts.Count(connection);
        connection.Execute("DELETE FROM stage WHERE rowid IN (SELECT record_index FROM stage_problems)");
        using var transaction = connection.BeginTransaction();
        var changes = CountChanges(connection, file.Feed);
        var counts = changes with { Read = total, Quarantined = badRecords, Unchanged = changes.Unchanged - conflicting, Conflicting = conflicting };
        var runId = NextRunId(connection);
        connection.Execute("SET VARIABLE run_id = $id", ("id", runId));
        connection.Execute("SET VARIABLE loaded_at = CAST($at AS TIMESTAMPTZ)", ("at", time.GetUtcNow()));
        using (var merge = connection.CreateCommand())
        {
            merge.CommandText = Sql.Load(typeof(CanonicalFileLoader).Assembly, $"Loading.{file.Feed.Name}.merge.sql");
            merge.ExecuteNonQuery();
        }
        Quarantine(connection, file, runId, problems);
        RecordConflicts.Store(connection, runId, file.Feed.Name, conflicts);
        var result = RecordRun(connection, file, LoadStatus.Loaded, counts, null, runId, problems, conflicts: conflicts);
        warehouse.Commit(transaction, WarehouseChange.Load(file.Feed.Name, runId));
        logger.LogInformation("{File}: loaded {Read} rows into {Feed} ({Inserted} new, {Updated} updated, {Unchanged} unchanged, {Conflicting} conflicting, {Quarantined} quarantined) as run {Run}",
            file.FileName, counts.Read, file.Feed.Name, counts.Inserted, counts.Updated, counts.Unchanged, counts.Conflicting, counts.Quarantined, runId);
        return result;
    }

    /// <summary>The line each record starts on in the file as sent (the source file's, for a file mapped by a profile).</summary>
    private static IReadOnlyDictionary<long, long> LinesOf(LoadContext file, IEnumerable<long> records) => file.Mapped is { } mapped
        ? records.ToDictionary(r => r, r => mapped.RecordLines[(int)r])
        : CsvRecordLocator.Locate(file.Path, records).ToDictionary(l => l.Key, l => l.Value.Line);

    private static bool AlreadyLoaded(DuckDBConnection connection, LoadContext file) =>
        connection.Scalar<long>("SELECT count(*) FROM ingest_runs WHERE feed = $feed AND file_sha256 = $sha AND status = 'loaded'",
            ("feed", file.Feed.Name), ("sha", file.Sha256)) > 0;

    private static long NextRunId(DuckDBConnection connection) => connection.Scalar<long>("SELECT nextval('ingest_run_ids')");

    /// <summary>
    /// Values a mapping profile could not convert were written empty; their problem replaces whatever the row checks
    /// said about the same field (an empty required value), and names the source's column.
    /// </summary>
    private static void AddMappingProblems(DuckDBConnection connection, LoadContext file)
    {
        if (file.Mapped is not { Problems.Count: > 0 } mapped)
            return;
        connection.Execute("CREATE OR REPLACE TEMP TABLE mapping_problems (record_index BIGINT, canonical_column VARCHAR, source_column VARCHAR, reason VARCHAR)");
        using (var appender = connection.CreateAppender("mapping_problems"))
            foreach (var p in mapped.Problems)
                // A problem of the whole record (no column) is quarantined without a column name.
                appender.CreateRow().AppendValue(p.Record).AppendValue(p.CanonicalColumn).AppendValue(p.SourceColumn.Length == 0 ? null : p.SourceColumn).AppendValue(p.Reason).EndRow();
        connection.Execute("""
            DELETE FROM stage_problems s USING mapping_problems m
            WHERE s.record_index = m.record_index AND s.column_name = m.canonical_column
            """);
        connection.Execute("INSERT INTO stage_problems SELECT record_index, source_column, reason FROM mapping_problems");
    }

    private static long ReaderRejectCount(DuckDBConnection connection) => connection.Scalar<long>("SELECT count(DISTINCT line) FROM stage_rejects");

    private sealed record Problem(long Record, long Line, string? Column, string Reason, string RawText);

    /// <summary>Every problem in file order: rows the reader could not split, then our checks, with line and raw text from one pass over the file.</summary>
    private static List<Problem> CollectProblems(DuckDBConnection connection, LoadContext file)
    {
        var reader = connection.QueryList(
            "SELECT line, column_name, error_type, error_message, csv_line FROM stage_rejects ORDER BY line",
            r => new Problem(-1, Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.NullableString(1),
                Shorten(r.NullableString(3) ?? r.GetValue(2).ToString()!), r.NullableString(4) ?? ""));
        var ours = connection.QueryList("SELECT record_index, column_name, reason FROM stage_problems ORDER BY record_index, column_name",
            r => (Record: r.GetInt64(0), Column: r.NullableString(1), Reason: r.GetString(2)));
        var located = CsvRecordLocator.Locate(file.Path, ours.Select(p => p.Record));
        return ours.Select(p => new Problem(p.Record, file.Mapped?.RecordLines[(int)p.Record] ?? located[p.Record].Line, p.Column, p.Reason, located[p.Record].RawText))
            .Concat(OneProblemPerLongLine(reader))
            .OrderBy(p => p.Line)
            .ToList();
    }

    private static void Quarantine(DuckDBConnection connection, LoadContext file, long runId, IReadOnlyList<Problem> problems)
    {
        if (problems.Count == 0)
            return;
        using var appender = connection.CreateAppender("quarantine");
        foreach (var p in problems)
            appender.CreateRow().AppendValue(runId).AppendValue(file.Feed.Name).AppendValue(file.FileName).AppendValue(p.Line)
                .AppendValue(p.Column).AppendValue(p.Reason).AppendValue(p.RawText).EndRow();
    }

    private LoadResult Reject(DuckDBConnection connection, LoadContext file, string message, RowCounts counts, IReadOnlyList<Problem> problems, IReadOnlyList<string>? missing = null)
    {
        logger.LogWarning("{File} rejected: {Reason}", file.FileName, message);
        using var transaction = connection.BeginTransaction();
        var runId = NextRunId(connection);
        Quarantine(connection, file, runId, problems); // kept so an administrator can see every problem, not just the first few
        var result = RecordRun(connection, file, LoadStatus.Rejected, counts, message, runId, problems, missing);
        transaction.Commit();
        return result;
    }

    private static RowCounts CountChanges(DuckDBConnection connection, FeedLayout feed)
    {
        var join = string.Join(" AND ", feed.Key.Select(k => $"t.{k} = s.{k}"));
        return connection.QueryList($"""
            SELECT count(*),
                   count(*) FILTER (WHERE t.updated_at IS NULL),
                   count(*) FILTER (WHERE s.updated_at > t.updated_at),
                   count(*) FILTER (WHERE s.updated_at <= t.updated_at)
            FROM stage s LEFT JOIN {feed.Name} t ON {join}
            """, r => new RowCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), 0)).Single();
    }

    private LoadResult RecordRun(DuckDBConnection connection, LoadContext file, LoadStatus status, RowCounts counts, string? error, long runId,
        IReadOnlyList<Problem>? problems = null, IReadOnlyList<string>? missing = null, IReadOnlyList<Warehouse.Ingest.RecordConflict>? conflicts = null)
    {
        missing = missing is { Count: > 0 } ? missing : null;
        connection.Execute("""
            INSERT INTO ingest_runs (run_id, feed, file_name, file_sha256, is_demo, started_at, finished_at, status,
                                     rows_read, rows_inserted, rows_updated, rows_unchanged, rows_quarantined, error, missing, rows_conflicting)
            VALUES ($id, $feed, $file, $sha, $demo, $started, $finished, $status, $read, $inserted, $updated, $unchanged, $quarantined, $error, $missing, $conflicting)
            """,
            ("id", runId), ("feed", file.Feed.Name), ("file", file.FileName), ("sha", file.Sha256), ("demo", file.IsDemo), ("started", file.Started),
            ("finished", time.GetUtcNow()), ("status", status.ToString().ToLowerInvariant()), ("read", counts.Read),
            ("inserted", counts.Inserted), ("updated", counts.Updated), ("unchanged", counts.Unchanged), ("quarantined", counts.Quarantined), ("error", error),
            ("missing", missing is null ? null : string.Join('\n', missing)), ("conflicting", counts.Conflicting));
        // Every run is audited in its own transaction: what came in, from which file (by name and digest), and what it did.
        AuditLog.Append(connection, time, "system", $"ingest.run.{status.ToString().ToLowerInvariant()}", $"ingest_runs/{runId}", null,
            JsonSerializer.Serialize(new { run = runId, feed = file.Feed.Name, file = file.FileName, sha256 = file.Sha256, demo = file.IsDemo,
                rowsRead = counts.Read, rowsInserted = counts.Inserted, rowsUpdated = counts.Updated, rowsUnchanged = counts.Unchanged,
                rowsQuarantined = counts.Quarantined, rowsConflicting = counts.Conflicting }));
        var first = (problems ?? []).Take(10).Select(p => new RowProblem(p.Line, p.Column, p.Reason)).ToList();
        return new LoadResult(runId, file.Feed.Name, file.FileName, status, counts.Read, counts.Inserted, counts.Updated, counts.Unchanged, error, counts.Quarantined, first, missing,
            counts.Conflicting, conflicts is { Count: > 0 } ? [.. conflicts.Take(FirstConflictsShown)] : null);
    }

    /// <summary>
    /// DuckDB reports a line with extra fields once per extra field ("Expected Number of Columns: 14 Found: 15", "… 16");
    /// it is one misaligned row, said once in the user's words: "16 fields where the header has 14".
    /// </summary>
    private static IEnumerable<Problem> OneProblemPerLongLine(IEnumerable<Problem> readerProblems)
    {
        var seen = new HashSet<long>();
        var problems = readerProblems.ToList();
        foreach (var p in problems)
        {
            if (TooManyColumns().Match(p.Reason) is not { Success: true } match)
            {
                yield return p;
                continue;
            }
            if (!seen.Add(p.Line))
                continue;
            var found = problems.Where(q => q.Line == p.Line).Select(q => TooManyColumns().Match(q.Reason)).Where(m => m.Success).Max(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            yield return p with { Column = null, Reason = $"{found} fields where the header has {match.Groups[1].Value}" };
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Expected Number of Columns: (\d+) Found: (\d+)")]
    private static partial System.Text.RegularExpressions.Regex TooManyColumns();

    private static string Shorten(string message)
    {
        var firstLine = message.Split('\n')[0].Trim();
        return firstLine.Length <= 200 ? firstLine : firstLine[..200] + "…";
    }
}
