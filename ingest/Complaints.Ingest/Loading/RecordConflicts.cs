using Complaints.Ingest.Feeds;
using Complaints.Warehouse;
using Complaints.Warehouse.Ingest;
using DuckDB.NET.Data;

namespace Complaints.Ingest.Loading;

/// <summary>
/// Same key, same <c>updated_at</c>, other values: the source changed a record without moving its <c>updated_at</c>. The
/// rule is that a record changes only with a later <c>updated_at</c>, so the stored version is kept and the delivered one
/// is not applied; it is counted as a conflict (not "unchanged") and each differing field is kept with both values in
/// <c>ingest_conflicts</c>, for the run summary, the run's page and the API.
/// </summary>
internal static class RecordConflicts
{
    private static readonly HashSet<string> Bookkeeping = ["updated_at", "run_id", "complaint_key"];

    /// <summary>
    /// Finds the conflicting records among the staged rows without problems, into <c>stage_conflicts</c> (one row per
    /// differing field). Compares every layout column the feed's table also stores (customer columns of a complaints file
    /// live in other tables and are left out). Column names come from the layout and the schema, never from a file.
    /// </summary>
    public static void Find(DuckDBConnection connection, FeedLayout feed)
    {
        var stored = connection.QueryList("SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $t",
            r => r.GetString(0), ("t", feed.Name)).ToHashSet(StringComparer.Ordinal);
        var compared = feed.Columns.Where(c => stored.Contains(c.Name) && !feed.Key.Contains(c.Name) && !Bookkeeping.Contains(c.Name)).ToList();
        var join = string.Join(" AND ", feed.Key.Select(k => $"t.{k} = s.{k}"));
        // Text is compared with its line breaks alike: the same file saved with Windows line endings is the same data.
        static string Comparable(FeedColumn c, string table) =>
            c.DuckDbType == "VARCHAR" ? $"replace({table}.{c.Name}, chr(13) || chr(10), chr(10))" : $"{table}.{c.Name}";
        var differences = string.Join(",\n                ", compared.Select(c =>
            $"CASE WHEN {Comparable(c, "s")} IS DISTINCT FROM {Comparable(c, "t")} THEN {{'field': '{c.Name}', 'stored': CAST(t.{c.Name} AS VARCHAR), 'delivered': CAST(s.{c.Name} AS VARCHAR)}} END"));
        connection.Execute($"""
            CREATE OR REPLACE TEMP TABLE stage_conflicts AS
            SELECT record_index, record_key, updated_at, d.field, d.stored, d.delivered
            FROM (SELECT s.rowid AS record_index, concat_ws('/', {string.Join(", ", feed.Key.Select(k => $"s.{k}"))}) AS record_key, s.updated_at,
                         unnest(list_filter([
                {differences}
                         ], d -> d IS NOT NULL)) AS d
                  FROM stage s JOIN {feed.Name} t ON {join}
                  WHERE s.updated_at = t.updated_at AND s.rowid NOT IN (SELECT record_index FROM stage_problems))
            """);
    }

    /// <summary>How many records conflict.</summary>
    public static long Count(DuckDBConnection connection) => connection.Scalar<long>("SELECT count(DISTINCT record_index) FROM stage_conflicts");

    /// <summary>The conflicts found, each with the line its record starts on in the file as sent.</summary>
    public static List<RecordConflict> Read(DuckDBConnection connection, Func<IEnumerable<long>, IReadOnlyDictionary<long, long>> lines)
    {
        var rows = connection.QueryList("SELECT record_index, record_key, updated_at, field, stored, delivered FROM stage_conflicts ORDER BY record_index, field",
            r => (Record: r.GetInt64(0), Key: r.GetString(1), UpdatedAt: r.GetInstant(2), Field: r.GetString(3), Stored: r.NullableString(4), Delivered: r.NullableString(5)));
        var lineOf = lines(rows.Select(r => r.Record).Distinct());
        return [.. rows.Select(r => new RecordConflict(r.Key, lineOf[r.Record], r.UpdatedAt, r.Field, r.Stored, r.Delivered))];
    }

    public static void Store(DuckDBConnection connection, long runId, string feed, IEnumerable<RecordConflict> conflicts)
    {
        using var appender = connection.CreateAppender("ingest_conflicts");
        foreach (var c in conflicts)
            appender.CreateRow().AppendValue(runId).AppendValue(feed).AppendValue(c.Key).AppendValue(c.Line).AppendValue(c.UpdatedAt)
                .AppendValue(c.Field).AppendValue(c.StoredValue).AppendValue(c.DeliveredValue).EndRow();
    }
}
