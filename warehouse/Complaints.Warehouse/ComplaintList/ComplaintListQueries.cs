using System.Text.Json;
using Complaints.Warehouse.PersonalData;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.ComplaintList;

public sealed record ComplaintListItem(
    string Source, string ExternalId, DateTimeOffset ReceivedAt, string ProductSku, string ProductName, string ProductLine,
    string? Channel, string Status, string? DefectCategory, string? Segment, string? Description);

public enum ComplaintSort { Received, Product, Status, Channel }

/// <summary>
/// The complaint list behind every figure: the same <see cref="ComplaintFilter"/> as the charts, so a drill-down's
/// count equals the number clicked. Search ignores case and Polish diacritics (DuckDB's fts extension is not available).
/// Personal data stays masked: every description excerpt is masked by its customer's own names and contacts, and,
/// without the personal-data permission (<c>personalData: false</c>), a search reads the descriptions as masked, so
/// a person's name, e-mail or phone finds none of their complaints, nor tells which ones name them.
/// </summary>
public sealed class ComplaintListQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting, TimeProvider? time = null)
{
    public const int ExcerptLength = 160;

    private readonly PersonalDataStore _people = new(warehouse, time ?? TimeProvider.System);

    /// <summary>The search clause, only when there is a search (a guarded no-op would still be planned for every row).</summary>
    private static string SearchPredicate(Scope scope) => scope.Search is null ? "TRUE"
        : scope.MaskedPeople is null ? "(regexp_matches(c.description, $search_pattern, 'i') OR c.external_id = $search)"
        // A complaint of a person the search names matches only if its text still matches once masked by them.
        : $$"""
          (c.external_id = $search OR (regexp_matches(c.description, $search_pattern, 'i') AND NOT EXISTS (
              SELECT 1 FROM (SELECT unnest(from_json($masks, '[{"s":"VARCHAR","c":"VARCHAR","p":"VARCHAR"}]'), recursive := true)) m
              WHERE m.s = c.source AND m.c = c.customer_id
                AND NOT regexp_matches({{MaskedSql("c.description", "m.p")}}, $search_pattern, 'i'))))
          """;

    /// <summary>DuckDB's twin of <see cref="PersonalDataMask.Text(string?, string)"/>: the same pattern, the same passes.</summary>
    private static string MaskedSql(string text, string pattern) => Enumerable.Range(0, PersonalDataMask.Passes)
        .Aggregate(text, (inner, _) => $"regexp_replace({inner}, {pattern}, '\\1***\\3', 'gi')");

    public long Count(ComplaintFilter filter, string? search, bool personalData = false)
    {
        var scope = ScopeOf(search, personalData);
        using var connection = warehouse.OpenConnection();
        return connection.Scalar<long>($"SELECT count(*) FROM complaints c WHERE {filter.Predicate} AND {SearchPredicate(scope)}", Parameters(filter, scope));
    }

    public IReadOnlyList<ComplaintListItem> Page(ComplaintFilter filter, string? search, ComplaintSort sort, bool descending, int offset, int limit, bool personalData = false)
    {
        var scope = ScopeOf(search, personalData);
        using var connection = warehouse.OpenConnection();
        return Excerpts(connection.QueryList($"{PageSql($"{filter.Predicate} AND {SearchPredicate(scope)}", sort, descending, "LIMIT $limit OFFSET $offset")} ORDER BY {Order(sort, descending)}",
            r => Item(r, 0), [.. Parameters(filter, scope), ("limit", limit), ("offset", offset)]));
    }

    /// <summary>
    /// The people whose names or contacts <paramref name="search"/> matches: a search by a holder of the permission
    /// that finds complaints through them is a view of those people, for the caller to put on record.
    /// </summary>
    public IReadOnlyCollection<(string Source, string CustomerId)> PeopleNamedBy(string? search) =>
        Search(search) is { } s ? [.. _people.NamedBy(SearchPattern.For(s)).Keys] : [];

