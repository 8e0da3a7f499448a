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
}
