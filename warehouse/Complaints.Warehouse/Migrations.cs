using System.Reflection;
using DuckDB.NET.Data;

namespace Complaints.Warehouse;

/// <summary>Numbered SQL files under Schema/ (embedded), applied in order once each and recorded in schema_migrations.</summary>
public static class Migrations
{
    public static IReadOnlyList<string> All { get; } = LoadNames();

    public static IReadOnlyList<string> Apply(DuckDBConnection connection, TimeProvider time)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)");
        var done = connection.QueryList("SELECT name FROM schema_migrations", r => r.GetString(0)).ToHashSet();
        var applied = new List<string>();
        foreach (var name in All.Where(n => !done.Contains(n)))
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(Sql.Load(typeof(Migrations).Assembly, $"Schema.{name}.sql"));
            connection.Execute("INSERT INTO schema_migrations VALUES ($name, $at)", ("name", name), ("at", time.GetUtcNow()));
            transaction.Commit();
            applied.Add(name);
        }
        return applied;
    }

    private static IReadOnlyList<string> LoadNames()
    {
        const string marker = ".Schema.";
        return typeof(Migrations).Assembly.GetManifestResourceNames()
            .Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..^".sql".Length])
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
