using System.Security.Cryptography;
using Complaints.Ingest.Feeds;
using Complaints.Warehouse;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;

namespace Complaints.Ingest.Loading;

/// <summary>
/// Loads one canonical CSV file into the warehouse: DuckDB's reader stages it, checks run set-based over the stage,
/// and the merge, the run record and nothing else commit in one transaction. A file with any bad row is rejected
/// whole (the ingest issue adds quarantine); the same file delivered again is recorded as an unchanged run.
/// </summary>
public sealed class CanonicalFileLoader(WarehouseDatabase warehouse, TimeProvider time, ILogger<CanonicalFileLoader> logger)
{
    private const int ErrorsQuoted = 3;

    /// <summary>The steps a load reports to <c>steps</c>, in order, for a progress display.</summary>
    public static readonly IReadOnlyList<string> Steps = ["checking the header", "reading the file", "checking the rows", "merging into the warehouse"];

    public Task<LoadResult> LoadAsync(string path, FeedLayout feed, bool isDemo = false, CancellationToken cancellationToken = default, IProgress<int>? steps = null) =>
        warehouse.WriteAsync(connection => Task.FromResult(Load(connection, path, feed, isDemo, steps)), cancellationToken);

    private LoadResult Load(DuckDBConnection connection, string path, FeedLayout feed, bool isDemo, IProgress<int>? steps)
    {
        var fileName = Path.GetFileName(path);
        var started = time.GetUtcNow();
        var sha256 = Sha256Of(path);
        connection.Execute("SET TimeZone = 'UTC'"); // a timestamp without an offset is read as UTC, whatever the machine's zone
        try
        {
            if (AlreadyLoaded(connection, feed, sha256))
            {
                var unchanged = RecordRun(connection, feed, fileName, sha256, isDemo, started, LoadStatus.Unchanged, new RowCounts(0, 0, 0, 0), null);
                logger.LogInformation("{File}: already loaded as this exact content; recorded run {Run} as unchanged", fileName, unchanged.RunId);
                return unchanged;
            }

            // Staging and checks touch only this connection's temporary tables; the warehouse changes in the transaction below.
            steps?.Report(0);
            var header = CsvHeader.ReadAndCheck(path, feed);
            steps?.Report(1);
            Stage(connection, path, feed, header);
            steps?.Report(2);
            CheckStagedRows(connection, path, feed);
            steps?.Report(3);
            using var transaction = connection.BeginTransaction();
            var counts = CountChanges(connection, feed);
            var runId = connection.Scalar<long>("SELECT nextval('ingest_run_ids')");
            connection.Execute("SET VARIABLE run_id = $id", ("id", runId));
            connection.Execute("SET VARIABLE loaded_at = CAST($at AS TIMESTAMPTZ)", ("at", time.GetUtcNow()));
            using (var merge = connection.CreateCommand())
            {
                merge.CommandText = Sql.Load(typeof(CanonicalFileLoader).Assembly, $"Loading.{feed.Name}.merge.sql");
                merge.ExecuteNonQuery();
            }
            var result = RecordRun(connection, feed, fileName, sha256, isDemo, started, LoadStatus.Loaded, counts, null, runId);
            transaction.Commit();
            logger.LogInformation("{File}: loaded {Read} rows into {Feed} ({Inserted} new, {Updated} updated, {Unchanged} unchanged) as run {Run}",
                fileName, counts.Read, feed.Name, counts.Inserted, counts.Updated, counts.Unchanged, runId);
            return result;
        }
        catch (FileRejectedException e)
        {
            // Nothing of the file was written (the transaction, if begun, rolled back); the rejection itself is recorded.
            logger.LogWarning("{File} rejected: {Reason}", fileName, e.Message);
            return RecordRun(connection, feed, fileName, sha256, isDemo, started, LoadStatus.Rejected, new RowCounts(0, 0, 0, 0), e.Message);
        }
    }

    private static bool AlreadyLoaded(DuckDBConnection connection, FeedLayout feed, string sha256) =>
        connection.Scalar<long>("SELECT count(*) FROM ingest_runs WHERE feed = $feed AND file_sha256 = $sha AND status = 'loaded'",
            ("feed", feed.Name), ("sha", sha256)) > 0;

