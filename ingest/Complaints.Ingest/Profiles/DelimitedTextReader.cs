using System.Buffers;
using System.Text;
using Complaints.Ingest.Loading;

namespace Complaints.Ingest.Profiles;

/// <summary>
/// Delimited text (RFC 4180 quoting, fields may span lines). The delimiter and the header line are found together:
/// the header is the first line that names every mapped column when split by the delimiter, unless the profile fixes them.
/// </summary>
public sealed class DelimitedTextReader : ISourceReader
{
    private const int HeaderSearchDepth = 30;
    private readonly string _path;
    private readonly Encoding _encoding;
    private readonly char _delimiter;
    private readonly int _headerIndex;
    private readonly string[] _header;

    private DelimitedTextReader(string path, Encoding encoding, char delimiter, int headerIndex, string[] header)
    {
        (_path, _encoding, _delimiter, _headerIndex, _header) = (path, encoding, delimiter, headerIndex, header);
    }

    public IReadOnlyCollection<string> Columns => _header;

    public static DelimitedTextReader Open(string path, MappingProfile profile)
    {
        var fileName = Path.GetFileName(path);
        var encoding = SourceReaders.DetectEncoding(path, profile);
        var wanted = profile.SourceColumns;
        char[] candidates = profile.Format.Delimiter is { } d ? [d[0]] : [',', ';', '\t'];
        (char Delimiter, int Index, string[] Header, int Matches)? best = null;
        foreach (var delimiter in candidates)
        {
            using var text = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
            var index = 0;
            foreach (var (_, fields) in Parse(text, delimiter))
            {
                if (profile.Format.SkipLines is { } skip && index < skip) { index++; continue; }
                var header = fields.Select(f => f.Trim()).ToArray();
                var matches = wanted.Count(header.Contains);
                if (best is null || matches > best.Value.Matches)
                    best = (delimiter, index, header, matches);
                if (matches == wanted.Count || profile.Format.SkipLines is not null || ++index >= HeaderSearchDepth)
                    break;
            }
            if (best?.Matches == wanted.Count)
                break;
        }
        if (best is null)
            throw new FileRejectedException($"{fileName}: the file is empty; profile {profile.Name} expects a header naming {string.Join(", ", wanted)}.");
        var missing = wanted.Where(c => !best.Value.Header.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new FileRejectedException($"{fileName} does not fit profile {profile.Name}: missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}" +
                                            $" (looked for them in the first {HeaderSearchDepth} lines, split by ',', ';' and tab).", missing);
        return new DelimitedTextReader(path, encoding, best.Value.Delimiter, best.Value.Index, best.Value.Header);
    }

    public IEnumerable<SourceRecord> Records()
    {
        using var text = new StreamReader(_path, _encoding, detectEncodingFromByteOrderMarks: true);
        // Each record's fields are looked up by the header's positions, worked out once (a repeated name keeps its first).
        var positions = new Dictionary<string, int>(_header.Length, StringComparer.Ordinal);
        for (var i = 0; i < _header.Length; i++)
            positions.TryAdd(_header[i], i);
        var index = 0;
        foreach (var (line, fields) in Parse(text, _delimiter))
        {
            if (index++ <= _headerIndex)
                continue;
            // Fewer fields are trailing blanks some exports leave off; more can only be a shifted row, whose values sit under the wrong names.
            var misfit = fields.Count > _header.Length ? $"{fields.Count} fields where the header has {_header.Length}" : null;
            yield return new SourceRecord(line, new FieldsByName(positions, fields), misfit);
        }
    }

    /// <summary>
    /// Splits text into records of fields, with the line each record starts on. Blank lines are skipped. Reads blocks
    /// and copies runs of ordinary characters at once: a character at a time was a fifth of a million-row mapping.
    /// </summary>
    internal static IEnumerable<(long Line, List<string> Fields)> Parse(TextReader text, char delimiter)
    {
        var special = SearchValues.Create([delimiter, '"', '\n', '\r']);
        var buffer = new char[1 << 16];
        int length = 0, position = 0;
        var fields = new List<string>();
        var field = new StringBuilder();
        long line = 1, start = 1;
        var inQuotes = false;
        var quotedField = false;

        bool NextIs(char expected)
        {
            if (position == length)
                (length, position) = (text.Read(buffer, 0, buffer.Length), 0);
            return position < length && buffer[position] == expected;
        }

        while (true)
        {
            if (position == length)
            {
                (length, position) = (text.Read(buffer, 0, buffer.Length), 0);
                if (length == 0)
                    break;
            }
            var (run, c) = NextRun(buffer, ref position, length, inQuotes ? QuotedSpecial : special);
            field.Append(buffer, run.Start, run.Length);
            if (c is null)
                continue;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (NextIs('"')) { position++; field.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n' || (c == '\r' && !NextIs('\n'))) line++;
                    field.Append(c.Value);
                }
                continue;
            }
            if (c == '"' && field.Length == 0 && !quotedField) { inQuotes = quotedField = true; continue; }
            if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); quotedField = false; continue; }
            if (c == '"') { field.Append('"'); continue; }
            if (c == '\r' && NextIs('\n')) continue;
            fields.Add(field.ToString());
            field.Clear();
            quotedField = false;
            if (fields.Count > 1 || fields[0].Length > 0) yield return (start, fields);
            fields = [];
            start = ++line;
        }
        if (field.Length > 0 || fields.Count > 0 || quotedField)
        {
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }

    private static readonly SearchValues<char> QuotedSpecial = SearchValues.Create("\"\n\r");

    /// <summary>The ordinary characters from <paramref name="position"/> up to the next special one (consumed and returned), or to the end of the block.</summary>
    private static ((int Start, int Length) Run, char? Special) NextRun(char[] buffer, ref int position, int length, SearchValues<char> special)
    {
        var from = position;
        var at = buffer.AsSpan(from, length - from).IndexOfAny(special);
        if (at < 0)
        {
            position = length;
            return ((from, length - from), null);
        }
        position = from + at + 1;
        return ((from, at), buffer[from + at]);
    }
}

/// <summary>
/// One delimited record's fields by column name, through the header's positions shared by all records. A short row
/// (the last CFPB row lacks its trailing field) reads as blanks at the end.
/// </summary>
internal sealed class FieldsByName(IReadOnlyDictionary<string, int> positions, List<string> fields) : IReadOnlyDictionary<string, string>
{
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => positions.Keys;
    public IEnumerable<string> Values => positions.Values.Select(At);
    public int Count => positions.Count;
    public bool ContainsKey(string key) => positions.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
    {
        var found = positions.TryGetValue(key, out var position);
        value = found ? At(position) : null;
        return found;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        positions.Select(p => new KeyValuePair<string, string>(p.Key, At(p.Value))).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private string At(int position) => position < fields.Count ? fields[position] : "";
}
