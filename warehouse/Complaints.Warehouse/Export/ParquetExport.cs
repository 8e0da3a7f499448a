using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Export;

/// <summary>
/// Writes the warehouse as Hive-partitioned Parquet that Spark, Trino or DuckDB read as they are: each fact table in
/// <c>table/year=YYYY/month=M/</c> folders by the complaint's month of receipt in the reporting zone (facts of a
/// complaint not yet loaded in <c>year=NULL</c>), each dimension in one file. All tables come from one snapshot.
/// Personal data (<c>customer_personal</c>), version history, quarantine and the audit log stay in the warehouse.
/// </summary>
public sealed class ParquetExport(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting)
{
    /// <summary>The facts: the complaints, and the tables that reach their complaint through <c>complaint_key</c>.</summary>
    public static readonly IReadOnlyList<string> Facts =
        ["complaints", "complaint_sla", "status_events", "costs", "cost_lines", "complaint_costs", "surveys", "risk_scores"];

    public static readonly IReadOnlyList<string> Dimensions = ["products", "customers", "units_sold", "exchange_rates", "defect_signals"];

    /// <summary>The name of the file beside the tables that says what the export holds.</summary>
    public const string ManifestName = "_export.json";

    public ExportManifest Export(string folder, Action<string>? progress = null)
    {
        Directory.CreateDirectory(folder);
        var zone = Literal(reporting.Value.TimeZone);
        var tables = new List<ExportedTable>();
        using var connection = warehouse.OpenConnection();
        // One read transaction: every table as of the same moment, even while a load commits beside it.
        using var snapshot = connection.BeginTransaction();
        foreach (var table in Facts)
        {
            progress?.Invoke(table);
            var target = Literal(Path.Combine(folder, table));
            var (from, receivedAt) = table == "complaints" ? ("complaints t", "t.received_at")
                : ($"{table} t LEFT JOIN complaints c ON c.complaint_key = t.complaint_key", "c.received_at");
            connection.Execute($"""
                COPY (SELECT t.*, year(timezone({zone}, {receivedAt})) AS year, month(timezone({zone}, {receivedAt})) AS month FROM {from})
                TO {target} (FORMAT parquet, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)
                """);
            tables.Add(new ExportedTable(table, true, connection.Scalar<long>($"SELECT count(*) FROM {table}")));
        }
        foreach (var table in Dimensions)
        {
            progress?.Invoke(table);
            Directory.CreateDirectory(Path.Combine(folder, table));
            connection.Execute($"COPY {table} TO {Literal(Path.Combine(folder, table, table + ".parquet"))} (FORMAT parquet)");
            tables.Add(new ExportedTable(table, false, connection.Scalar<long>($"SELECT count(*) FROM {table}")));
        }
        var lastLoad = connection.Scalar<DateTime?>("SELECT max(finished_at) FROM ingest_runs WHERE status = 'loaded'");
        snapshot.Commit();
        var manifest = new ExportManifest(DateTimeOffset.UtcNow, lastLoad is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Utc)) : null,
            reporting.Value.TimeZone, tables);
        File.WriteAllText(Path.Combine(folder, ManifestName), JsonSerializer.Serialize(manifest, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        return manifest;
    }

    /// <summary>A SQL string literal: COPY takes no bound parameters, so paths and the zone id are quoted here.</summary>
    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>What an export holds: when it was taken, the warehouse's last load then, the zone its months are in, each table's rows.</summary>
public sealed record ExportManifest(DateTimeOffset ExportedAt, DateTimeOffset? LastLoad, string TimeZone, IReadOnlyList<ExportedTable> Tables);

public sealed record ExportedTable(string Name, bool PartitionedByMonth, long Rows);
