using Complaints.Warehouse.Audit;
using Complaints.Warehouse.Mail;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Warehouse.Tests.Audit;

public sealed class AuditVerificationJobTests
{
    [Fact]
    public async Task The_nightly_verification_alerts_only_when_the_trail_is_broken_naming_what_broke()
    {
        using var trail = await AuditTrail.CreateAsync(4);
        var outbox = Path.Combine(trail.Warehouse.Directory, "outbox");
        var alerts = new AuditAlerts(new Mailer(Microsoft.Extensions.Options.Options.Create(new SmtpOptions()), outbox, TimeProvider.System), ["auditor@example.com"], "http://complaints.example", NullLogger<AuditAlerts>.Instance);
        var job = new AuditVerificationJob(trail.Checkpoints, alerts);

        await job.Execute(null!, CancellationToken.None);
        Assert.False(Directory.Exists(outbox) && Directory.EnumerateFiles(outbox).Any());

        trail.Sql("DELETE FROM audit_log WHERE seq = 2");
        await job.Execute(null!, CancellationToken.None);

        var message = File.ReadAllText(Directory.EnumerateFiles(outbox, "audit-alert-*.eml").Single());
        Assert.Contains("To: auditor@example.com", message);
        Assert.Contains("Subject: Complaints: the audit trail failed verification", message);
        Assert.Contains("entry 2 was removed", message);
        Assert.Contains("http://complaints.example/audit", message);
    }
}
