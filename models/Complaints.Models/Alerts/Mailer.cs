using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Complaints.Models.Alerts;

/// <summary>
/// The host's one way out for mail: through SMTP (MailKit) when <c>Smtp:Host</c> is set, else as an .eml file in the
/// outbox folder. Model alerts and scheduled reports both send through it.
/// </summary>
public sealed class Mailer(IOptions<SmtpOptions> smtp, string outbox, TimeProvider time)
{
    public SmtpOptions Settings => smtp.Value;

    public string Outbox => outbox;

    /// <summary>Sends <paramref name="message"/> (From filled in from <c>Smtp:From</c> when empty); returns where it went: the server, or the outbox file.</summary>
    public async Task<string> SendAsync(MimeMessage message, string fileNamePrefix, CancellationToken cancellationToken = default)
    {
        if (message.From.Count == 0)
            message.From.Add(MailboxAddress.Parse(smtp.Value.From));
        if (string.IsNullOrWhiteSpace(smtp.Value.Host))
        {
            Directory.CreateDirectory(outbox);
            var path = Path.Combine(outbox, $"{fileNamePrefix}-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path, cancellationToken);
            return path;
        }
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Value.Host, smtp.Value.Port, smtp.Value.StartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Value.User))
            await client.AuthenticateAsync(smtp.Value.User, smtp.Value.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return $"smtp://{smtp.Value.Host}:{smtp.Value.Port}";
    }
}
