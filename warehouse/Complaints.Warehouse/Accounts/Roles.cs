namespace Complaints.Warehouse.Accounts;

/// <summary>The roles an account or token can hold, by the codes stored in <c>users.roles</c> and <c>api_tokens.roles</c>.</summary>
public static class Roles
{
    public const string QualityManager = "quality_manager";
    public const string Executive = "executive";
    public const string Auditor = "auditor";
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } = [QualityManager, Executive, Auditor, Administrator];

    /// <summary>The role codes in <paramref name="text"/> (comma-separated), or the first unknown one.</summary>
    public static (IReadOnlyList<string> Roles, string? Unknown) Parse(string? text)
    {
        var roles = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant().Replace('-', '_').Replace(' ', '_')).Distinct().ToList();
        return (roles, roles.FirstOrDefault(r => !All.Contains(r)));
    }

    public static string Join(IEnumerable<string> roles) => string.Join(',', roles.Where(All.Contains).Distinct().Order(StringComparer.Ordinal));
}
