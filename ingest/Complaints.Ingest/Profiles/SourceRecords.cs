using System.Buffers;
using System.Text;
using System.Text.Json;
using Complaints.Ingest.Loading;

namespace Complaints.Ingest.Profiles;

/// <summary>
/// One record of a source file: the physical line it starts on, and its values by source column name. <see cref="Misfit"/>
/// says why the record cannot be trusted as a whole (more fields than the header has: its values are misaligned).
/// </summary>
public sealed record SourceRecord(long Line, IReadOnlyDictionary<string, string> Values, string? Misfit = null);

/// <summary>A source file opened for mapping: the columns it has, and its records in file order.</summary>
public interface ISourceReader
{
    IReadOnlyCollection<string> Columns { get; }
    IEnumerable<SourceRecord> Records();
}

public static class SourceReaders
{
    public static ISourceReader Open(string path, MappingProfile profile) => profile.Format.Type switch
    {
        "jsonl" => JsonLinesReader.Open(path),
        "xlsx" => XlsxReader.Open(path, profile),
        "parquet" => ParquetReader.Open(path),
        "arrow" => ArrowIpcReader.Open(path),
        _ => DelimitedTextReader.Open(path, profile),
    };

    /// <summary>Valid UTF-8 (with or without BOM) is read as UTF-8; anything else in the profile's declared encoding.</summary>
    public static Encoding DetectEncoding(string path, MappingProfile profile)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[(1 << 16) + 4];
        using var stream = File.OpenRead(path);
        try
        {
            int read;
            while ((read = stream.Read(bytes)) > 0)
                strict.GetChars(bytes, 0, read, chars, 0, flush: false);
            strict.GetChars([], 0, 0, chars, 0, flush: true);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            if (string.Equals(profile.Format.Encoding, "utf-8", StringComparison.OrdinalIgnoreCase))
                throw new FileRejectedException($"{Path.GetFileName(path)}: the file is not valid UTF-8, as profile {profile.Name} says it is.");
            return profile.FallbackEncoding;
        }
    }
}

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

/// <summary>JSON Lines: one object per line; its top-level properties are the columns (nested values as their JSON text).</summary>
public sealed class JsonLinesReader : ISourceReader
{
    private const int ColumnSampleSize = 1000;
    private readonly string _path;

    private JsonLinesReader(string path, IReadOnlyCollection<string> columns) => (_path, Columns) = (path, columns);

    public IReadOnlyCollection<string> Columns { get; }

    public static JsonLinesReader Open(string path)
    {
        // Absent properties are common in JSON Lines (a null left out), so the columns are those seen in the first records.
        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in Read(path, lenient: true).Take(ColumnSampleSize))
            columns.UnionWith(record.Values.Keys);
        return new JsonLinesReader(path, columns);
    }

    public IEnumerable<SourceRecord> Records() => Read(_path, lenient: false);

    private static IEnumerable<SourceRecord> Read(string path, bool lenient)
    {
        using var text = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        long line = 0;
        string? content;
        while ((content = text.ReadLine()) is not null)
        {
            line++;
            if (string.IsNullOrWhiteSpace(content)) continue;
            Dictionary<string, string>? values = null;
            try
            {
                using var document = JsonDocument.Parse(content);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                    values = document.RootElement.EnumerateObject()
                        .GroupBy(p => p.Name).ToDictionary(g => g.Key, g => Text(g.First().Value), StringComparer.Ordinal);
            }
            catch (JsonException) when (lenient) { }
            catch (JsonException e)
            {
                throw new FileRejectedException($"{Path.GetFileName(path)}: line {line}: not a JSON object ({e.Message.Split('.')[0]}).");
            }
            if (values is null && !lenient)
                throw new FileRejectedException($"{Path.GetFileName(path)}: line {line}: each line must hold one JSON object.");
            if (values is not null)
                yield return new SourceRecord(line, values);
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
