using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Complaints.Warehouse.Mail;

/// <summary>
/// Delivers a message through the configured SMTP server (MailKit), or, without <c>Smtp:Host</c>, writes it as an
/// .eml file to the outbox folder, so alerts need no mail infrastructure to be seen.
/// </summary>
public sealed class Mailer(SmtpOptions smtp, string outbox, TimeProvider time)
{
    public SmtpOptions Smtp => smtp;

    /// <summary>Sends or files the message; returns where it went (the server, or the outbox file).</summary>
    public async Task<string> DeliverAsync(MimeMessage message, string filePrefix, CancellationToken cancellationToken = default)
    {
        if (message.From.Count == 0)
            message.From.Add(MailboxAddress.Parse(smtp.From));
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            Directory.CreateDirectory(outbox);
            var path = Path.Combine(outbox, $"{filePrefix}-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path, cancellationToken);
            return path;
        }
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.StartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return $"smtp://{smtp.Host}:{smtp.Port}";
    }
}
