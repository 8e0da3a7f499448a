using System.Text;
using Complaints.Ingest.Feeds;

namespace Complaints.Testing;

/// <summary>Writes canonical CSV for tests: the feed's header, and each row's given fields (the rest left empty).</summary>
public static class CanonicalCsv
{
    public static string Write(FeedLayout feed, params IReadOnlyDictionary<string, string>[] rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', feed.Columns.Select(c => c.Name)).Append('\n');
        foreach (var row in rows)
        {
            foreach (var name in row.Keys.Where(k => feed.Columns.All(c => c.Name != k)))
                throw new ArgumentException($"{name} is not a column of {feed.Name}");
            text.AppendJoin(',', feed.Columns.Select(c => Quote(row.GetValueOrDefault(c.Name, "")))).Append('\n');
        }
        return text.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
