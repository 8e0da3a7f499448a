using System.Globalization;
using System.Text;
using Complaints.Models.Defects;
using Complaints.Warehouse.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Complaints.Models.Alerts;

/// <summary>A VIP complaint that crossed the high-risk line since the last refresh.</summary>
public sealed record RiskAlert(string Source, string ExternalId, string Sku, string Target, double Probability, DateTimeOffset? DueAt, string Reasons);

/// <summary>
/// Sends one digest per refresh that found something: every new recurring-defect signal and every VIP complaint
/// that turned high-risk, with links to the pages; never one message per complaint. Through SMTP (MailKit) when
/// <c>Smtp:Host</c> is set, else as an .eml file in the outbox folder.
/// </summary>
public sealed class ModelAlerts(Mailer mailer, IOptions<AlertOptions> alerts, TimeProvider time, ILogger<ModelAlerts> logger)
{
    /// <summary>Sends the digest; returns where it went (the server, or the outbox file), or null when there was nothing to say or nobody to tell.</summary>
    public async Task<string?> SendAsync(IReadOnlyList<StoredSignal> signals, IReadOnlyList<RiskAlert> risks, CancellationToken cancellationToken = default)
    {
        if (signals.Count == 0 && risks.Count == 0) return null;
        var recipients = alerts.Value.Recipients;
        if (recipients.Count == 0)
        {
            logger.LogInformation("{Signals} new signals and {Risks} high-risk VIP complaints, but Alerts:Recipients is empty: no message sent", signals.Count, risks.Count);
            return null;
        }
        return await mailer.SendAsync(Compose(signals, risks, recipients), "alert", cancellationToken);
    }

    private MimeMessage Compose(IReadOnlyList<StoredSignal> signals, IReadOnlyList<RiskAlert> risks, IReadOnlyList<string> recipients)
    {
        var baseUrl = alerts.Value.BaseUrl.TrimEnd('/');
        var text = new StringBuilder();
        if (signals.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"New recurring-defect signals ({signals.Count}): {baseUrl}/defects");
            foreach (var s in signals)
                text.AppendLine(CultureInfo.InvariantCulture, $"- {(s.Sku is null ? $"product line {s.Line}" : $"{s.Sku} {s.ProductName}")} · {s.Category}: {s.Observed} complaints {s.WindowFrom:yyyy-MM-dd}–{s.WindowTo:yyyy-MM-dd} against {s.Expected:0.#} expected ({s.Method})");
            text.AppendLine();
        }
        if (risks.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"VIP complaints now at high risk of missing their deadline ({risks.Count}): {baseUrl}/risk?segment=vip");
            foreach (var r in risks)
                text.AppendLine(CultureInfo.InvariantCulture, $"- {r.ExternalId} ({r.Sku}): {r.Probability:P0} risk of missing its {r.Target} deadline, due {r.DueAt:yyyy-MM-dd HH:mm} UTC — {r.Reasons} — {baseUrl}/complaints/{Uri.EscapeDataString(r.Source)}/{Uri.EscapeDataString(r.ExternalId)}");
        }
        var message = new MimeMessage();
        foreach (var recipient in recipients)
            message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = $"Complaints: {signals.Count} new defect signal(s), {risks.Count} VIP complaint(s) at high risk";
        message.Date = time.GetUtcNow();
        message.Body = new TextPart("plain") { Text = text.ToString() };
        return message;
    }
}

/// <summary>Who gets the model alerts, and the address the links in them start with.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    public List<string> Recipients { get; set; } = [];
    public string BaseUrl { get; set; } = "http://localhost:5238";
}
