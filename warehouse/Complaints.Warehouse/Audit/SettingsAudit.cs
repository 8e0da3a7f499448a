using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.Extensions.Configuration;

namespace Complaints.Warehouse.Audit;

/// <summary>
/// Settings, mapping profiles, schedules and SLA policies change by configuration and a restart, not through a page:
/// at every start the settings in force are compared with those of the last start, and what changed is written to the
/// audit log with its old and new values. Secrets (keys, passwords) are recorded only as set or not, and people's
/// addresses (alert recipients, the SMTP account) not at all.
/// </summary>
public static class SettingsAudit
{
    public const string Action = "settings.changed";

    private static readonly string[] Sections = ["Warehouse", "Reporting", "Sla", "Ingest", "Models", "Audit", "Demo", "Dashboards"];

    private static bool IsSecret(string key) =>
        key.Contains("Key", StringComparison.OrdinalIgnoreCase) || key.Contains("Password", StringComparison.OrdinalIgnoreCase);

    /// <summary>The settings that matter to figures and records, flattened (<c>Sla:Policies:0:Name</c>), sorted.</summary>
    public static SortedDictionary<string, string> Snapshot(IConfiguration configuration)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in Sections)
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
                if (value is not null)
                    settings[key] = IsSecret(key) ? (value.Length > 0 ? "(set)" : "") : value;
        return settings;
    }

    /// <summary>Writes the changes since the last start (all settings at the first); returns whether anything was written.</summary>
    public static bool Record(DuckDBConnection connection, TimeProvider time, IConfiguration configuration)
    {
        var now = Snapshot(configuration);
        var stored = connection.Scalar<string>("SELECT settings FROM settings_snapshot WHERE id = 1");
        var before = stored is null ? new SortedDictionary<string, string>(StringComparer.Ordinal)
            : JsonSerializer.Deserialize<SortedDictionary<string, string>>(stored) ?? [];
        var changed = before.Keys.Union(now.Keys).Where(k => before.GetValueOrDefault(k) != now.GetValueOrDefault(k)).ToList();
        if (changed.Count == 0) return false;
        using var transaction = connection.BeginTransaction();
        AuditLog.Append(connection, time, "system (start-up configuration)", Action, "configuration",
            stored is null ? null : JsonSerializer.Serialize(changed.Where(before.ContainsKey).ToDictionary(k => k, k => before[k])),
            JsonSerializer.Serialize(changed.Where(now.ContainsKey).ToDictionary(k => k, k => now[k])));
        connection.Execute("INSERT OR REPLACE INTO settings_snapshot VALUES (1, $settings, $at)", ("settings", JsonSerializer.Serialize(now)), ("at", time.GetUtcNow()));
        transaction.Commit();
        return true;
    }
}
