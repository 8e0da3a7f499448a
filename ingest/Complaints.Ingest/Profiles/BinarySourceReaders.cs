using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using ClosedXML.Excel;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using DuckDB.NET.Data;

namespace Complaints.Ingest.Profiles;

/// <summary>Typed values from binary formats as text the mapper reads: instants in ISO 8601, numbers invariant.</summary>
internal static class SourceValues
{
    public static string Text(object? value) => value switch
    {
        null or DBNull => "",
        string s => s,
        DateTimeOffset instant => IsoText.Instant(instant),
        // A time without a zone stays local, written as yyyy-MM-dd HH:mm:ss for the profile's formats and time zone.
        DateTime { Kind: DateTimeKind.Utc } utc => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        DateTime local => local.TimeOfDay == TimeSpan.Zero ? local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00" : local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly date => IsoText.Date(date),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

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

/// <summary>Parquet, read by DuckDB's own reader on a private in-memory database; a record's "line" is its row number.</summary>
public sealed class ParquetReader : ISourceReader
{
    private readonly string _path;

    private ParquetReader(string path, IReadOnlyCollection<string> columns) => (_path, Columns) = (path, columns);

    public IReadOnlyCollection<string> Columns { get; }

    public static ParquetReader Open(string path)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM parquet_schema($path) WHERE num_children IS NULL OR num_children = 0";
        command.Parameters.Add(new DuckDBParameter("path", path));
        var columns = new List<string>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read()) columns.Add(reader.GetString(0));
        }
        catch (DuckDBException e)
        {
            throw new FileRejectedException($"{Path.GetFileName(path)}: not a readable Parquet file ({e.Message.Split('\n')[0]}).");
        }
        return new ParquetReader(path, columns);
    }

    public IEnumerable<SourceRecord> Records()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM read_parquet($path)";
        command.Parameters.Add(new DuckDBParameter("path", _path));
        using var reader = command.ExecuteReader();
        long row = 0;
        while (reader.Read())
        {
            var values = new Dictionary<string, string>(reader.FieldCount, StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
                values.TryAdd(reader.GetName(i), SourceValues.Text(reader.IsDBNull(i) ? null : reader.GetValue(i)));
            yield return new SourceRecord(++row, values);
        }
    }

    private static DuckDBConnection Connect()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var zone = connection.CreateCommand();
        zone.CommandText = "SET TimeZone = 'UTC'";
        zone.ExecuteNonQuery();
        return connection;
    }
}

/// <summary>Arrow IPC, file or stream format, read with Apache.Arrow batch by batch; a record's "line" is its row number.</summary>
public sealed class ArrowIpcReader : ISourceReader
{
    private readonly string _path;

    private ArrowIpcReader(string path, IReadOnlyCollection<string> columns) => (_path, Columns) = (path, columns);

    public IReadOnlyCollection<string> Columns { get; }

    public static ArrowIpcReader Open(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = CreateReader(stream);
            var batch = reader.ReadNextRecordBatch();
            var schema = batch?.Schema ?? reader.Schema;
            return new ArrowIpcReader(path, schema.FieldsList.Select(f => f.Name).ToList());
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new FileRejectedException($"{Path.GetFileName(path)}: not a readable Arrow IPC file ({e.Message.Split('\n')[0]}).");
        }
    }

    public IEnumerable<SourceRecord> Records()
    {
        using var stream = File.OpenRead(_path);
        using var reader = CreateReader(stream);
        long row = 0;
        RecordBatch? batch;
        while ((batch = reader.ReadNextRecordBatch()) is not null)
        {
            using (batch)
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    var values = new Dictionary<string, string>(batch.ColumnCount, StringComparer.Ordinal);
                    for (var c = 0; c < batch.ColumnCount; c++)
                        values.TryAdd(batch.Schema.GetFieldByIndex(c).Name, SourceValues.Text(ValueAt(batch.Column(c), i)));
                    yield return new SourceRecord(++row, values);
                }
            }
        }
    }

    /// <summary>The file format starts with "ARROW1"; anything else is taken as the stream format.</summary>
    private static ArrowStreamReader CreateReader(Stream stream)
    {
        var magic = new byte[6];
        var isFile = stream.Read(magic) == 6 && magic.AsSpan().SequenceEqual("ARROW1"u8);
        stream.Position = 0;
        return isFile ? new ArrowFileReader(stream) : new ArrowStreamReader(stream);
    }

    private static object? ValueAt(IArrowArray array, int index) => array.IsNull(index) ? null : array switch
    {
        StringArray a => a.GetString(index),
        LargeStringArray a => a.GetString(index),
        BooleanArray a => a.GetValue(index),
        Int8Array a => a.GetValue(index),
        Int16Array a => a.GetValue(index),
        Int32Array a => a.GetValue(index),
        Int64Array a => a.GetValue(index),
        UInt8Array a => a.GetValue(index),
        UInt16Array a => a.GetValue(index),
        UInt32Array a => a.GetValue(index),
        UInt64Array a => a.GetValue(index),
        FloatArray a => a.GetValue(index),
        DoubleArray a => a.GetValue(index),
        Decimal128Array a => a.GetValue(index),
        Date32Array a => a.GetDateOnly(index),
        Date64Array a => a.GetDateOnly(index),
        TimestampArray a => ((Apache.Arrow.Types.TimestampType)a.Data.DataType).Timezone is null
            ? a.GetTimestamp(index)!.Value.DateTime
            : a.GetTimestamp(index),
        _ => throw new FileRejectedException($"column type {array.Data.DataType.Name} is not supported; convert it to text"),
    };
}
