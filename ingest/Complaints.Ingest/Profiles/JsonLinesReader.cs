using System.Text;
using System.Text.Json;
using Complaints.Ingest.Loading;

namespace Complaints.Ingest.Profiles;

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
