using System.Text.Json;
using Complaints.Testing;
using Complaints.Warehouse.Audit;
using Microsoft.Extensions.Configuration;

namespace Complaints.Warehouse.Tests.Audit;

public sealed class SettingsAuditTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public async Task A_start_with_changed_settings_writes_the_old_and_new_values_and_secrets_only_as_set()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        using var connection = warehouse.Database.OpenConnection();
        var first = Settings(("Reporting:Currency", "PLN"), ("Sla:Policies:0:ResolutionTarget", "10.00:00:00"), ("Audit:CheckpointKey", "very secret key of 32 characters!"),
            ("Ingest:ApiKeys:complaints", "upload key"), ("Smtp:Password", "p"), ("Alerts:Recipients:0", "jan.kowalski@example.com"));

        Assert.True(SettingsAudit.Record(connection, TimeProvider.System, first));
        Assert.False(SettingsAudit.Record(connection, TimeProvider.System, first)); // the same settings again: nothing to say

        var second = Settings(("Reporting:Currency", "EUR"), ("Sla:Policies:0:ResolutionTarget", "10.00:00:00"), ("Ingest:ApiKeys:complaints", "another key"));
        Assert.True(SettingsAudit.Record(connection, TimeProvider.System, second));

        var entries = AuditLog.Read(connection).Where(e => e.Action == SettingsAudit.Action).ToList();
        Assert.Equal(2, entries.Count);
        var recorded = JsonSerializer.Deserialize<Dictionary<string, string>>(entries[0].AfterJson!)!;
        Assert.Equal("(set)", recorded["Audit:CheckpointKey"]);
        Assert.Equal("(set)", recorded["Ingest:ApiKeys:complaints"]);
        Assert.DoesNotContain("secret", entries[0].AfterJson);
        Assert.DoesNotContain("kowalski", entries[0].AfterJson); // people's addresses are not settings of the figures
        Assert.Equal("""{"Audit:CheckpointKey":"(set)","Reporting:Currency":"PLN"}""", entries[1].BeforeJson);
        Assert.Equal("""{"Reporting:Currency":"EUR"}""", entries[1].AfterJson);
        Assert.Null(AuditLog.Verify(connection));
    }
}
