using Complaints.Warehouse.Mail;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Complaints.Warehouse.Audit;

/// <summary>Tells the alert recipients that verification found the audit trail broken: what broke first, and where to look.</summary>
public sealed class AuditAlerts(Mailer mailer, IReadOnlyList<string> recipients, string baseUrl, ILogger<AuditAlerts> logger)
{
    /// <summary>Sends the alert for a broken trail; returns where it went, or null when the trail is intact or nobody is to be told.</summary>
    public async Task<string?> SendAsync(AuditVerification verification, CancellationToken cancellationToken = default)
    {
        if (verification.Intact) return null;
        if (recipients.Count == 0)
        {
            logger.LogCritical("{Summary} Nobody was told: Audit:AlertRecipients and Alerts:Recipients are empty.", verification.Summary);
            return null;
        }
        var message = new MimeMessage { Subject = "Complaints: the audit trail failed verification", Date = verification.VerifiedAt };
        foreach (var recipient in recipients)
            message.To.Add(MailboxAddress.Parse(recipient));
        message.Body = new TextPart("plain")
        {
            Text = $"""
                {verification.Summary}

                Verified at {verification.VerifiedAt:yyyy-MM-dd HH:mm:ss} UTC: {verification.Entries:N0} entries read up to the break, {verification.Checkpoints:N0} checkpoints.
                Last checkpoint: {(verification.LastCheckpoint is { } last ? $"entry {last.Seq}, hash {last.Hash}, signed at {last.At:yyyy-MM-dd HH:mm:ss} UTC" : "none")}.
                Checkpoints are not written until the trail verifies again. The Audit page: {baseUrl.TrimEnd('/')}/audit
                """,
        };
        return await mailer.SendAsync(message, "audit-alert", cancellationToken);
    }
}
