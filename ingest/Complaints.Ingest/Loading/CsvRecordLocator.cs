namespace Complaints.Ingest.Loading;

/// <summary>
/// Finds the physical line a data record starts on. Quoted fields may hold line breaks, so record n is not line n + 1;
/// only called when a record is bad, so the file is scanned on the error path alone.
/// </summary>
public static class CsvRecordLocator
{
    /// <param name="recordIndex">0-based index of the data record (the header is not a data record).</param>
    /// <returns>1-based line number; the header is line 1.</returns>
    public static long LineOf(string path, long recordIndex)
    {
        using var reader = new StreamReader(path);
        long line = 1, record = -1; // the header is record -1
        var inQuotes = false;
        var atRecordStart = true;
        int ch;
        while ((ch = reader.Read()) != -1)
        {
            if (atRecordStart)
            {
                if (record == recordIndex) return line;
                atRecordStart = false;
            }
            if (ch == '"') inQuotes = !inQuotes;
            else if (ch == '\n')
            {
                line++;
                if (!inQuotes) { record++; atRecordStart = true; }
            }
        }
        return line;
    }
}