    /// <summary>
    /// The whole list for an export (ComplaintExport.sql: twenty typed columns, oldest first) as pages read one after
    /// another in one snapshot (<see cref="ComplaintExportPages"/>), so no export holds the list in memory, neither here
    /// nor in DuckDB's sort. The caller disposes it.
    /// </summary>
    /// <param name="withFreeText">
    /// The reader holds the personal-data permission: the description (free text that may name people) is exported and
    /// the search reads it as stored. Otherwise the column is empty and the search reads the text masked.
    /// </param>
    /// <param name="pageSize">Rows per page; tests pass a small one to cross many page boundaries.</param>
    public ComplaintExportPages ExportPages(ComplaintFilter filter, string? search, bool withFreeText, int pageSize = ComplaintExportPages.DefaultPageSize)
    {
        var scope = ScopeOf(search, withFreeText);
        var where = $"{filter.Predicate} AND {SearchPredicate(scope)}";
        var sql = Sql.Load(typeof(ComplaintListQueries).Assembly, "ComplaintList.ComplaintExport.sql")
            .Replace("/*description*/", withFreeText ? "c.description" : "CAST(NULL AS VARCHAR)", StringComparison.Ordinal)
            .Replace("/*filter*/ AND /*search*/", where, StringComparison.Ordinal);
        return new ComplaintExportPages(warehouse, sql, where, Parameters(filter, scope), pageSize);
    }

    /// <summary>
    /// The count and one page together. A search reads every description, so it is run once: its matches' sort keys
    /// are kept, counted and cut to the page, and only the page's complaints are read in full (the count and the page
    /// as two queries took 330 ms at a million complaints, this 220 ms). Without a search the two plain queries are quicker.
    /// </summary>
    public (long Count, IReadOnlyList<ComplaintListItem> Items) CountAndPage(ComplaintFilter filter, string? search, ComplaintSort sort, bool descending, int offset, int limit, bool personalData = false)
    {
        if (Search(search) is null)
            return (Count(filter, null), Page(filter, null, sort, descending, offset, limit));
        var scope = ScopeOf(search, personalData);
        using var connection = warehouse.OpenConnection();
        // One row even for an empty page (the left join), carrying the count.
        var rows = connection.QueryList($"""
            WITH hits AS MATERIALIZED (
                SELECT c.complaint_key, c.source, c.external_id, c.received_at, c.status, c.channel, coalesce(p.name, c.product_sku) AS product_name
                FROM complaints c LEFT JOIN products p ON p.sku = c.product_sku
                WHERE {filter.Predicate} AND {SearchPredicate(scope)}),
            chosen AS (SELECT c.complaint_key FROM hits c ORDER BY {Order(sort, descending)} LIMIT $limit OFFSET $offset),
            page AS ({PageSql("c.complaint_key IN (SELECT complaint_key FROM chosen)", sort, descending, cut: "")})
            SELECT (SELECT count(*) FROM hits), page.*
            FROM (SELECT 1) AS one LEFT JOIN page ON TRUE
            ORDER BY {Order(sort, descending, "page.")}
            """,
            r => (Count: r.GetInt64(0), Item: r.IsDBNull(1) ? ((ComplaintListItem, string?)?)null : Item(r, 1)),
            [.. Parameters(filter, scope), ("limit", limit), ("offset", offset)]);
        return (rows[0].Count, Excerpts(rows.Where(row => row.Item is not null).Select(row => row.Item!.Value).ToList()));
    }

    /// <summary>The page's descriptions masked by each complaint's own customer, then cut: masking first, so a name cut in half is still masked.</summary>
    private List<ComplaintListItem> Excerpts(List<(ComplaintListItem Item, string? CustomerId)> rows)
    {
        var masks = _people.MaskPatterns(rows.Where(r => r.CustomerId is not null && r.Item.Description is not null)
            .Select(r => (r.Item.Source, r.CustomerId!)).ToList());
        return rows.Select(r => r.Item with
        {
            Description = Cut(r.CustomerId is { } id && masks.TryGetValue((r.Item.Source, id), out var mask)
                ? PersonalDataMask.Text(r.Item.Description, mask.Pattern) : r.Item.Description),
        }).ToList();
    }