    /// <summary>
    /// Reads the file with DuckDB's CSV reader into a temporary table of text (the reader turns some unparsable
    /// timestamps into NULL silently, so types are checked here), then checks every typed field and converts.
    /// Staging runs outside the load's transaction: row ids there are transaction-local and would not number the
    /// file's records; record_index does.
    /// </summary>
    private static void Stage(DuckDBConnection connection, string path, FeedLayout feed, IReadOnlyList<string> header)
    {
        var fileName = Path.GetFileName(path);
        // Column names come from the layout (checked above), never from free text; the path is a bound parameter.
        var columns = string.Join(", ", header.Select(name => $"'{name}': 'VARCHAR'"));
        connection.Execute("DROP TABLE IF EXISTS stage; DROP TABLE IF EXISTS stage_text; DROP TABLE IF EXISTS stage_rejects; DROP TABLE IF EXISTS stage_scans;");
        connection.Execute($$"""
            CREATE TEMP TABLE stage_text AS
            SELECT * FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                                   columns = {{{columns}}}, store_rejects = true,
                                   rejects_table = 'stage_rejects', rejects_scan = 'stage_scans', rejects_limit = 0)
            """, ("path", path));

        var rejects = connection.QueryList(
            "SELECT line, column_name, error_type, error_message FROM stage_rejects ORDER BY line LIMIT $n",
            r => $"line {r.GetValue(0)}, field {r.NullableString(1) ?? "?"}: {Shorten(r.NullableString(3) ?? r.GetValue(2).ToString()!)}",
            ("n", ErrorsQuoted));
        if (rejects.Count > 0)
        {
            var total = connection.Scalar<long>("SELECT count(*) FROM stage_rejects");
            throw new FileRejectedException($"{fileName}: {total} row(s) could not be read: {string.Join("; ", rejects)}");
        }

        // One pass for all typed columns: the first record each column fails on, then the earliest of those.
        var typedColumns = feed.Columns.Where(c => c.DuckDbType != "VARCHAR").ToList();
        var firstBad = FirstFailures(connection, "stage_text", "rowid",
            typedColumns.Select(c => $"trim({c.Name}) <> '' AND try_cast(trim({c.Name}) AS {c.DuckDbType}) IS NULL"));
        if (Earliest(firstBad) is { } bad)
        {
            var column = typedColumns[bad.Check];
            var value = connection.Scalar<string>($"SELECT {column.Name} FROM stage_text WHERE rowid = $row", ("row", bad.Record))!;
            throw new FileRejectedException($"{fileName}: line {CsvRecordLocator.LineOf(path, bad.Record)}, field {column.Name}: '{Shorten(value)}' is not a valid {Describe(column.DuckDbType)}.");
        }

        var typed = string.Join(",\n    ", feed.Columns.Select(c => c.DuckDbType == "VARCHAR"
            ? $"nullif(trim({c.Name}), '') AS {c.Name}"
            : $"CAST(nullif(trim({c.Name}), '') AS {c.DuckDbType}) AS {c.Name}"));
        connection.Execute($"CREATE TEMP TABLE stage AS SELECT rowid AS record_index,\n    {typed}\nFROM stage_text");
    }

    private static string Describe(string duckDbType) => duckDbType switch
    {
        "TIMESTAMPTZ" => "ISO 8601 timestamp (e.g. 2024-03-01T09:30:00+01:00)",
        "DATE" => "date (yyyy-MM-dd)",
        "INTEGER" => "whole number",
        _ when duckDbType.StartsWith("DECIMAL", StringComparison.Ordinal) => "amount (e.g. 1234.50)",
        _ => duckDbType,
    };

    private static readonly string[] AnswerTimes = ["first_response_at", "resolved_at", "answered_at", "closed_at"];

