using ClosedXML.Excel;
using Complaints.Ingest.Loading;

namespace Complaints.Ingest.Profiles;

/// <summary>
/// An .xlsx workbook: the named sheet (<c>format.sheet</c>) or the first one. The header is the first row naming every
/// mapped column (or the row after <c>skipLines</c>); a record's line is its row number. Date cells read as
/// <c>yyyy-MM-dd HH:mm:ss</c>, numbers with '.' as the decimal point.
/// </summary>
public sealed class XlsxReader : ISourceReader
{
    private const int HeaderSearchDepth = 30;
    private readonly string _path;
    private readonly string? _sheet;
    private readonly int _headerRow;
    private readonly Dictionary<int, string> _header;

    private XlsxReader(string path, string? sheet, int headerRow, Dictionary<int, string> header) =>
        (_path, _sheet, _headerRow, _header) = (path, sheet, headerRow, header);

    public IReadOnlyCollection<string> Columns => _header.Values;

    public static XlsxReader Open(string path, MappingProfile profile)
    {
        using var workbook = OpenWorkbook(path);
        var sheet = Sheet(workbook, profile.Format.Sheet, path);
        var wanted = profile.SourceColumns;
        (int Row, Dictionary<int, string> Header, int Matches)? best = null;
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
        var first = (profile.Format.SkipLines ?? 0) + 1;
        var last = profile.Format.SkipLines is null ? Math.Min(lastRow, HeaderSearchDepth) : first;
        for (var row = first; row <= last; row++)
        {
            var header = sheet.Row(row).CellsUsed().ToDictionary(c => c.Address.ColumnNumber, c => c.GetFormattedString().Trim());
            var matches = wanted.Count(header.ContainsValue);
            if (best is null || matches > best.Value.Matches) best = (row, header, matches);
            if (matches == wanted.Count) break;
        }
        if (best is null)
            throw new FileRejectedException($"{Path.GetFileName(path)}: sheet '{sheet.Name}' is empty.");
        return new XlsxReader(path, sheet.Name, best.Value.Row, best.Value.Header);
    }

    public IEnumerable<SourceRecord> Records()
    {
        using var workbook = OpenWorkbook(_path);
        var sheet = Sheet(workbook, _sheet, _path);
        foreach (var row in sheet.RowsUsed().Where(r => r.RowNumber() > _headerRow))
        {
            var values = new Dictionary<string, string>(_header.Count, StringComparer.Ordinal);
            foreach (var (column, name) in _header)
            {
                var cell = row.Cell(column);
                values.TryAdd(name, cell.DataType switch
                {
                    XLDataType.DateTime => SourceValues.Text(cell.GetDateTime()),
                    XLDataType.Number => SourceValues.Text(cell.GetDouble()),
                    XLDataType.Boolean => SourceValues.Text(cell.GetBoolean()),
                    _ => cell.GetString(),
                });
            }
            if (values.Values.Any(v => v.Length > 0))
                yield return new SourceRecord(row.RowNumber(), values);
        }
    }

    private static XLWorkbook OpenWorkbook(string path)
    {
        try
        {
            return new XLWorkbook(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new FileRejectedException($"{Path.GetFileName(path)}: not a readable .xlsx workbook ({e.Message.Split('\n')[0]}).");
        }
    }

    private static IXLWorksheet Sheet(XLWorkbook workbook, string? name, string path)
    {
        if (name is null) return workbook.Worksheet(1);
        return workbook.Worksheets.TryGetWorksheet(name, out var sheet)
            ? sheet
            : throw new FileRejectedException($"{Path.GetFileName(path)}: there is no sheet '{name}' (sheets: {string.Join(", ", workbook.Worksheets.Select(w => w.Name))}).");
    }
}
