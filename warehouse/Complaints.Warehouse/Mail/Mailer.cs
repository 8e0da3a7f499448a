using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Complaints.Warehouse.Mail;

/// <summary>
/// The platform's one way out for mail: through the configured SMTP server (MailKit) when <c>Smtp:Host</c> is set, else
/// as an .eml file in the outbox folder, so alerts and reports need no mail infrastructure to be seen. Model alerts,
/// audit alerts and scheduled reports all send through it.
/// </summary>
public sealed class Mailer(IOptions<SmtpOptions> smtp, string outbox, TimeProvider time)
{
    public SmtpOptions Settings => smtp.Value;

    public string Outbox => outbox;

    /// <summary>Sends <paramref name="message"/> (From filled in from <c>Smtp:From</c> when empty); returns where it went: the server, or the outbox file.</summary>
    public async Task<string> SendAsync(MimeMessage message, string fileNamePrefix, CancellationToken cancellationToken = default)
    {
        var settings = smtp.Value;
        if (message.From.Count == 0)
            message.From.Add(MailboxAddress.Parse(settings.From));
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            Directory.CreateDirectory(outbox);
            var path = Path.Combine(outbox, $"{fileNamePrefix}-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path, cancellationToken);
            return path;
        }
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host, settings.Port, settings.StartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(settings.User))
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return $"smtp://{settings.Host}:{settings.Port}";
    }
}
