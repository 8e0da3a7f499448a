using System.Globalization;
using Complaints.Warehouse;

namespace Complaints.Reports.Workbooks;

/// <summary>A report's workbook for a filter and a language, as bytes with its file name: for a download or an attachment.</summary>
public sealed class ReportWorkbooks(WorkbookFiguresReader reader)
{
    public async Task<(string FileName, byte[] Content, WorkbookFigures Figures)> BuildAsync(ReportDefinition report, ComplaintFilter filter, CultureInfo culture,
        CancellationToken cancellationToken = default)
    {
        var figures = await reader.ReadAsync(report, filter, culture, cancellationToken);
        using var output = new MemoryStream();
        ExecutiveWorkbook.Write(figures, culture, output);
        return (ExecutiveWorkbook.FileName(figures), output.ToArray(), figures);
    }
}
