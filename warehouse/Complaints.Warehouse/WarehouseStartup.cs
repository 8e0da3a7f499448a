namespace Complaints.Warehouse;

/// <summary>
/// Applies migrations, brings the cost rollup in line with the configured rates, builds the Overview rollup if it is not (in this zone), measures what a load left
/// unmeasured when the process stopped and brings the SLA rollup up to those measures, writes changed settings to the audit log, then verifies the audit trail against its checkpoints and anchors its head,
/// before the host serves anything.
/// </summary>
public sealed class WarehouseStartup(WarehouseDatabase warehouse, TimeProvider time, Costs.CostRollup costs, Rollups.ComplaintRollup rollup, Sla.SlaMeasures sla, Rollups.SlaRollup slaRollup, Audit.AuditCheckpoints audit,
    Microsoft.Extensions.Configuration.IConfiguration configuration) : Microsoft.Extensions.Hosting.IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await warehouse.InitializeAsync(time, cancellationToken);
        await costs.EnsureCurrentAsync(warehouse, cancellationToken);
        await rollup.EnsureCurrentAsync(warehouse, cancellationToken);
        await sla.RefreshPendingAsync(warehouse, cancellationToken);
        await slaRollup.EnsureCurrentAsync(warehouse, cancellationToken);
        await warehouse.WriteAsync(c => Task.FromResult(Audit.SettingsAudit.Record(c, time, configuration)), cancellationToken);
        audit.Checkpoint("start", always: false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
