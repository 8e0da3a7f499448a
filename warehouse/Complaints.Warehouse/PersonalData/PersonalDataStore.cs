using System.Text.Json;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.Writes;
using DuckDB.NET.Data;

namespace Complaints.Warehouse.PersonalData;

/// <summary>
/// The one place personal data is read, and erased. Reading unmasked is the caller's decision (the permission is
/// checked by the host), but it always leaves an audit entry: who, whose, when, where. Erasure removes the person's
/// data and every current and kept version of it, and the free text that names them; the facts stay, so every count,
/// time and cost is unchanged. It is logged by ids, never by the data.
/// </summary>
public sealed class PersonalDataStore(WarehouseDatabase warehouse, TimeProvider time)
{
    public const string ViewAction = "personal_data.view";
    public const string EraseAction = "personal_data.erase";
    public const string ExportAction = "personal_data.export";
    public const string SearchAction = "personal_data.search";

    /// <summary>The text columns that may name a person, current and kept for history, with each table's key for the audit.</summary>
    private static readonly (string Table, string Column)[] FreeText =
    [
        ("complaints", "description"), ("complaint_versions", "description"),
        ("surveys", "comment"), ("surveys_versions", "comment"),
        ("quarantine", "raw_text"), ("ingest_conflicts", "stored_value"), ("ingest_conflicts", "delivered_value"),
    ];

    /// <summary>The customer a complaint names (its source's customer id), or null.</summary>
    public string? CustomerOf(string source, string externalId)
    {
        using var connection = warehouse.OpenConnection();
        return connection.Scalar<string>("SELECT customer_id FROM complaints WHERE source = $source AND external_id = $id", ("source", source), ("id", externalId));
    }

    /// <summary>The person as stored, masked: what every reader may see.</summary>
    public Person? FindMasked(string source, string customerId) => Find(source, customerId)?.Masked();

    /// <summary>The person unmasked, written to the audit log as seen by <paramref name="actor"/> at <paramref name="where"/>.</summary>
    public async Task<Person?> ViewAsync(string source, string customerId, string actor, string where, CancellationToken cancellationToken = default)
    {
        if (Find(source, customerId) is not { } person)
            return null;
        await warehouse.RecordAsync(c => AuditLog.Append(c, time, actor, ViewAction, $"customer:{source}/{customerId}",
            afterJson: JsonSerializer.Serialize(new { where })), cancellationToken);
        return person;
    }

    /// <summary>
    /// Writes to the audit log that <paramref name="actor"/> exported complaints with their free text (which may name
    /// people) for the filter <paramref name="filter"/>, given as its query string: an export of personal data is on record.
    /// </summary>
    public Task RecordExportAsync(string actor, string filter, CancellationToken cancellationToken = default) =>
        warehouse.RecordAsync(c => AuditLog.Append(c, time, actor, ExportAction, "complaints", afterJson: JsonSerializer.Serialize(new { filter })), cancellationToken);

    /// <summary>
    /// The terms that name the person in free text, for masking a description shown to a reader without the permission:
    /// from their current data and every version kept, since an old e-mail in a description names them as well.
    /// </summary>
    public IReadOnlyList<string> TermsFor(string source, string customerId) =>
        MaskPatterns([(source, customerId)]).TryGetValue((source, customerId), out var masks) ? masks.Terms : [];

    /// <summary>For each of these customers that has personal data, the terms naming them and the pattern masking them.</summary>
    public IReadOnlyDictionary<(string Source, string CustomerId), PersonMask> MaskPatterns(IReadOnlyCollection<(string Source, string CustomerId)> customers)
    {
        if (customers.Count == 0)
            return new Dictionary<(string, string), PersonMask>();
        using var connection = warehouse.OpenConnection();
        // The keys go in as one bound JSON value, so any number of them is one statement.
        var keys = JsonSerializer.Serialize(customers.Distinct().Select(k => new { s = k.Source, c = k.CustomerId }));
        return Masks(connection, """
            JOIN (SELECT unnest(from_json($keys, '[{"s":"VARCHAR","c":"VARCHAR"}]'), recursive := true)) k ON k.s = p.source AND k.c = p.customer_id
            """, ("keys", keys));
    }

