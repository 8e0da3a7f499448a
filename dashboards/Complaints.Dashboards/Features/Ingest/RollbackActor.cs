namespace Complaints.Dashboards.Features.Ingest;

/// <summary>
/// Who the audit log names for a roll-back. Until sign-in arrives the administrator key is the only identity there is,
/// so the entry says the key was used, through which door, and from which address.
/// </summary>
public static class RollbackActor
{
    public static string Api(HttpContext context) => $"administrator key via API from {Address(context)}";

    public static string Page(HttpContext context) => $"administrator key via run page from {Address(context)}";

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "an unknown address";
}
