using Complaints.Testing;
using Complaints.Warehouse.Audit;

namespace Complaints.Warehouse.Tests;

public sealed class AuditLogTests
{
    [Fact]
    public async Task An_intact_log_verifies_and_an_edited_entry_is_found()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        using var connection = warehouse.Database.OpenConnection();
        AuditLog.Append(connection, TimeProvider.System, "admin", "settings.changed", "Reporting:Currency", "\"EUR\"", "\"PLN\"");
        AuditLog.Append(connection, TimeProvider.System, "system", "demo.loaded", "demo data", null, "{\"complaints\":10}");
        AuditLog.Append(connection, TimeProvider.System, "admin", "policy.recalculated", "SLA", null, null);

        Assert.Null(AuditLog.Verify(connection));

        connection.Execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2");
        Assert.Equal(2, AuditLog.Verify(connection));
    }

    [Fact]
    public async Task A_removed_entry_breaks_the_chain()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        using var connection = warehouse.Database.OpenConnection();
        for (var i = 0; i < 3; i++)
            AuditLog.Append(connection, TimeProvider.System, "admin", "settings.changed", $"key {i}");

        connection.Execute("DELETE FROM audit_log WHERE seq = 2");

        Assert.Equal(2, AuditLog.Verify(connection)); // the removed entry itself is named
    }
}