    /// <summary>
    /// The people whose names or contacts (current or kept) a search <paramref name="searchPattern"/> (RE2, matched
    /// case-insensitively) finds, with the pattern that masks each of them: a reader without the permission searches
    /// their complaints' text as masked by it, so a name, e-mail or phone finds nothing through the person it names.
    /// </summary>
    public IReadOnlyDictionary<(string Source, string CustomerId), PersonMask> NamedBy(string searchPattern)
    {
        using var connection = warehouse.OpenConnection();
        return Masks(connection, """
            JOIN (SELECT DISTINCT source, customer_id FROM people
                  WHERE regexp_matches(concat_ws(' ', name, email, phone, regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')), $search, 'i')) k
              ON k.source = p.source AND k.customer_id = p.customer_id
            """, ("search", searchPattern));
    }

    /// <summary>
    /// Those of <paramref name="words"/> (single words from free text, such as a text theme's top terms) that are a name
    /// part or an e-mail of someone whose data we hold, now or in a kept version: to be masked where they are shown.
    /// </summary>
    public IReadOnlySet<string> NamesAmong(IEnumerable<string> words)
    {
        var candidates = words.Where(w => w.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (PersonalDataMask.Pattern(candidates) is not { } pattern)
            return new HashSet<string>();
        var terms = NamedBy(pattern).Values.SelectMany(m => m.Terms).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return candidates.Where(terms.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Writes to the audit log that <paramref name="actor"/>'s search at <paramref name="where"/> found complaints through these people's data: by ids, never the search text.</summary>
    public Task RecordSearchAsync(string actor, IEnumerable<(string Source, string CustomerId)> people, string where, CancellationToken cancellationToken = default)
    {
        var keys = people.Select(k => $"{k.Source}/{k.CustomerId}").Order(StringComparer.Ordinal).ToList();
        return warehouse.RecordAsync(c => AuditLog.Append(c, time, actor, SearchAction, string.Join(",", keys.Select(k => $"customer:{k}")),
            afterJson: JsonSerializer.Serialize(new { where, customers = keys })), cancellationToken);
    }

    private static Dictionary<(string, string), PersonMask> Masks(DuckDBConnection connection, string join, params (string, object?)[] parameters) => connection.QueryList($"""
            WITH people AS (SELECT source, customer_id, name, email, phone FROM customer_personal
                            UNION ALL SELECT source, customer_id, name, email, phone FROM customer_personal_versions)
            SELECT p.source, p.customer_id, p.name, p.email, p.phone FROM people p {join}
            """, r => new Person(r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3), r.NullableString(4)), parameters)
        .GroupBy(p => (p.Source, p.CustomerId))
        .Select(g => (g.Key, Terms: PersonalDataMask.Terms(g)))
        .Where(g => g.Terms.Count > 0)
        .ToDictionary(g => g.Key, g => new PersonMask(g.Terms, PersonalDataMask.Pattern(g.Terms)!));

    /// <summary>
    /// Erases the data subjects with this customer id (in any source, or in <paramref name="source"/>) or this e-mail.
    /// Returns the customer keys erased (empty: nobody matched).
    /// </summary>
    public Task<IReadOnlyList<string>> EraseAsync(string? customerId, string? email, string actor, string? source = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(customerId) == string.IsNullOrWhiteSpace(email))
            throw new ArgumentException("Name the data subject by customer id or by e-mail, one of them.");
        return warehouse.WriteAsync(connection =>
        {
            // Every version counts: an address in an old version names the person as much as the current one.
            var keys = connection.QueryList("""
                SELECT DISTINCT source, customer_id FROM (SELECT source, customer_id, email FROM customer_personal
                                                          UNION ALL SELECT source, customer_id, email FROM customer_personal_versions)
                WHERE ($id IS NOT NULL AND customer_id = $id AND ($source IS NULL OR source = $source)) OR ($email IS NOT NULL AND lower(email) = lower($email))
                ORDER BY ALL
                """, r => (Source: r.GetString(0), Id: r.GetString(1)), ("id", customerId?.Trim()), ("email", email?.Trim()), ("source", source));
            if (keys.Count == 0)
                return Task.FromResult<IReadOnlyList<string>>([]);
            using var transaction = connection.BeginTransaction();
            var erased = Erase(connection, keys);
            AuditLog.Append(connection, time, actor, EraseAction, string.Join(",", erased.Select(k => $"customer:{k}")),
                afterJson: JsonSerializer.Serialize(new { customers = erased }));
            warehouse.Commit(transaction, WarehouseChange.Other);
            return Task.FromResult<IReadOnlyList<string>>(erased);
        }, cancellationToken);
    }

    /// <summary>
    /// Retention: erases everyone whose personal data was last updated before <paramref name="before"/>. Returns how many.
    /// </summary>
    public Task<int> EraseOlderThanAsync(DateTimeOffset before, string actor, CancellationToken cancellationToken = default) => warehouse.WriteAsync(connection =>
    {
        var keys = connection.QueryList("SELECT source, customer_id FROM customer_personal WHERE updated_at < $before ORDER BY ALL",
            r => (Source: r.GetString(0), Id: r.GetString(1)), ("before", before));
        if (keys.Count == 0)
            return Task.FromResult(0);
        using var transaction = connection.BeginTransaction();
        Erase(connection, keys);
        AuditLog.Append(connection, time, actor, EraseAction, $"retention: {keys.Count} customers",
            afterJson: JsonSerializer.Serialize(new { before, customers = keys.Select(k => $"{k.Source}/{k.Id}") }));
        warehouse.Commit(transaction, WarehouseChange.Other);
        return Task.FromResult(keys.Count);
    }, cancellationToken);

    private static List<string> Erase(DuckDBConnection connection, List<(string Source, string Id)> keys)
    {
        var people = new List<Person>();
        foreach (var (source, id) in keys)
        {
            people.AddRange(People(connection, "source = $source AND customer_id = $id", ("source", source), ("id", id)));
            people.AddRange(People(connection, "source = $source AND customer_id = $id", "customer_personal_versions", ("source", source), ("id", id)));
        }
        // Free text first, while the names to look for are still known; then the rows themselves.
        if (PersonalDataMask.Pattern(PersonalDataMask.Terms(people)) is { } pattern)
            for (var pass = 0; pass < PersonalDataMask.Passes; pass++)
                foreach (var (table, column) in FreeText)
                    connection.Execute($"UPDATE {table} SET {column} = regexp_replace({column}, $pattern, '\\1{PersonalDataMask.Erased}\\3', 'gi') WHERE regexp_matches({column}, $pattern, 'i')",
                    ("pattern", pattern));
        foreach (var (source, id) in keys)
            foreach (var table in new[] { "customer_personal", "customer_personal_versions" })
                connection.Execute($"DELETE FROM {table} WHERE source = $source AND customer_id = $id", ("source", source), ("id", id));
        return keys.Select(k => $"{k.Source}/{k.Id}").ToList();
    }

    private Person? Find(string source, string customerId)
    {
        using var connection = warehouse.OpenConnection();
        return People(connection, "source = $source AND customer_id = $id", ("source", source), ("id", customerId)).SingleOrDefault();
    }

    private static List<Person> People(DuckDBConnection connection, string where, params (string, object?)[] parameters) =>
        People(connection, where, "customer_personal", parameters);

    private static List<Person> People(DuckDBConnection connection, string where, string table, params (string, object?)[] parameters) => connection.QueryList(
        $"SELECT source, customer_id, name, email, phone FROM {table} WHERE {where}",
        r => new Person(r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3), r.NullableString(4)), parameters);
}
