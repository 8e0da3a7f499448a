using System.Diagnostics;
using Complaints.Warehouse.Writes;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Rollups;

/// <summary>
/// Keeps the Overview's rollup (<c>complaint_daily</c> and <c>handling_sketch</c>, migration 0090) in step with the facts.
/// In the transaction of every load or roll-back of complaints, costs, exchange rates or surveys, it builds again only the
/// local days of receipt the write touched: the days of the complaints it loaded or whose costs or surveys it loaded, the
/// days a correction moved a complaint from (named by the version it replaced), and after a roll-back any day whose
/// complaints (or, for costs and surveys, whose sums) are no longer those counted. A first load,
/// an exchange-rate load and a cost rollup rebuilt for other rates (every converted amount may change), and a start with
/// another reporting zone build it whole.
/// </summary>
public sealed class ComplaintRollup(IOptions<ReportingOptions> reporting, TimeProvider time, ILogger<ComplaintRollup> logger) : IDerivedTables
{
    public static readonly IReadOnlyList<string> RefreshingFeeds = ["complaints", "costs", "exchange_rates", "surveys"];

    private const string TouchedDays = "d.received_day IN (SELECT day FROM rollup_days)";

    private readonly ReportingOptions _reporting = reporting.Value;

    public void BeforeCommit(DuckDBConnection connection, WarehouseChange change)
    {
        // A recalculation may have converted every cost again (the cost rollup at start, for new rates): then build whole.
        if (change.Kind == ChangeKind.Recalculation && !IsCurrent(connection, _reporting))
        {
            Build(connection);
            return;
        }
        if (!change.ChangesData || change.Feed is not { } feed || !RefreshingFeeds.Contains(feed, StringComparer.Ordinal))
            return;
        if (change.Deferred)
        {
            // A first load: built once at its end; until then pages read the facts.
            connection.Execute("DELETE FROM complaint_rollup_state");
            return;
        }
        if (feed == "exchange_rates" || !IsCurrent(connection, _reporting))
        {
            Build(connection);
            return;
        }
        var watch = Stopwatch.StartNew();
        connection.Execute("CREATE OR REPLACE TEMP TABLE rollup_days (day DATE)");
        connection.Execute($"""
            INSERT INTO rollup_days
            SELECT DISTINCT CAST(timezone($tz, c.received_at) AS DATE) FROM complaints c
            WHERE c.complaint_key IN ({TouchedComplaints(connection, change)})
            """, ("tz", _reporting.TimeZone), ("run", change.RunId));
        if (change.Kind == ChangeKind.Load && feed == "complaints")
            // A load only inserts or updates: a complaint it moved left its old day, which the version it replaced names.
            connection.Execute("""
                INSERT INTO rollup_days
                SELECT DISTINCT CAST(timezone($tz, v.received_at) AS DATE) FROM complaint_versions v WHERE v.superseded_by_run = $run
                """, ("tz", _reporting.TimeZone), ("run", change.RunId));
        else if (change.Kind == ChangeKind.Rollback)
            // A roll-back names what it changed but not the days it emptied: those are found by comparing with the facts.
            connection.Execute(Load(feed == "complaints" ? "ChangedDays" : "ChangedSums"), ("tz", _reporting.TimeZone));
        // Two days of slack either side cover any zone's offset between a local day and its UTC instants.
        var (lo, hi, count) = connection.QueryList("SELECT CAST(min(day) - 2 AS VARCHAR), CAST(max(day) + 3 AS VARCHAR), count(DISTINCT day) FROM rollup_days",
            r => (Lo: r.NullableString(0), Hi: r.NullableString(1), Days: r.GetInt64(2))).Single();
        if (lo is not null && hi is not null)
        {
            Refresh(connection, TouchedDays, lo, hi);
            logger.LogInformation("Overview rollup refreshed for {Days} days of receipt in {Ms} ms", count, watch.ElapsedMilliseconds);
        }
        connection.Execute("DROP TABLE rollup_days");
    }

    public void AfterFirstLoad(DuckDBConnection connection)
    {
        if (IsCurrent(connection, _reporting))
            return;
        using var transaction = connection.BeginTransaction();
        Build(connection);
        transaction.Commit();
    }

    /// <summary>At start-up: builds the rollup whole when it was never built, or built in another reporting zone.</summary>
    public Task<bool> EnsureCurrentAsync(WarehouseDatabase warehouse, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection =>
        {
            if (IsCurrent(connection, _reporting))
                return Task.FromResult(false);
            using var transaction = connection.BeginTransaction();
            Build(connection);
            warehouse.Commit(transaction, WarehouseChange.Recalculation);
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>Whether the rollup answers this filter now: it keeps the filter's fields and is current.</summary>
    public static bool Answers(DuckDBConnection connection, ComplaintFilter filter, ReportingOptions reporting) =>
        RollupFilter.Covers(filter) && IsCurrent(connection, reporting);

    /// <summary>
    /// Whether the rollup holds every complaint, cut into days of the configured zone, with the costs as the cost rollup
    /// converts them now: otherwise figures come from the facts.
    /// </summary>
    public static bool IsCurrent(DuckDBConnection connection, ReportingOptions reporting) =>
        connection.Scalar<long>("""
            SELECT count(*) FROM complaint_rollup_state r
            WHERE r.id = 1 AND r.time_zone = $tz
              AND r.cost_currency IS NOT DISTINCT FROM (SELECT currency FROM cost_rollup_state WHERE id = 1)
              AND r.cost_rates IS NOT DISTINCT FROM (SELECT rates FROM cost_rollup_state WHERE id = 1)
            """, ("tz", reporting.TimeZone)) == 1;

    private void Build(DuckDBConnection connection)
    {
        var watch = Stopwatch.StartNew();
        Refresh(connection, "TRUE", "-infinity", "infinity");
        logger.LogInformation("Overview rollup built for every day of receipt in {Ms} ms", watch.ElapsedMilliseconds);
    }

    private void Refresh(DuckDBConnection connection, string days, string lo, string hi) =>
        connection.Execute(Load("Refresh").Replace("/*days*/", days, StringComparison.Ordinal)
                .Replace("/*bin*/", HandlingSketch.BinSql("(epoch(r.resolved_at) - epoch(r.received_at))"), StringComparison.Ordinal),
            ("tz", _reporting.TimeZone), ("lo", lo), ("hi", hi), ("at", time.GetUtcNow()));

    /// <summary>A query for the keys of the complaints the write concerned: those a roll-back names, or those the run loaded rows for.</summary>
    private static string TouchedComplaints(DuckDBConnection connection, WarehouseChange change)
    {
        if (change.Kind == ChangeKind.Rollback)
        {
            connection.Execute("CREATE OR REPLACE TEMP TABLE rollup_keys (complaint_key BIGINT)");
            using (var appender = connection.CreateAppender("rollup_keys"))
                foreach (var key in change.ComplaintKeys ?? [])
                    appender.CreateRow().AppendValue(key).EndRow();
            return "SELECT complaint_key FROM rollup_keys";
        }
        return change.Feed switch
        {
            "complaints" => "SELECT complaint_key FROM complaints WHERE run_id = $run",
            "costs" => "SELECT complaint_key FROM costs WHERE run_id = $run AND complaint_key IS NOT NULL",
            _ => "SELECT complaint_key FROM surveys WHERE run_id = $run AND complaint_key IS NOT NULL",
        };
    }

    private static string Load(string name) => Sql.Load(typeof(ComplaintRollup).Assembly, $"Rollups.{name}.sql");
}
