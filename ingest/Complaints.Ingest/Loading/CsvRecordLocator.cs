namespace Complaints.Ingest.Loading;

/// <summary>
/// Finds the physical line each data record starts on, and its raw text. Quoted fields may hold line breaks, so
/// record n is not line n + 1. One pass over the file for any number of records; called only for bad records.
/// </summary>
public static class CsvRecordLocator
{
    public sealed record Located(long Line, string RawText);

    /// <param name="recordIndexes">0-based indexes of data records (the header is not a data record).</param>
    public static IReadOnlyDictionary<long, Located> Locate(string path, IEnumerable<long> recordIndexes, int maxRawLength = 2000)
    {
        var wanted = recordIndexes.ToHashSet();
        var found = new Dictionary<long, Located>(wanted.Count);
        if (wanted.Count == 0)
            return found;
        using var reader = new StreamReader(path);
        long line = 1, record = -1; // the header is record -1
        var inQuotes = false;
        var recordStartLine = 1L;
        var raw = new System.Text.StringBuilder();
        int ch;
        while ((ch = reader.Read()) != -1)
        {
            var capturing = wanted.Contains(record);
            if (ch == '"') inQuotes = !inQuotes;
            if (ch == '\n')
            {
                line++;
                if (!inQuotes)
                {
                    if (capturing) found[record] = new Located(recordStartLine, raw.ToString().TrimEnd('\r'));
                    if (found.Count == wanted.Count) return found;
                    record++;
                    recordStartLine = line;
                    raw.Clear();
                    continue;
                }
            }
            if (capturing && raw.Length < maxRawLength) raw.Append((char)ch);
        }
        if (wanted.Contains(record) && !found.ContainsKey(record))
            found[record] = new Located(recordStartLine, raw.ToString().TrimEnd('\r')); // a last record without a final line break
        return found;
    }
}
