using DuckDB.NET.Data;

namespace Complaints.Warehouse;

/// <summary>Puts the configured fixed rates into a temporary table on one connection, for the cost rollup (Costs/CostRollup.cs).</summary>
public static class ExchangeRates
{
    public static void Stage(DuckDBConnection connection, ReportingOptions reporting)
    {
        var rates = reporting.RatesToReportingCurrency().ToList();
        // A handful of rows: one statement with bound values, no per-row round trips.
        var rows = string.Join(", ", rates.Select((_, i) => $"($c{i}, CAST($r{i} AS DECIMAL(18,6)))"));
        var parameters = rates.SelectMany((rate, i) => new (string, object?)[] { ($"c{i}", rate.Key.ToUpperInvariant()), ($"r{i}", rate.Value) }).ToArray();
        connection.Execute($"CREATE OR REPLACE TEMP TABLE reporting_rates AS SELECT * FROM (VALUES {rows}) AS r(currency, rate)", parameters);
    }
}
