using System.Globalization;
using System.Text;

namespace Complaints.Demo.Tests;

/// <summary>A strict RFC 4180 reader for checking what the generator wrote: it fails on anything malformed.</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Header = header;
        _columns = header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        Rows = rows.Select(fields => new Row(this, fields)).ToList();
    }

    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<Row> Rows { get; }

    public sealed class Row(CsvTable table, string[] fields)
    {
        public string this[string column] => fields[table._columns[column]];

        public DateTimeOffset? Instant(string column) =>
            this[column] is "" ? null : DateTimeOffset.ParseExact(this[column], "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

        public DateTimeOffset RequiredInstant(string column) =>
            Instant(column) ?? throw new InvalidOperationException($"{column} is empty");

        public int? Integer(string column) => this[column] is "" ? null : int.Parse(this[column], CultureInfo.InvariantCulture);
    }

    public static CsvTable Read(string path)
    {
        var text = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new FormatException($"{path}: unterminated quoted field in record {records.Count + 1}");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                if (i < text.Length && text[i] is not (',' or '\n'))
                    throw new FormatException($"{path}: text after a closing quote in record {records.Count + 1}");
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\n'))
                {
                    if (text[i] is '"' or '\r')
                        throw new FormatException($"{path}: unquoted '{text[i]}' in record {records.Count + 1}");
                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }
            records.Add([.. fields]);
            fields.Clear();
            i++; // the '\n'
        }

        if (records.Count == 0)
            throw new FormatException($"{path}: no header");
        var header = records[0];
        var rows = records.Skip(1).ToList();
        var ragged = rows.FindIndex(r => r.Length != header.Length);
        if (ragged >= 0)
            throw new FormatException($"{path}: record {ragged + 2} has {rows[ragged].Length} fields, the header {header.Length}");
        return new CsvTable(header, rows);
    }
}
