using System.Globalization;
using Complaints.Warehouse.Writes;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Costs;

/// <summary>
/// The one place money becomes reporting currency: <c>cost_lines</c> (each booking converted with its month's rate from
/// <c>exchange_rates</c>, else the configured fixed rate, else left unconverted and counted) and <c>complaint_costs</c>
/// (per complaint: converted total, bookings, unconverted bookings). The Overview, the Costs page and the API all read
/// these tables. In the transaction of every load of costs or complaints it builds again only the complaints the load
/// touched: those of the costs it loaded or replaced, or the complaints it loaded (one arriving after its costs gives them
/// their key). A load of exchange rates or a roll-back rebuilds it whole, as does a start-up when the configured currency
/// or rates differ from what the tables were built with; a first load builds it once, at its end.
/// </summary>
public sealed class CostRollup(IOptions<ReportingOptions> reporting, TimeProvider time, ILogger<CostRollup> logger) : IDerivedTables
{
    public static readonly IReadOnlyList<string> RefreshingFeeds = ["costs", "exchange_rates", "complaints"];

    private readonly ReportingOptions _reporting = reporting.Value;

    /// <summary>In the transaction of a load or roll-back of a feed that can change a converted amount: no page counts removed or unconverted costs.</summary>
    public void BeforeCommit(DuckDBConnection connection, WarehouseChange change)
    {
        if (!change.ChangesData || !RefreshingFeeds.Contains(change.Feed, StringComparer.Ordinal))
            return;
        if (change.Deferred)
        {
            // A first load: built once at its end, from every feed it loaded.
            connection.Execute("DELETE FROM cost_rollup_state");
            return;
        }
        if (change is { Kind: ChangeKind.Load, Feed: "costs" or "complaints", RunId: { } run } && IsBuilt(connection))
            Refresh(connection, change.Feed, run);
        else
            Rebuild(connection);
    }

    public void AfterFirstLoad(DuckDBConnection connection)
    {
        if (IsBuilt(connection))
            return;
        using var transaction = connection.BeginTransaction();
        Rebuild(connection);
        transaction.Commit();
    }

    /// <summary>At start-up: rebuilds when the configured currency or fixed rates are not those the rollup was built with.</summary>
    public Task<bool> EnsureCurrentAsync(WarehouseDatabase warehouse, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection =>
        {
            if (IsBuilt(connection))
                return Task.FromResult(false);
            var built = BuiltWith(connection);
            using var transaction = connection.BeginTransaction();
            Rebuild(connection);
            Audit.AuditLog.Append(connection, time, "system", "cost_rollup.rebuilt", "cost_lines",
                built.Currency is null ? null : System.Text.Json.JsonSerializer.Serialize(new { currency = built.Currency, rates = built.Rates }),
                System.Text.Json.JsonSerializer.Serialize(new { currency = _reporting.Currency, rates = Fingerprint() }));
            warehouse.Commit(transaction, WarehouseChange.Recalculation);
            logger.LogInformation("Cost rollup rebuilt: reporting currency or configured rates changed ({Rates})", Fingerprint());
            return Task.FromResult(true);
        }, cancellationToken);

    public void Rebuild(DuckDBConnection connection) => Build(connection, "TRUE", "TRUE");

    /// <summary>Builds again the complaints a load touched: of the costs it loaded and those it replaced, or the complaints it loaded.</summary>
    private void Refresh(DuckDBConnection connection, string feed, long run)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        connection.Execute(feed == "costs"
            ? """
              CREATE OR REPLACE TEMP TABLE cost_rollup_keys AS
              SELECT complaint_key FROM costs WHERE run_id = $run AND complaint_key IS NOT NULL
              UNION SELECT complaint_key FROM costs_versions WHERE superseded_by_run = $run AND complaint_key IS NOT NULL
              """
            : "CREATE OR REPLACE TEMP TABLE cost_rollup_keys AS SELECT complaint_key FROM complaints WHERE run_id = $run", ("run", run));
        const string touched = "complaint_key IN (SELECT complaint_key FROM cost_rollup_keys)";
        Build(connection, touched, "k." + touched);
        connection.Execute("DROP TABLE cost_rollup_keys");
        logger.LogInformation("Cost rollup refreshed for the complaints of run {Run} ({Feed}) in {Ms} ms", run, feed, watch.ElapsedMilliseconds);
    }

    private void Build(DuckDBConnection connection, string touched, string touchedCosts)
    {
        ExchangeRates.Stage(connection, _reporting);
        connection.Execute(Sql.Load(typeof(CostRollup).Assembly, "Costs.CostRollup.sql")
                .Replace("/*touched*/", touched, StringComparison.Ordinal).Replace("/*touched_costs*/", touchedCosts, StringComparison.Ordinal),
            ("currency", _reporting.Currency.ToUpperInvariant()));
        connection.Execute("""
            INSERT OR REPLACE INTO cost_rollup_state VALUES (1, $currency, $rates, $at)
            """, ("currency", _reporting.Currency), ("rates", Fingerprint()), ("at", time.GetUtcNow()));
    }

    /// <summary>Whether the tables were built with the configured currency and rates, so refreshing some complaints keeps them whole.</summary>
    private bool IsBuilt(DuckDBConnection connection) => BuiltWith(connection) is var (currency, rates) && currency == _reporting.Currency && rates == Fingerprint();

    /// <summary>The currency and rates the tables were last built with (nulls: never built, or marked out of date by a first load).</summary>
    private static (string? Currency, string? Rates) BuiltWith(DuckDBConnection connection) =>
        connection.QueryList("SELECT currency, rates FROM cost_rollup_state WHERE id = 1", r => ((string?)r.GetString(0), (string?)r.GetString(1))).SingleOrDefault();

    private string Fingerprint() => string.Join(';', _reporting.RatesToReportingCurrency()
        .OrderBy(r => r.Key.ToUpperInvariant(), StringComparer.Ordinal)
        .Select(r => $"{r.Key.ToUpperInvariant()}={r.Value.ToString(CultureInfo.InvariantCulture)}"));
}
