using System.Buffers;
using System.Globalization;
using System.Text;

namespace Complaints.Ingest.Feeds;

/// <summary>
/// Writes one canonical feed file: UTF-8 without BOM, comma-separated, '\n' line ends, RFC 4180 quoting,
/// empty field for a missing value. Each row must have exactly the layout's column count, so a generator
/// that forgets a field fails loudly instead of shifting every column after it.
/// </summary>
public sealed class CsvRowWriter : IDisposable
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\n\r");
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly StreamWriter _writer;
    private readonly int _columnCount;
    private readonly char[] _scratch = new char[64];
    private int _fieldsInRow;

    public CsvRowWriter(string path, FeedLayout layout)
    {
        _columnCount = layout.Columns.Count;
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        _writer = new StreamWriter(stream, Utf8WithoutBom, bufferSize: 1 << 16) { NewLine = "\n" };
        foreach (var column in layout.Columns)
            Text(column.Name);
        EndRow();
    }

    public void Text(string? value)
    {
        Separate();
        if (string.IsNullOrEmpty(value))
            return;
        if (value.AsSpan().IndexOfAny(NeedsQuotes) < 0)
        {
            _writer.Write(value);
            return;
        }

        _writer.Write('"');
        var rest = value.AsSpan();
        int quote;
        while ((quote = rest.IndexOf('"')) >= 0)
        {
            _writer.Write(rest[..(quote + 1)]);
            _writer.Write('"');
            rest = rest[(quote + 1)..];
        }
        _writer.Write(rest);
        _writer.Write('"');
    }

    /// <summary>ISO 8601 with the offset, <c>2025-03-04T09:15:00+01:00</c>: the wall-clock time the value carries and its offset.</summary>
    public void Instant(DateTimeOffset? value)
    {
        Separate();
        if (value is not { } v)
            return;
        IsoText.Instant(v, _scratch);
        _writer.Write(_scratch, 0, IsoText.InstantLength);
    }

    /// <summary>ISO 8601 calendar date, <c>2025-03-04</c>.</summary>
    public void Date(DateOnly? value)
    {
        Separate();
        if (value is not { } v)
            return;
        IsoText.Date(v, _scratch);
        _writer.Write(_scratch, 0, IsoText.DateLength);
    }

    public void Integer(long? value)
    {
        Separate();
        if (value is { } v && v.TryFormat(_scratch, out var written, default, CultureInfo.InvariantCulture))
            _writer.Write(_scratch, 0, written);
    }

    public void Amount(decimal value) => Decimal(value, "0.00");

    /// <summary>A decimal with the invariant point and the given format, e.g. "0.0000" for an exchange rate.</summary>
    public void Decimal(decimal value, string format)
    {
        Separate();
        if (value.TryFormat(_scratch, out var written, format, CultureInfo.InvariantCulture))
            _writer.Write(_scratch, 0, written);
    }

    public void EndRow()
    {
        if (_fieldsInRow != _columnCount)
            throw new InvalidOperationException($"A row has {_fieldsInRow} fields but the layout has {_columnCount} columns.");
        _writer.Write('\n');
        _fieldsInRow = 0;
    }

    public void Dispose() => _writer.Dispose();

    private void Separate()
    {
        if (_fieldsInRow++ > 0)
            _writer.Write(',');
    }
}
