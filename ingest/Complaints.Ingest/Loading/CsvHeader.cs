using System.Text;
using Complaints.Ingest.Feeds;

namespace Complaints.Ingest.Loading;

/// <summary>Reads a canonical CSV file's header and checks it against the feed's layout before DuckDB reads the rows.</summary>
public static class CsvHeader
{
    public static IReadOnlyList<string> ReadAndCheck(string path, FeedLayout feed)
    {
        var fileName = Path.GetFileName(path);
        string? line;
        using (var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
            line = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(line))
            throw new FileRejectedException($"{fileName}: line 1: the file is empty; a {feed.Name} file starts with a header line naming its columns.");
        if (!line.Contains(',') && line.Contains(';'))
            throw new FileRejectedException($"{fileName}: line 1: columns are separated by ';'; canonical files use ','. Convert the file or load it through a mapping profile.");

        var columns = line.Split(',').Select(c => c.Trim().Trim('"').Trim()).ToList();
        var known = feed.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var missing = feed.Columns.Select(c => c.Name).Where(c => !columns.Contains(c, StringComparer.Ordinal)).ToList();
        var unknown = columns.Where(c => !known.Contains(c)).ToList();
        var duplicated = columns.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var problems = new List<string>();
        if (missing.Count > 0) problems.Add($"missing column(s) {string.Join(", ", missing)}");
        if (unknown.Count > 0) problems.Add($"unknown column(s) {string.Join(", ", unknown)}");
        if (duplicated.Count > 0) problems.Add($"repeated column(s) {string.Join(", ", duplicated)}");
        if (problems.Count > 0)
            throw new FileRejectedException($"{fileName}: line 1: the header does not match the {feed.Name} feed: {string.Join("; ", problems)}. See docs/feeds.md for the layout.");
        return columns;
    }
}