    private static string? Cut(string? text)
    {
        if (text is null || text.Length <= ExcerptLength)
            return text;
        var length = char.IsHighSurrogate(text[ExcerptLength - 1]) ? ExcerptLength - 1 : ExcerptLength;
        return text[..length];
    }

    /// <summary>A search as one reader may run it: with the people it names, to be masked, unless the reader may see them.</summary>
    private sealed record Scope(string? Search, IReadOnlyDictionary<(string Source, string CustomerId), PersonMask>? MaskedPeople);

    private Scope ScopeOf(string? search, bool personalData) =>
        Search(search) is not { } s || personalData ? new Scope(Search(search), null)
            : _people.NamedBy(SearchPattern.For(s)) is { Count: > 0 } people ? new Scope(s, people) : new Scope(s, null);

    /// <summary>
    /// The complaints that meet <paramref name="where"/>, sorted and <paramref name="cut"/> to a page before the
    /// customers are joined: joining all of them before the cut was 10x slower at a million. Its columns are those
    /// <see cref="Item"/> reads.
    /// </summary>
    private static string PageSql(string where, ComplaintSort sort, bool descending, string cut) => $"""
        SELECT c.source, c.external_id, c.received_at, c.product_sku, c.product_name, c.product_line,
               c.channel, c.status, c.defect_category, cu.segment, c.description, c.customer_id
        FROM (
            SELECT c.*, coalesce(p.name, c.product_sku) AS product_name, coalesce(p.product_line, 'Unknown') AS product_line
            FROM complaints c
            LEFT JOIN products p ON p.sku = c.product_sku
            WHERE {where}
            ORDER BY {Order(sort, descending)}
            {cut}
        ) c
        LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
        """;

    /// <summary>The ORDER BY, from this closed list, never from the request's text; <paramref name="table"/> qualifies its columns.</summary>
    private static string Order(ComplaintSort sort, bool descending, string table = "c.") => sort switch
    {
        ComplaintSort.Product => "product_name",
        ComplaintSort.Status => $"{table}status",
        ComplaintSort.Channel => $"{table}channel",
        _ => $"{table}received_at",
    } + (descending ? " DESC" : " ASC") + $", {table}source, {table}external_id";

    /// <summary>One row of <see cref="PageSql"/>: the item with its whole description, and its customer, for <see cref="Excerpts"/>.</summary>
    private static (ComplaintListItem, string?) Item(System.Data.IDataRecord r, int first) => (new(
        r.GetString(first), r.GetString(first + 1), r.GetInstant(first + 2), r.GetString(first + 3), r.GetString(first + 4), r.GetString(first + 5),
        r.NullableString(first + 6), r.GetString(first + 7), r.NullableString(first + 8), r.NullableString(first + 9), r.NullableString(first + 10)),
        r.NullableString(first + 11));

    // Breach and age filters are judged as of the link's instant, or now.
    private (string, object?)[] Parameters(ComplaintFilter filter, Scope scope) =>
    [
        .. filter.AsOfOr((time ?? TimeProvider.System).GetUtcNow()).Parameters(reporting.Value), ("search", scope.Search),
        ("search_pattern", scope.Search is { } s ? SearchPattern.For(s) : null),
        .. scope.MaskedPeople is { } people
            ? new (string, object?)[] { ("masks", JsonSerializer.Serialize(people.Select(p => new { s = p.Key.Source, c = p.Key.CustomerId, p = p.Value.Pattern }))) }
            : [],
    ];

    private static string? Search(string? search) => string.IsNullOrWhiteSpace(search) ? null : search.Trim();
}
