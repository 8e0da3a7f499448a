using System.Globalization;
using Complaints.Reports.Exports;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;
using DuckDB.NET.Data;

namespace Complaints.Reports.Charts;

/// <summary>
/// A chart's figures as CSV, Parquet or Arrow IPC. The rows are put into a small table of an in-memory DuckDB with the
/// chart's column types, and written from there by the complaint list's own writers, so the three formats have the same
/// columns and types, CSV is formula-safe, and each file states its chart, row count, filter and time as the list's do.
/// </summary>
public sealed class ChartExports(ChartCatalogue catalogue, DescribeFilter describe, TimeProvider time)
{
    public static readonly IReadOnlyList<ExportFormat> Formats = [ExportFormat.Csv, ExportFormat.Parquet, ExportFormat.Arrow];

    public ChartCatalogue Catalogue => catalogue;

    public static string FileName(ChartDefinition chart, ExportFormat format, DateTimeOffset at) =>
        $"{chart.Id.Replace('.', '-')}-{at:yyyyMMdd-HHmmss}.{format.Extension()}";

    /// <summary>The query a chart's figures are read for: the filter's as-of instant, or now.</summary>
    public ChartQuery Query(ComplaintFilter filter, TimeBucket bucket = TimeBucket.Month, string? signal = null) =>
        new(filter, filter.AsOf ?? time.GetUtcNow(), bucket, string.IsNullOrWhiteSpace(signal) ? null : signal.Trim());

    public async Task<ExportNote> WriteAsync(ChartDefinition chart, ExportFormat format, Stream output, ChartQuery query, CultureInfo culture,
        CancellationToken cancellationToken = default)
    {
        if (!Formats.Contains(format))
            throw new ArgumentException($"A chart's data is exported as .csv, .parquet or .arrow (got .{format.Extension()}).", nameof(format));
        // The series is pinned before reading, so the file states the one it holds even when the page's default was taken.
        if (chart.PerSignal && query.Signal is null)
            query = query with { Signal = await Task.Run(catalogue.DefaultSignal, cancellationToken) };
        var rows = await Task.Run(() => ChartCatalogue.Read(chart, query), cancellationToken);
        // A series is counted over every complaint: its file states the series, never a filter it did not apply.
        var stated = chart.PerSignal ? ComplaintFilter.All : chart.Judged ? query.Filter.AsOfOr(query.AsOf) : query.Filter;
        var filterQuery = ComplaintExports.QueryOf(stated);
        if (chart.Bucketed)
            filterQuery += (filterQuery.Length == 0 ? "" : "&") + "bucket=" + query.Bucket.ToString().ToLowerInvariant();
        if (chart.PerSignal && query.Signal is { } signal)
            filterQuery += (filterQuery.Length == 0 ? "" : "&") + "signal=" + Uri.EscapeDataString(signal);
        var note = new ExportNote(rows.Rows.Count, describe(stated, culture), filterQuery, null, time.GetUtcNow(), chart.Id);

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Load(connection, rows);
        // The chart's rows are one page of the list's writers.
        DuckDBCommand[] pages = [connection.Command("SELECT * FROM chart")];
        var written = format switch
        {
            ExportFormat.Csv => await ComplaintExports.WriteCsvAsync(pages, output, note, cancellationToken),
            ExportFormat.Parquet => await ComplaintExports.WriteParquetAsync(connection, pages, output, note, cancellationToken),
            _ => await ComplaintExports.WriteArrowAsync(pages, output, note, cancellationToken),
        };
        return note with { Rows = written };
    }

    /// <summary>The rows into a table typed as the chart's columns, through the Appender (column names are ours, from the catalogue).</summary>
    private static void Load(DuckDBConnection connection, ChartRows rows)
    {
        var columns = rows.Chart.Columns;
        connection.Execute($"CREATE TABLE chart ({string.Join(", ", columns.Select(c => $"\"{c.Name}\" {c.SqlType}"))})");
        using var appender = connection.CreateAppender("chart");
        foreach (var values in rows.Rows)
        {
            if (values.Length != columns.Count)
                throw new InvalidOperationException($"Chart {rows.Chart.Id} gave a row of {values.Length} values for {columns.Count} columns.");
            var row = appender.CreateRow();
            for (var c = 0; c < columns.Count; c++)
            {
                var value = values[c];
                if (value is null)
                {
                    row.AppendNullValue();
                    continue;
                }
                switch (columns[c].Type)
                {
                    case ChartColumnType.Text: row.AppendValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
                    case ChartColumnType.Integer: row.AppendValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
                    case ChartColumnType.Real: row.AppendValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
                    case ChartColumnType.Money: row.AppendValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture)); break;
                    default: row.AppendValue((DateOnly)value); break;
                }
            }
            row.EndRow();
        }
    }
}
