using System.Data;

namespace Complaints.Warehouse.Ingest;

/// <param name="Missing">What a file that did not fit its mapping profile lacked (columns); null otherwise.</param>
/// <param name="RowsConflicting">Records with the stored version's key and updated_at but other values: the stored version was kept.</param>
public sealed record IngestRun(
    long RunId, string Feed, string FileName, string Status, bool IsDemo, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    long RowsRead, long RowsInserted, long RowsUpdated, long RowsUnchanged, long RowsQuarantined, string? Error,
    DateTimeOffset? RolledBackAt = null, string? RolledBackBy = null, IReadOnlyList<string>? Missing = null, long RowsConflicting = 0);

/// <summary>
/// One field of a delivered record that differs from the stored version with the same key and updated_at. The stored
/// value is kept; the delivered one was not applied (a record changes only with a later updated_at).
/// </summary>
public sealed record RecordConflict(string Key, long Line, DateTimeOffset UpdatedAt, string Field, string? StoredValue, string? DeliveredValue);

public sealed record QuarantineEntry(long Line, string? Column, string Reason, string? RawText);

/// <summary>Runs and their set-aside rows, for the Ingest page, its downloads and (later) audit reports.</summary>
public sealed class IngestRunQueries(WarehouseDatabase warehouse)
{
    private const string RunColumns = """
        run_id, feed, file_name, status, is_demo, started_at, finished_at,
        rows_read, rows_inserted, rows_updated, rows_unchanged, coalesce(rows_quarantined, 0), error,
        rolled_back_at, rolled_back_by, missing, coalesce(rows_conflicting, 0)
        """;

    /// <summary>When the warehouse last took in a file (a load that changed something), or null before the first.</summary>
    public DateTimeOffset? LastLoadedAt()
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList("SELECT max(finished_at) FROM ingest_runs WHERE status = 'loaded'",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetInstant(0)).Single();
    }

    public IReadOnlyList<IngestRun> Recent(int limit)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"SELECT {RunColumns} FROM ingest_runs ORDER BY run_id DESC LIMIT $limit", MapRun, ("limit", limit));
    }

    public IngestRun? Find(long runId)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"SELECT {RunColumns} FROM ingest_runs WHERE run_id = $id", MapRun, ("id", runId)).SingleOrDefault();
    }

    public IReadOnlyList<QuarantineEntry> Quarantine(long runId, int offset, int limit)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList(
            "SELECT line, column_name, reason, raw_text FROM quarantine WHERE run_id = $id ORDER BY line, column_name LIMIT $limit OFFSET $offset",
            MapEntry, ("id", runId), ("limit", limit), ("offset", offset));
    }

    /// <summary>Every entry of a run, streamed in file order, for a download that is never cut short.</summary>
    public IEnumerable<QuarantineEntry> AllQuarantine(long runId)
    {
        using var connection = warehouse.OpenConnection();
        using var command = connection.Command("SELECT line, column_name, reason, raw_text FROM quarantine WHERE run_id = $id ORDER BY line, column_name", ("id", runId));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return MapEntry(reader);
    }

    /// <summary>A run's conflicting fields in file order.</summary>
    public IReadOnlyList<RecordConflict> Conflicts(long runId)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList("""
            SELECT record_key, line, updated_at, field, stored_value, delivered_value FROM ingest_conflicts
            WHERE run_id = $id ORDER BY line, field
            """, r => new RecordConflict(r.GetString(0), r.GetInt64(1), r.GetInstant(2), r.GetString(3), r.NullableString(4), r.NullableString(5)), ("id", runId));
    }

    private static IngestRun MapRun(IDataRecord r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), r.GetInstant(5), r.GetInstant(6),
        r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.NullableString(12),
        r.IsDBNull(13) ? null : r.GetInstant(13), r.NullableString(14), r.NullableString(15)?.Split('\n'), r.GetInt64(16));

    private static QuarantineEntry MapEntry(IDataRecord r) => new(r.GetInt64(0), r.NullableString(1), r.GetString(2), r.NullableString(3));
}
