using System.Diagnostics;
using Complaints.Warehouse.Writes;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Rollups;

/// <summary>
/// Keeps the SLA page's rollup (<c>sla_daily</c>, <c>sla_unsettled</c> and two sketches, migration 0120) in step with the
/// SLA measures. Right after every write that changed data, it builds again only the local days of receipt whose
/// complaints a later load or the roll-back measured, the days a load's correction moved a complaint from, the days a
/// roll-back emptied, or whose customers a load changed (a segment is one of its keys); a recalculation of the measures builds it whole. It runs
/// after the measuring, which happens after a load commits (see <see cref="Sla.SlaMeasures"/>), so it must come after
/// it and after <see cref="ComplaintRollup"/> among the derived tables. A start with another zone or other ending
/// statuses builds it whole.
/// </summary>
public sealed class SlaRollup(IOptions<ReportingOptions> reporting, TimeProvider time, ILogger<SlaRollup> logger) : IDerivedTables
{
    /// <summary>Past this share of all days, building every day is cheaper than building the days one list names.</summary>
    private const double WholeBuildShare = 0.5;

    /// <summary>The feeds whose loads can change a complaint's SLA figures or its place in the rollup.</summary>
    public static readonly IReadOnlyList<string> RefreshingFeeds = ["complaints", "status_events", "products", "customers"];

    private const string TouchedDays = "d.received_day IN (SELECT day FROM sla_rollup_days)";

    private readonly ReportingOptions _reporting = reporting.Value;

    /// <summary>In a first load's writes: marks the rollup out of date (pages read the facts) until it is built at its end.</summary>
    public void BeforeCommit(DuckDBConnection connection, WarehouseChange change)
    {
        if (change.Deferred && Refreshes(change))
            connection.Execute("DELETE FROM sla_rollup_state");
    }

    public void AfterCommit(DuckDBConnection connection, WarehouseChange change)
    {
        if (!change.Deferred && Refreshes(change))
            Update(connection, change);
    }

    public void AfterFirstLoad(DuckDBConnection connection) => Update(connection, WarehouseChange.Other);

    private static bool Refreshes(WarehouseChange change) =>
        change.Kind == ChangeKind.Recalculation || (change.ChangesData && RefreshingFeeds.Contains(change.Feed ?? "", StringComparer.Ordinal));

