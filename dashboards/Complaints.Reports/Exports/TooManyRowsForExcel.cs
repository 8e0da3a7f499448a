namespace Complaints.Reports.Exports;

/// <summary>The list holds more rows than an Excel sheet can: never cut it, offer CSV, Parquet or Arrow instead.</summary>
public sealed class TooManyRowsForExcel(long rows) : Exception(
    $"The list has {rows:N0} rows, more than Excel's {ExportFormats.ExcelDataRows:N0} (1,048,576 with the header): download it as CSV, Parquet or Arrow instead.")
{
    public long Rows { get; } = rows;
}
