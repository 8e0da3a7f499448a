namespace Complaints.Reports.Exports;

/// <summary>The complaint list's export formats, by file extension.</summary>
public enum ExportFormat { Xlsx, Csv, Parquet, Arrow }

public static class ExportFormats
{
    /// <summary>Excel's row limit is 1,048,576 rows including the header.</summary>
    public const long ExcelDataRows = 1_048_575;

    public static ExportFormat? Parse(string? extension) => extension?.ToLowerInvariant() switch
    {
        "xlsx" => ExportFormat.Xlsx, "csv" => ExportFormat.Csv, "parquet" => ExportFormat.Parquet, "arrow" => ExportFormat.Arrow, _ => null,
    };

    public static string Extension(this ExportFormat format) => format.ToString().ToLowerInvariant();

    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Parquet => "application/vnd.apache.parquet",
        _ => "application/vnd.apache.arrow.stream",
    };
}
