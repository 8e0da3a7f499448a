namespace Complaints.Warehouse.Mail;

/// <summary>The SMTP server messages go through; without a host they are written to the outbox folder instead.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool StartTls { get; set; } = true;
    /// <summary>Set outside the repository (Smtp__User, Smtp__Password).</summary>
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "complaints@localhost";
}