    /// <summary>At start-up, after the measuring a stopped process left: builds whole when never built (or built otherwise), else catches up.</summary>
    public Task EnsureCurrentAsync(WarehouseDatabase warehouse, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection =>
        {
            Update(connection, WarehouseChange.Other);
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>Whether the rollup holds every complaint, cut into days of the configured zone and settled by the configured ending statuses.</summary>
    public static bool IsCurrent(DuckDBConnection connection, ReportingOptions reporting) => CutAt(connection, reporting) is not null;

    /// <summary>The latest instant the rollup was refreshed at when it is current; figures as of an earlier instant need the facts.</summary>
    public static DateTimeOffset? CutAt(DuckDBConnection connection, ReportingOptions reporting) =>
        connection.QueryList("SELECT cut_at FROM sla_rollup_state WHERE id = 1 AND time_zone = $tz AND ending_statuses = $ending_statuses",
            r => (DateTimeOffset?)r.GetInstant(0), ("tz", reporting.TimeZone), ("ending_statuses", EndingStatuses(reporting))).SingleOrDefault();

    private void Update(DuckDBConnection connection, WarehouseChange change)
    {
        var watch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        if (!IsCurrent(connection, _reporting) || !ComplaintRollup.IsCurrent(connection, _reporting)
            || (change.Kind == ChangeKind.Recalculation && MeasuresRecalculated(connection)))
        {
            Refresh(connection, "TRUE", "-infinity", "infinity");
            logger.LogInformation("SLA rollup built for every day of receipt in {Ms} ms", watch.ElapsedMilliseconds);
        }
        else
        {
            FindChangedDays(connection, change);
            var found = watch.ElapsedMilliseconds;
            // Two days of slack either side cover any zone's offset between a local day and its UTC instants.
            var (lo, hi, days) = connection.QueryList("SELECT CAST(min(day) - 2 AS VARCHAR), CAST(max(day) + 3 AS VARCHAR), count(DISTINCT day) FROM sla_rollup_days",
                r => (Lo: r.NullableString(0), Hi: r.NullableString(1), Days: r.GetInt64(2))).Single();
            if (lo is not null && hi is not null)
            {
                var allDays = connection.Scalar<long>("SELECT count(DISTINCT received_day) FROM complaint_daily");
                if (days > WholeBuildShare * allDays)
                    Refresh(connection, "TRUE", "-infinity", "infinity");
                else
                    Refresh(connection, TouchedDays, lo, hi);
                logger.LogInformation("SLA rollup refreshed for {Days} days of receipt in {Ms} ms ({Found} ms of it finding them)", days, watch.ElapsedMilliseconds, found);
            }
            connection.Execute("DROP TABLE sla_rollup_days; DROP TABLE sla_rollup_keys;");
        }
        transaction.Commit();
    }

    /// <summary>Fills <c>sla_rollup_days</c> (and <c>sla_rollup_keys</c>, a roll-back's complaints) with the days the write changed.</summary>
    private void FindChangedDays(DuckDBConnection connection, WarehouseChange change)
    {
        connection.Execute("CREATE OR REPLACE TEMP TABLE sla_rollup_keys (complaint_key BIGINT)");
        using (var appender = connection.CreateAppender("sla_rollup_keys"))
            foreach (var key in change.Kind == ChangeKind.Rollback ? change.ComplaintKeys ?? [] : [])
                appender.CreateRow().AppendValue(key).EndRow();
        connection.Execute(Load("SlaChangedDays"), ("tz", _reporting.TimeZone));
        if (change.Kind == ChangeKind.Rollback)
            connection.Execute(Load("SlaEmptiedDays"));
        if (change is { Kind: ChangeKind.Load, Feed: "customers", RunId: { } run })
            connection.Execute("""
                INSERT INTO sla_rollup_days
                SELECT DISTINCT CAST(timezone($tz, c.received_at) AS DATE) FROM complaints c
                JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
                WHERE cu.run_id = $run
                """, ("tz", _reporting.TimeZone), ("run", run));
    }

    /// <summary>
    /// Whether measures were taken again outside any load since the cut (an SLA recalculation; a roll-back's are refreshed
    /// by its own write): other recalculations, such as costs converted at new rates, leave the SLA rollup as it is.
    /// </summary>
    private static bool MeasuresRecalculated(DuckDBConnection connection) => connection.Scalar<bool>("""
        SELECT EXISTS (SELECT 1 FROM complaint_sla
                       WHERE computed_by_run IS NULL AND computed_at >= (SELECT cut_at FROM sla_rollup_state WHERE id = 1))
        """);

    private void Refresh(DuckDBConnection connection, string days, string lo, string hi) =>
        connection.Execute(Load("SlaRefresh").Replace("/*days*/", days, StringComparison.Ordinal)
                .Replace("/*business_bin*/", HandlingSketch.BinSql("r.resolution_business_seconds"), StringComparison.Ordinal)
                .Replace("/*interval_bin*/", HandlingSketch.BinSql("i.seconds"), StringComparison.Ordinal),
            ("tz", _reporting.TimeZone), ("ending_statuses", EndingStatuses(_reporting)), ("lo", lo), ("hi", hi), ("cut", time.GetUtcNow()));

    private static string EndingStatuses(ReportingOptions reporting) => string.Join(',', reporting.EndingStatusList());

    private static string Load(string name) => Sql.Load(typeof(SlaRollup).Assembly, $"Rollups.{name}.sql");
}
