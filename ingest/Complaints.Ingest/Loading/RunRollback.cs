using System.Text.Json;
using Complaints.Ingest.Feeds;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.Writes;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;

namespace Complaints.Ingest.Loading;

/// <summary>What rolling back a run did.</summary>
public sealed record RollbackResult(long RunId, string Feed, string FileName, long RowsRemoved, long RowsRestored, int ComplaintsRemeasured);

/// <summary>Why a run cannot be rolled back (unknown, stored nothing, already rolled back, or a later run changed its records).</summary>
public sealed class RollbackRefusedException(string message, bool unknownRun = false) : Exception(message)
{
    public bool UnknownRun { get; } = unknownRun;
}

/// <summary>
/// Rolls back one loaded ingest run, in one write transaction: the rows it inserted are removed, the versions it
/// replaced are put back, the run is marked <c>rolled_back</c> (its record and quarantine entries stay, for the audit
/// trail), and the audit log says who did it. The transaction commits through the writer gate with the complaints the
/// run had changed, so what is derived from them (SLA measures, the cost rollup) follows in the same transaction.
/// A run whose records a later run changed again is refused: the later run goes first, so history is undone in order.
/// </summary>
public sealed class RunRollback(WarehouseDatabase warehouse, TimeProvider time, ILogger<RunRollback> logger)
{
    public const string AuditAction = "ingest.rollback";
    private static readonly string[] CustomerKey = ["source", "customer_id"];

    /// <exception cref="RollbackRefusedException">Nothing was changed; the message says why and what to do.</exception>
    public Task<RollbackResult> RollBackAsync(long runId, string actor, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection => Task.FromResult(RollBack(connection, runId, actor)), cancellationToken);

    private RollbackResult RollBack(DuckDBConnection connection, long runId, string actor)
    {
        using var transaction = connection.BeginTransaction();
        var run = connection.QueryList("SELECT feed, file_name, status, rows_inserted, rows_updated FROM ingest_runs WHERE run_id = $id",
            r => (Feed: r.GetString(0), File: r.GetString(1), Status: r.GetString(2), Inserted: r.GetInt64(3), Updated: r.GetInt64(4)), ("id", runId)).SingleOrDefault();
        if (run.Feed is null)
            throw new RollbackRefusedException($"There is no ingest run {runId}.", unknownRun: true);
        if (run.Status != "loaded")
            throw new RollbackRefusedException(run.Status switch
            {
                "rolled_back" => $"Run {runId} ({run.File}) has been rolled back already.",
                "unchanged" => $"Run {runId} ({run.File}) stored nothing: it was a re-delivery of a file already loaded. Roll back the run that loaded it.",
                "rejected" => $"Run {runId} ({run.File}) was rejected and stored nothing but its record and problems; there is nothing to roll back.",
                _ => $"Run {runId} ({run.File}) has status {run.Status}; only loaded runs can be rolled back.",
            });
        var feed = FeedLayouts.Find(run.Feed) ?? throw new RollbackRefusedException($"Run {runId} belongs to feed '{run.Feed}', which this version does not know.");

        RefuseWhenLaterRunsChanged(connection, runId, feed, run.File);
        var touched = ChangedComplaints(connection, runId, feed);
        if (feed == FeedLayouts.Complaints)
            connection.Execute("""
                CREATE OR REPLACE TEMP TABLE rollback_removed AS
                SELECT c.complaint_key FROM complaints c
                WHERE c.run_id = $run
                  AND NOT EXISTS (SELECT 1 FROM complaint_versions v WHERE v.superseded_by_run = $run AND v.source = c.source AND v.external_id = c.external_id)
                """, ("run", runId));

        var (removed, restored) = Undo(connection, runId, TableOf(feed));
        if (feed == FeedLayouts.Complaints)
        {
            Splice(connection, runId, "customers", CustomerKey);
            Splice(connection, runId, "customer_personal", CustomerKey);
            // Facts of complaints that are gone wait for their complaint again, as facts that arrive before it do.
            foreach (var facts in new[] { "status_events", "costs", "surveys", "status_events_versions", "costs_versions", "surveys_versions" })
                connection.Execute($"UPDATE {facts} SET complaint_key = NULL WHERE complaint_key IN (SELECT complaint_key FROM rollback_removed)");
            connection.Execute("DROP TABLE rollback_removed");
        }

        // The complaints still there after the undo are measured again as the roll-back commits.
        var remeasured = (int)connection.Scalar<long>("SELECT count(*) FROM rollback_touched JOIN complaints USING (complaint_key)");
        connection.Execute("DROP TABLE rollback_touched");
        var at = time.GetUtcNow();
        connection.Execute("UPDATE ingest_runs SET status = 'rolled_back', rolled_back_at = $at, rolled_back_by = $actor WHERE run_id = $id",
            ("at", at), ("actor", actor), ("id", runId));
        AuditLog.Append(connection, time, actor, AuditAction, $"ingest_runs/{runId}",
            JsonSerializer.Serialize(new { run = runId, feed = feed.Name, file = run.File, status = "loaded", rowsInserted = run.Inserted, rowsUpdated = run.Updated }),
            JsonSerializer.Serialize(new { run = runId, status = "rolled_back", rowsRemoved = removed, rowsRestored = restored, complaintsRemeasured = remeasured }));
        warehouse.Commit(transaction, WarehouseChange.Rollback(feed.Name, runId, touched));
        logger.LogInformation("Run {Run} ({File}) rolled back by {Actor}: {Removed} rows removed, {Restored} earlier versions restored, {Remeasured} complaints measured again",
            runId, run.File, actor, removed, restored, remeasured);
        return new RollbackResult(runId, feed.Name, run.File, removed, restored, remeasured);
    }

