using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using Complaints.Warehouse.Mail;
using Complaints.Reports.Resources;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Complaints.Reports.Subscriptions;

/// <summary>
/// Sends one subscription's report: resolves its period on the local day of the occurrence, builds the workbook in its
/// language, mails it (retrying a transient failure with doubling waits) and records the delivery, failed or not.
/// </summary>
public sealed class SubscriptionRunner(
    SubscriptionStore store, ReportWorkbooks workbooks, Mailer mailer, IOptions<ReportsOptions> options, IOptions<ReportingOptions> reporting,
    TimeProvider time, ILogger<SubscriptionRunner> logger)
{
    public async Task<Delivery> RunAsync(Subscription subscription, DateTimeOffset dueAt, bool onDemand, CancellationToken cancellationToken = default)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(reporting.Value.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(dueAt, zone).DateTime);
        var filter = SubscriptionDraft.ParseFilter(subscription.Filter, out _);
        if (RelativePeriod.Resolve(subscription.Period, today) is var (from, to))
            filter = filter with { From = from, To = to };
        var culture = CultureInfo.GetCultureInfo(subscription.Culture);
        var report = ReportDefinition.Find(subscription.Report) ?? throw new InvalidOperationException($"Subscription {subscription.Id} names no known report ({subscription.Report}).");

        var (fileName, content, figures) = await workbooks.BuildAsync(report, filter, culture, cancellationToken);
        var digest = Convert.ToHexStringLower(SHA256.HashData(content));
        var recipients = string.Join(",", subscription.Recipients);
        var (attempts, destination, error) = await SendWithRetriesAsync(Message(subscription, figures, culture, fileName, content), cancellationToken);
        var delivery = new Delivery(0, subscription.Id, dueAt, onDemand, time.GetUtcNow(), recipients, fileName, content.Length, digest, attempts,
            error is null, destination, error);
        var id = await store.RecordAsync(delivery, cancellationToken);
        if (error is null)
            logger.LogInformation("Subscription {Id} ({Name}) delivered {File} ({Bytes} bytes) to {Recipients} via {Destination}", subscription.Id, subscription.Name, fileName, content.Length, recipients, destination);
        else
            logger.LogWarning("Subscription {Id} ({Name}) failed after {Attempts} attempts: {Error}", subscription.Id, subscription.Name, attempts, error);
        return delivery with { Id = id };
    }

    private MimeMessage Message(Subscription subscription, WorkbookFigures figures, CultureInfo culture, string fileName, byte[] content)
    {
        var reportName = ReportText.Get(culture, $"Report.{figures.Report.Name}");
        var period = figures.Filter is { From: { } from, To: { } to }
            ? $"{from.ToString("d", culture)} – {to.ToString("d", culture)}" : ReportText.Get(culture, "Cover.AllTime");
        var message = new MimeMessage { Subject = ReportText.Get(culture, "Mail.Subject", reportName, period), Date = time.GetUtcNow() };
        foreach (var recipient in subscription.Recipients)
            message.To.Add(MailboxAddress.Parse(recipient));
        var body = new BodyBuilder
        {
            TextBody = ReportText.Get(culture, "Mail.Body", reportName.ToLower(culture), period, subscription.Name, figures.FilterInWords,
                TimeZoneInfo.ConvertTime(figures.GeneratedAt, TimeZoneInfo.FindSystemTimeZoneById(figures.TimeZone)).ToString("g", culture)),
        };
        body.Attachments.Add(fileName, content, new ContentType("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        message.Body = body.ToMessageBody();
        return message;
    }

    private async Task<(int Attempts, string? Destination, string? Error)> SendWithRetriesAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var wait = settings.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (attempt, await mailer.SendAsync(message, "report", cancellationToken), null);
            }
            catch (Exception e) when (IsTransient(e) && attempt < settings.Attempts)
            {
                logger.LogInformation("Report mail attempt {Attempt} failed ({Error}); next in {Wait}", attempt, e.Message, wait);
                await Task.Delay(wait, time, cancellationToken);
                wait *= 2;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (attempt, mailer.Settings.Host is { Length: > 0 } host ? $"smtp://{host}:{mailer.Settings.Port}" : mailer.Outbox, $"{e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>A failure that may pass: the server unreachable or busy, or a 4xx reply. A 5xx reply (bad address, refused) is final.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        SmtpCommandException command => (int)command.StatusCode < 500,
        SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };
}
