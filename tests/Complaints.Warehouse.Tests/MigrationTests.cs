using Complaints.Testing;
using Complaints.Warehouse;

namespace Complaints.Warehouse.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task A_fresh_file_gets_every_table_of_the_canonical_schema()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        using var connection = warehouse.Database.OpenConnection();
        var tables = connection.QueryList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'", r => r.GetString(0));

        Assert.Superset(new HashSet<string>
        {
            "schema_migrations", "ingest_runs", "products", "customers", "customer_personal", "complaints",
            "complaint_versions", "status_events", "costs", "surveys", "audit_log",
        }, tables.ToHashSet());
        Assert.Equal(Migrations.All, connection.QueryList("SELECT name FROM schema_migrations ORDER BY name", r => r.GetString(0)));
    }

    [Fact]
    public async Task Starting_again_applies_nothing_twice()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var again = await warehouse.Database.WriteAsync(c => Task.FromResult(Migrations.Apply(c, TimeProvider.System)));

        Assert.Empty(again);
        Assert.Equal(Migrations.All.Count, warehouse.Count("schema_migrations"));
    }

    [Fact]
    public async Task Migrations_are_numbered_and_applied_in_order()
    {
        using var warehouse = await TempWarehouse.CreateAsync();

        Assert.NotEmpty(Migrations.All);
        Assert.All(Migrations.All, name => Assert.Matches(@"^\d{4}_[a-z0-9_]+$", name));
        Assert.Equal(Migrations.All.Order(StringComparer.Ordinal), Migrations.All);
    }

    [Fact]
    public void Rebuilding_the_complaint_tables_without_key_indexes_keeps_their_rows_and_keys()
    {
        const string rebuild = "0009_complaints_without_key_indexes";
        var directory = Directory.CreateTempSubdirectory("complaints-test-");
        try
        {
            using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Path.Combine(directory.FullName, "before.duckdb")}");
            connection.Open();
            // A warehouse as the migrations before the rebuild left it, with data.
            connection.Execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)");
            foreach (var name in Migrations.All.TakeWhile(n => string.CompareOrdinal(n, rebuild) < 0))
            {
                connection.Execute(Sql.Load(typeof(Migrations).Assembly, $"Schema.{name}.sql"));
                connection.Execute("INSERT INTO schema_migrations VALUES ($name, now())", ("name", name));
            }
            connection.Execute("""
                INSERT INTO complaints (source, external_id, updated_at, received_at, status, product_sku, customer_id, run_id)
                VALUES ('crm', 'A', now(), now(), 'new', 'P1', 'K1', 1), ('crm', 'B', now(), now(), 'new', 'P1', 'K1', 1);
                INSERT INTO customers VALUES ('crm', 'K1', 'vip', 'PL', 'pl', now(), 1);
                INSERT INTO customer_personal VALUES ('crm', 'K1', 'Anna', 'anna@example.com', NULL, now(), 1);
                """);
            var keys = connection.QueryList("SELECT external_id || ':' || complaint_key FROM complaints ORDER BY external_id", r => r.GetString(0));

            Assert.Contains(rebuild, Migrations.Apply(connection, TimeProvider.System));

            Assert.Equal(keys, connection.QueryList("SELECT external_id || ':' || complaint_key FROM complaints ORDER BY external_id", r => r.GetString(0)));
            Assert.Equal(("vip", "Anna"), connection.QueryList("SELECT segment, name FROM customers JOIN customer_personal USING (source, customer_id)",
                r => (r.GetString(0), r.GetString(1))).Single());
            connection.Execute("INSERT INTO complaints (source, external_id, updated_at, received_at, status, product_sku, run_id) VALUES ('crm', 'C', now(), now(), 'new', 'P1', 2)");
            Assert.Equal(3, connection.Scalar<long>("SELECT count(DISTINCT complaint_key) FROM complaints")); // the key sequence goes on
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