    /// <summary>Required fields and date order in one pass over the stage, then duplicate keys; errors name the file's line.</summary>
    private static void CheckStagedRows(DuckDBConnection connection, string path, FeedLayout feed)
    {
        var fileName = Path.GetFileName(path);
        var checks = feed.Columns.Where(c => c.Required)
            .Select(c => (Sql: $"{c.Name} IS NULL", Error: $"field {c.Name}: a value is required."))
            .Concat(feed == FeedLayouts.Complaints
                ? AnswerTimes.Select(t => (Sql: $"{t} < received_at", Error: $"field {t}: it is earlier than received_at."))
                : [])
            .ToList();
        if (Earliest(FirstFailures(connection, "stage", "record_index", checks.Select(c => c.Sql))) is { } failed)
            throw new FileRejectedException($"{fileName}: line {CsvRecordLocator.LineOf(path, failed.Record)}, {checks[failed.Check].Error}");

        // Hash aggregation finds repeated keys without sorting the file; the error names the repeat, not the first.
        var key = string.Join(", ", feed.Key);
        var join = string.Join(" AND ", feed.Key.Select(k => $"s.{k} = d.{k}"));
        var duplicate = connection.Scalar<long?>($"""
            WITH repeated AS (SELECT {key}, min(record_index) AS first FROM stage GROUP BY {key} HAVING count(*) > 1)
            SELECT min(s.record_index) FROM stage s JOIN repeated d ON {join} WHERE s.record_index > d.first
            """);
        if (duplicate is { } d)
            throw new FileRejectedException($"{fileName}: line {CsvRecordLocator.LineOf(path, d)}, field {string.Join("+", feed.Key)}: the same record appears twice in the file.");
    }

    /// <summary>For each condition, the first record (by <paramref name="recordColumn"/>) that meets it, or null; all in one scan.</summary>
    private static long?[] FirstFailures(DuckDBConnection connection, string table, string recordColumn, IEnumerable<string> conditions)
    {
        var list = conditions.ToList();
        if (list.Count == 0)
            return [];
        var selects = string.Join(", ", list.Select(c => $"min({recordColumn}) FILTER (WHERE {c})"));
        return connection.QueryList($"SELECT {selects} FROM {table}",
            r => Enumerable.Range(0, list.Count).Select(i => r.IsDBNull(i) ? (long?)null : Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).ToArray()).Single();
    }

    private static (int Check, long Record)? Earliest(long?[] firstFailures) =>
        firstFailures.Select((record, check) => (Check: check, Record: record))
            .Where(f => f.Record is not null)
            .OrderBy(f => f.Record)
            .Select(f => ((int, long)?)(f.Check, f.Record!.Value))
            .FirstOrDefault();

    private sealed record RowCounts(long Read, long Inserted, long Updated, long Unchanged);

    private static RowCounts CountChanges(DuckDBConnection connection, FeedLayout feed)
    {
        var join = string.Join(" AND ", feed.Key.Select(k => $"t.{k} = s.{k}"));
        return connection.QueryList($"""
            SELECT count(*),
                   count(*) FILTER (WHERE t.updated_at IS NULL),
                   count(*) FILTER (WHERE s.updated_at > t.updated_at),
                   count(*) FILTER (WHERE s.updated_at <= t.updated_at)
            FROM stage s LEFT JOIN {feed.Name} t ON {join}
            """, r => new RowCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3))).Single();
    }

    private LoadResult RecordRun(DuckDBConnection connection, FeedLayout feed, string fileName, string sha256, bool isDemo,
        DateTimeOffset started, LoadStatus status, RowCounts counts, string? error, long? runId = null)
    {
        var id = runId ?? connection.Scalar<long>("SELECT nextval('ingest_run_ids')");
        connection.Execute("""
            INSERT INTO ingest_runs (run_id, feed, file_name, file_sha256, is_demo, started_at, finished_at, status,
                                     rows_read, rows_inserted, rows_updated, rows_unchanged, error)
            VALUES ($id, $feed, $file, $sha, $demo, $started, $finished, $status, $read, $inserted, $updated, $unchanged, $error)
            """,
            ("id", id), ("feed", feed.Name), ("file", fileName), ("sha", sha256), ("demo", isDemo), ("started", started),
            ("finished", time.GetUtcNow()), ("status", status.ToString().ToLowerInvariant()), ("read", counts.Read),
            ("inserted", counts.Inserted), ("updated", counts.Updated), ("unchanged", counts.Unchanged), ("error", error));
        return new LoadResult(id, feed.Name, fileName, status, counts.Read, counts.Inserted, counts.Updated, counts.Unchanged, error);
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Shorten(string message)
    {
        var firstLine = message.Split('\n')[0].Trim();
        return firstLine.Length <= 200 ? firstLine : firstLine[..200] + "…";
    }
}
