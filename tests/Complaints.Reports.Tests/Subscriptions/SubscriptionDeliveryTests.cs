using System.Security.Cryptography;
using ClosedXML.Excel;
using Complaints.Warehouse.Mail;
using Complaints.Models.Tests;
using Complaints.Reports.Subscriptions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SmtpServer.Protocol;

namespace Complaints.Reports.Tests.Subscriptions;

/// <summary>Subscriptions run by the dispatcher on a fake clock into the outbox, and sent to a real SMTP server on loopback.</summary>
public sealed class SubscriptionDeliveryTests
{
    // Monday 4 March 2024, 05:00 UTC = 06:00 in Warsaw: an hour before the Monday 07:00 report.
    private static readonly DateTimeOffset MondayMorning = new(2024, 3, 4, 5, 0, 0, TimeSpan.Zero);

    private static SubscriptionDraft Weekly(string recipients = "board@example.com") =>
        new("Board, weekly", "executive", "0 0 7 ? * MON", recipients, "line=Home appliances", "last-full-week", "en-GB");

    private static XLWorkbook Attachment(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single();
        var bytes = new MemoryStream();
        part.Content!.DecodeTo(bytes);
        bytes.Position = 0;
        return new XLWorkbook(bytes);
    }

    [Fact]
    public async Task A_due_subscription_lands_in_the_outbox_once_with_the_last_full_week()
    {
        var clock = new FakeTimeProvider(MondayMorning);
        using var reports = await ReportsWarehouse.CreateAsync(clock);
        var (_, dispatcher) = reports.Delivery();
        var id = (await reports.Store.SaveAsync(null, Weekly(), SubscriptionViewer.Scheduler))!.Value;

        Assert.Empty(await dispatcher.RunDueAsync());       // 06:00: not yet
        clock.Advance(TimeSpan.FromMinutes(61));
        var sent = Assert.Single(await dispatcher.RunDueAsync());
        Assert.Empty(await dispatcher.RunDueAsync());       // the same occurrence is not sent twice

        Assert.True(sent.Succeeded);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 6, 0, 0, TimeSpan.Zero), sent.DueAt);
        var file = Assert.Single(Directory.GetFiles(reports.Outbox, "*.eml"));
        Assert.Equal(file, sent.Destination);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("board@example.com", message.To.Mailboxes.Single().Address);
        using var workbook = Attachment(message);
        var cover = workbook.Worksheet("Cover");
        // Monday to Sunday just ended, resolved on the run's own day.
        Assert.Equal((new DateTime(2024, 2, 26), new DateTime(2024, 3, 3)), (cover.Cell(3, 2).GetDateTime(), cover.Cell(3, 3).GetDateTime()));
        Assert.Contains("line=Home%20appliances", cover.Cell(4, 2).GetString().Replace(" ", "%20"));
        var stored = Assert.Single(reports.Store.Deliveries(SubscriptionViewer.Scheduler, id));
        Assert.Equal((sent.Sha256, sent.Bytes, 1), (stored.Sha256, stored.Bytes, stored.Attempts));
        Assert.Equal("board@example.com", stored.Recipients);
    }

    [Fact]
    public async Task Occurrences_missed_while_down_are_sent_once_at_the_next_run_not_skipped_nor_piled_up()
    {
        var clock = new FakeTimeProvider(MondayMorning);
        using var reports = await ReportsWarehouse.CreateAsync(clock);
        var (_, dispatcher) = reports.Delivery();
        var id = (await reports.Store.SaveAsync(null, Weekly(), SubscriptionViewer.Scheduler))!.Value;

        clock.Advance(TimeSpan.FromDays(15));   // down over three Monday mornings
        var sent = Assert.Single(await dispatcher.RunDueAsync());

        Assert.Equal(new DateTimeOffset(2024, 3, 18, 6, 0, 0, TimeSpan.Zero), sent.DueAt);
        Assert.Single(reports.Store.Deliveries(SubscriptionViewer.Scheduler, id));
        Assert.Empty(await dispatcher.RunDueAsync());
    }

    [Fact]
    public async Task A_paused_subscription_is_not_sent()
    {
        var clock = new FakeTimeProvider(MondayMorning);
        using var reports = await ReportsWarehouse.CreateAsync(clock);
        var (_, dispatcher) = reports.Delivery();
        var id = (await reports.Store.SaveAsync(null, Weekly(), SubscriptionViewer.Scheduler))!.Value;
        await reports.Store.SetPausedAsync(id, true, SubscriptionViewer.Scheduler);

        clock.Advance(TimeSpan.FromHours(2));

        Assert.Empty(await dispatcher.RunDueAsync());
        Assert.False(Directory.Exists(reports.Outbox));
    }

    [Fact]
    public async Task Sent_by_SMTP_the_workbook_reaches_the_server_attached_and_readable()
    {
        using var smtp = new LoopbackSmtp();
        using var reports = await ReportsWarehouse.CreateAsync();
        var (runner, _) = reports.Delivery(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, StartTls = false });
        var id = (await reports.Store.SaveAsync(null, Weekly("board@example.com, cfo@example.com") with { Culture = "pl-PL", Period = "all" }, SubscriptionViewer.Scheduler))!.Value;

        var delivery = await runner.RunAsync(reports.Store.Find(id, SubscriptionViewer.Scheduler)!, DateTimeOffset.UtcNow, onDemand: true);

        Assert.True(delivery.Succeeded, delivery.Error);
        Assert.Equal($"smtp://127.0.0.1:{smtp.Port}", delivery.Destination);
        var message = Assert.Single(smtp.Received);
        Assert.Equal(["board@example.com", "cfo@example.com"], message.To.Mailboxes.Select(m => m.Address));
        var part = message.Attachments.OfType<MimePart>().Single();
        var bytes = new MemoryStream();
        part.Content!.DecodeTo(bytes);
        Assert.Equal(delivery.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
        using var workbook = Attachment(message);
        Assert.Equal("Raport dla zarządu", workbook.Worksheet("Okładka").Cell(1, 1).GetString());
        Assert.True(Assert.Single(reports.Store.Deliveries(SubscriptionViewer.Scheduler, id)).OnDemand);
    }

    [Fact]
    public async Task A_server_that_keeps_failing_is_retried_then_the_delivery_is_recorded_as_failed()
    {
        using var smtp = new LoopbackSmtp(new SmtpResponse((SmtpReplyCode)451, "4.3.2 try again later"));
        using var reports = await ReportsWarehouse.CreateAsync();
        var (runner, _) = reports.Delivery(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, StartTls = false }, attempts: 3);
        var id = (await reports.Store.SaveAsync(null, Weekly(), SubscriptionViewer.Scheduler))!.Value;

        var delivery = await runner.RunAsync(reports.Store.Find(id, SubscriptionViewer.Scheduler)!, DateTimeOffset.UtcNow, onDemand: false);

        Assert.False(delivery.Succeeded);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(3, smtp.Attempts);
        Assert.Contains("try again later", delivery.Error);
        var stored = Assert.Single(reports.Store.Deliveries(SubscriptionViewer.Scheduler, id));
        Assert.Equal((false, 3), (stored.Succeeded, stored.Attempts));
    }

    [Theory]
    [InlineData("last-full-week", "2024-03-06", "2024-02-26", "2024-03-03")]
    [InlineData("last-full-month", "2024-03-06", "2024-02-01", "2024-02-29")]
    [InlineData("month-to-date", "2024-03-06", "2024-03-01", "2024-03-06")]
    [InlineData("last-full-quarter", "2024-05-15", "2024-01-01", "2024-03-31")]
    [InlineData("last-7-days", "2024-03-06", "2024-02-28", "2024-03-05")]
    public void Relative_periods_resolve_on_the_day_of_the_run(string period, string today, string from, string to)
    {
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), RelativePeriod.Resolve(period, DateOnly.Parse(today)));
    }

    [Fact]
    public void A_bad_draft_names_every_field_to_fix()
    {
        var problems = new SubscriptionDraft("", "board", "every monday", "not-an-address", "from=yesterday", "fortnight", "de-DE").Problems();

        Assert.Equal(["name", "report", "schedule", "recipients", "period", "culture", "filter"], problems.Select(p => p[..p.IndexOf(':')]));
    }
}