    // Table names come from the feed layouts, never from a request.
    private static string TableOf(FeedLayout feed) => feed.Name;

    private static string VersionsOf(string table) => table == "complaints" ? "complaint_versions" : table + "_versions";

    private static void RefuseWhenLaterRunsChanged(DuckDBConnection connection, long runId, FeedLayout feed, string fileName)
    {
        var later = connection.QueryList($"""
            SELECT superseded_by_run, count(*) FROM {VersionsOf(TableOf(feed))}
            WHERE run_id = $run GROUP BY superseded_by_run ORDER BY superseded_by_run DESC
            """, r => (Run: r.GetInt64(0), Records: r.GetInt64(1)), ("run", runId));
        if (later.Count == 0)
            return;
        var which = string.Join(", ", later.Select(l => $"run {l.Run} ({l.Records:N0} record{(l.Records == 1 ? "" : "s")})"));
        throw new RollbackRefusedException(
            $"Run {runId} ({fileName}) cannot be rolled back: later runs changed the same {feed.Name} records since — {which}. " +
            $"Roll back run {later[0].Run} first{(later.Count > 1 ? ", then the others, newest first" : "")}, then run {runId}.");
    }

    /// <summary>Removes the run's rows and puts back the versions it replaced. Returns (rows removed outright, versions restored).</summary>
    private static (long Removed, long Restored) Undo(DuckDBConnection connection, long runId, string table)
    {
        var written = connection.Scalar<long>($"SELECT count(*) FROM {table} WHERE run_id = $run", ("run", runId));
        var restored = connection.Scalar<long>($"SELECT count(*) FROM {VersionsOf(table)} WHERE superseded_by_run = $run", ("run", runId));
        connection.Execute($"DELETE FROM {table} WHERE run_id = $run", ("run", runId));
        connection.Execute($"INSERT INTO {table} BY NAME SELECT * EXCLUDE (superseded_at, superseded_by_run) FROM {VersionsOf(table)} WHERE superseded_by_run = $run", ("run", runId));
        connection.Execute($"DELETE FROM {VersionsOf(table)} WHERE superseded_by_run = $run", ("run", runId));
        return (written - restored, restored);
    }

    /// <summary>
    /// For tables a run shares with later runs without a conflict (customer attributes, written by every complaints file
    /// naming the customer): the run's version drops out of each record's history. Where it is current, the version
    /// before it returns; where a later run replaced it, the version before it is now the one that later run replaced.
    /// </summary>
    private static void Splice(DuckDBConnection connection, long runId, string table, IReadOnlyList<string> key)
    {
        var join = string.Join(" AND ", key.Select(k => $"p.{k} = m.{k}"));
        connection.Execute($"""
            UPDATE {VersionsOf(table)} p SET superseded_by_run = m.superseded_by_run, superseded_at = m.superseded_at
            FROM {VersionsOf(table)} m
            WHERE m.run_id = $run AND p.superseded_by_run = $run AND {join}
            """, ("run", runId));
        connection.Execute($"DELETE FROM {VersionsOf(table)} WHERE run_id = $run", ("run", runId));
        Undo(connection, runId, table);
    }

    /// <summary>The complaints the run changed (its complaints, their customers', status events', products'), read before anything is undone.</summary>
    private static List<long> ChangedComplaints(DuckDBConnection connection, long runId, FeedLayout feed)
    {
        var sql = feed.Name switch
        {
            "complaints" => """
                SELECT complaint_key FROM complaints WHERE run_id = $run
                UNION
                SELECT c.complaint_key FROM complaints c JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id WHERE cu.run_id = $run
                """,
            "status_events" => """
                SELECT complaint_key FROM status_events WHERE run_id = $run AND complaint_key IS NOT NULL
                UNION
                SELECT complaint_key FROM status_events_versions WHERE superseded_by_run = $run AND complaint_key IS NOT NULL
                """,
            "products" => "SELECT c.complaint_key FROM complaints c JOIN products p ON p.sku = c.product_sku WHERE p.run_id = $run",
            _ => null,
        };
        if (sql is null)
            connection.Execute("CREATE OR REPLACE TEMP TABLE rollback_touched (complaint_key BIGINT)");
        else
            connection.Execute($"CREATE OR REPLACE TEMP TABLE rollback_touched AS {sql}", ("run", runId));
        return connection.QueryList("SELECT complaint_key FROM rollback_touched", r => r.GetInt64(0));
    }
}
