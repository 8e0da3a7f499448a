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
/// these tables. Rebuilt in the transaction of every load or roll-back of costs, exchange rates or complaints (a complaint
/// arriving after its costs gives them their key), and at start-up when the configured currency or rates differ from
/// what the tables were built with.
/// </summary>
public sealed class CostRollup(IOptions<ReportingOptions> reporting, TimeProvider time, ILogger<CostRollup> logger) : IDerivedTables
{
    public static readonly IReadOnlyList<string> RefreshingFeeds = ["costs", "exchange_rates", "complaints"];

    private readonly ReportingOptions _reporting = reporting.Value;

    /// <summary>In the transaction of a load or roll-back of a feed that can change a converted amount: no page counts removed or unconverted costs.</summary>
    public void BeforeCommit(DuckDBConnection connection, WarehouseChange change)
    {
        if (change.ChangesData && RefreshingFeeds.Contains(change.Feed, StringComparer.Ordinal))
            Rebuild(connection);
    }

    /// <summary>At start-up: rebuilds when the configured currency or fixed rates are not those the rollup was built with.</summary>
    public Task<bool> EnsureCurrentAsync(WarehouseDatabase warehouse, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection =>
        {
            var built = connection.QueryList("SELECT currency, rates FROM cost_rollup_state WHERE id = 1", r => (Currency: r.GetString(0), Rates: r.GetString(1))).SingleOrDefault();
            if (built.Currency == _reporting.Currency && built.Rates == Fingerprint())
                return Task.FromResult(false);
            using var transaction = connection.BeginTransaction();
            Rebuild(connection);
            Audit.AuditLog.Append(connection, time, "system", "cost_rollup.rebuilt", "cost_lines",
                built.Currency is null ? null : System.Text.Json.JsonSerializer.Serialize(new { currency = built.Currency, rates = built.Rates }),
                System.Text.Json.JsonSerializer.Serialize(new { currency = _reporting.Currency, rates = Fingerprint() }));
            warehouse.Commit(transaction, WarehouseChange.Recalculation);
            logger.LogInformation("Cost rollup rebuilt: reporting currency or configured rates changed ({Rates})", Fingerprint());
            return Task.FromResult(true);
        }, cancellationToken);

    public void Rebuild(DuckDBConnection connection)
    {
        ExchangeRates.Stage(connection, _reporting);
        connection.Execute(Sql.Load(typeof(CostRollup).Assembly, "Costs.CostRollup.sql"), ("currency", _reporting.Currency.ToUpperInvariant()));
        connection.Execute("""
            INSERT OR REPLACE INTO cost_rollup_state VALUES (1, $currency, $rates, $at)
            """, ("currency", _reporting.Currency), ("rates", Fingerprint()), ("at", time.GetUtcNow()));
    }

    private string Fingerprint() => string.Join(';', _reporting.RatesToReportingCurrency()
        .OrderBy(r => r.Key.ToUpperInvariant(), StringComparer.Ordinal)
        .Select(r => $"{r.Key.ToUpperInvariant()}={r.Value.ToString(CultureInfo.InvariantCulture)}"));
}
