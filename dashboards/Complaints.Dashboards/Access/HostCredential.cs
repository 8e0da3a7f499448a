using System.Security.Cryptography;

namespace Complaints.Dashboards.Access;

/// <summary>
/// The host's own credential for asking its chart pages over loopback (the page warmer): made at start, held only in
/// memory, never stored or shown, and good only for what every role may read.
/// </summary>
public sealed class HostCredential
{
    public const string UserName = "page warmer";

    public string Secret { get; } = AccountStoreTokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private const string AccountStoreTokenPrefix = "cph_";

    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(Secret));
}
