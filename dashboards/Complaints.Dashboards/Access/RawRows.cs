using System.Security.Claims;
using Complaints.Warehouse.Ingest;

namespace Complaints.Dashboards.Access;

/// <summary>
/// Rows as delivered (set aside, or in conflict) may carry a person's name, e-mail or phone that no table of ours
/// knows to mask: without the personal-data permission their raw text and personal fields are withheld.
/// </summary>
public static class RawRows
{
    public const string Withheld = "(withheld: may hold personal data)";
    // The free-text fields too: a description or comment in conflict may name a person.
    private static readonly HashSet<string> PersonalFields = ["customer_name", "customer_email", "customer_phone", "description", "comment"];

    public static string? RawText(ClaimsPrincipal user, string? rawText) => AccountPrincipal.MaySeePersonalData(user) || rawText is null ? rawText : Withheld;

    public static RecordConflict Conflict(ClaimsPrincipal user, RecordConflict conflict) =>
        AccountPrincipal.MaySeePersonalData(user) || !PersonalFields.Contains(conflict.Field) ? conflict
            : conflict with { StoredValue = Withheld, DeliveredValue = Withheld };
}
