using Complaints.Ingest.Feeds;
using Complaints.Warehouse;
using DuckDB.NET.Data;

namespace Complaints.Ingest.Loading;

/// <summary>
/// Stages a canonical file and checks its rows, set-based: every failing (record, column, reason) goes into the
/// temporary table <c>stage_problems</c>. Types and required values are checked as the file is read, the rest on the typed stage.
/// </summary>
internal static class StagedRowChecks
{
    private static readonly string[] AnswerTimes = ["first_response_at", "resolved_at", "answered_at", "closed_at"];

    /// <summary>Open code lists stay open (an unknown status is not an error); ranges and formats that cannot be right are.</summary>
    private static readonly Dictionary<string, (string Sql, string Reason)> Ranges = new()
    {
        ["csat"] = ("csat NOT BETWEEN 1 AND 5", "CSAT must be 1 to 5"),
        ["nps"] = ("nps NOT BETWEEN 0 AND 10", "NPS must be 0 to 10"),
        ["amount"] = ("amount < 0", "an amount cannot be negative"),
        ["quantity"] = ("quantity <= 0", "a quantity must be at least 1"),
        ["currency"] = ("NOT regexp_full_match(currency, '[A-Z]{3}')", "a currency is a three-letter ISO 4217 code such as PLN"),
        ["units"] = ("units < 0", "units sold cannot be negative"),
        ["rate"] = ("rate <= 0", "an exchange rate must be greater than zero"),
        ["month"] = ("day(month) <> 1", "a month is given as its first day (yyyy-MM-01)"),
    };

    public static void CreateTable(DuckDBConnection connection) =>
        connection.Execute("CREATE OR REPLACE TEMP TABLE stage_problems (record_index BIGINT NOT NULL, column_name VARCHAR, reason VARCHAR NOT NULL)");

    /// <summary>
    /// Reads the file with DuckDB's CSV reader straight into the typed stage, in one pass: each value trimmed and cast
    /// as the layout says; values the type cannot take and blank required values become a list of problems on their
    /// row (the list is built only for rows that have one). The reader sees every column as text, because it turns
    /// some unparsable timestamps into NULL silently; the casts are ours. The stage's row ids number the file's
    /// records (the reader keeps the file's order), so staging runs outside the load's transaction, where they are
    /// transaction-local.
    /// </summary>
    public static void Stage(DuckDBConnection connection, string path, FeedLayout feed, IReadOnlyList<string> header)
    {
        // Column names come from the layout (the header was checked against it), never from free text; the path is a bound parameter.
        var asText = string.Join(", ", header.Select(name => $"'{name}': 'VARCHAR'"));
        var typed = string.Join(",\n        ", feed.Columns.Select(c => c.DuckDbType == "VARCHAR"
            ? $"nullif({TrimSpaces(c.Name)}, '') AS {c.Name}"
            : $"{Typed(c)} AS {c.Name}"));
        var checks = Checks(feed).ToList();
        var anyFails = string.Join("\n            OR ", checks.Select(c => $"({c.Fails})"));
        var problems = string.Join(",\n                ", checks.Select(c => $"CASE WHEN {c.Fails} THEN {{'column_name': '{c.Column}', 'reason': {c.Reason}}} END"));
        connection.Execute("DROP TABLE IF EXISTS stage; DROP TABLE IF EXISTS stage_rejects; DROP TABLE IF EXISTS stage_scans;");
        connection.Execute($$"""
            CREATE TEMP TABLE stage AS
            SELECT {{typed}},
                CASE WHEN {{anyFails}}
                     THEN list_filter([{{problems}}], p -> p IS NOT NULL) END AS _problems
            FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                          columns = {{{asText}}}, store_rejects = true,
                          rejects_table = 'stage_rejects', rejects_scan = 'stage_scans', rejects_limit = 0)
            """, ("path", path));
        connection.Execute("""
            INSERT INTO stage_problems
            SELECT record_index, p.column_name, p.reason
            FROM (SELECT rowid AS record_index, unnest(_problems) AS p FROM stage WHERE _problems IS NOT NULL)
            """);
    }

    private static string Typed(FeedColumn column) => $"try_cast(nullif(trim({column.Name}), '') AS {column.DuckDbType})";

    /// <summary>
    /// Leading and trailing spaces removed, looked for before trimming: trim copies every long text (descriptions),
    /// 1.5 s of a million-row load.
    /// </summary>
    private static string TrimSpaces(string column) => $"CASE WHEN {column} LIKE ' %' OR {column} LIKE '% ' THEN trim({column}) ELSE {column} END";

    /// <summary>Each type and required-value check as a condition on the file's text, with the column it names and its reason (SQL).</summary>
    private static IEnumerable<(string Column, string Fails, string Reason)> Checks(FeedLayout feed)
    {
        foreach (var c in feed.Columns.Where(c => c.DuckDbType != "VARCHAR"))
            yield return (c.Name, $"nullif(trim({c.Name}), '') IS NOT NULL AND {Typed(c)} IS NULL",
                $"'''' || left(trim({c.Name}), 100) || ''' is not a valid {Describe(c.DuckDbType)}'");
        foreach (var c in feed.Columns.Where(c => c.Required))
            yield return (c.Name, $"nullif(trim({c.Name}), '') IS NULL", "'a value is required'");
    }

    /// <summary>Ranges, date order and keys repeated inside the file (the repeat is set aside, the first kept).</summary>
    public static void CheckTyped(DuckDBConnection connection, FeedLayout feed)
    {
        foreach (var (column, (sql, reason)) in Ranges.Where(r => feed.Columns.Any(c => c.Name == r.Key)))
            connection.Execute($"INSERT INTO stage_problems SELECT rowid, '{column}', '{reason}' FROM stage WHERE {sql}");
        if (feed == FeedLayouts.Complaints)
            foreach (var later in AnswerTimes)
                connection.Execute($"INSERT INTO stage_problems SELECT rowid, '{later}', 'it is earlier than received_at' FROM stage WHERE {later} < received_at");

        var key = string.Join(", ", feed.Key);
        var join = string.Join(" AND ", feed.Key.Select(k => $"s.{k} = d.{k}"));
        connection.Execute($"""
            INSERT INTO stage_problems
            SELECT s.rowid, '{string.Join("+", feed.Key)}', 'the same record appears earlier in the file'
            FROM stage s
            JOIN (SELECT {key}, min(rowid) AS first FROM stage GROUP BY {key} HAVING count(*) > 1) d ON {join}
            WHERE s.rowid > d.first
            """);
    }

    private static string Describe(string duckDbType) => duckDbType switch
    {
        "TIMESTAMPTZ" => "ISO 8601 timestamp (e.g. 2024-03-01T09:30:00+01:00)",
        "DATE" => "date (yyyy-MM-dd)",
        "INTEGER" => "whole number",
        _ when duckDbType.StartsWith("DECIMAL", StringComparison.Ordinal) => "amount (e.g. 1234.50)",
        _ => duckDbType,
    };
}
