using Complaints.Warehouse.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Complaints.Dashboards.Access;

/// <summary>
/// The access matrix as named policies (the README's table says the same). Every page and endpoint names one of them;
/// one that names none is refused by the fallback policy. A new endpoint group gets its policy in one line:
/// <c>app.MapGroup("/api/x").RequireAuthorization(Policies.Dashboards)</c>; a page with
/// <c>@attribute [Authorize(Policy = Policies.Dashboards)]</c>.
/// </summary>
public static class Policies
{
    /// <summary>Chart pages and their APIs: every role.</summary>
    public const string Dashboards = "dashboards";
    /// <summary>Complaint list and detail, drill-downs, recurring defects, complaints at risk: quality managers and auditors.</summary>
    public const string Complaints = "complaints";
    /// <summary>Changing a recurring-defect signal's status: quality managers.</summary>
    public const string SignalsWorkflow = "signals-workflow";
    /// <summary>Ingest runs, set-aside rows, conflicts: administrators and auditors.</summary>
    public const string IngestRuns = "ingest-runs";
    /// <summary>Roll-backs, SLA recalculation, model training, users and tokens: administrators.</summary>
    public const string Administration = "administration";
    /// <summary>Report subscriptions (create, edit, pause, send now) and their delivery log: executives, quality managers, administrators.</summary>
    public const string Subscriptions = "subscriptions";
    /// <summary>The audit log and who saw whose personal data: auditors.</summary>
    public const string AuditTrail = "audit-trail";
    /// <summary>Uploading a feed's file: that feed's token (checked by the endpoint against the feed), or an administrator.</summary>
    public const string Upload = "upload";
    /// <summary>Seeing names, e-mails, phones and addresses unmasked: the separate personal-data permission.</summary>
    public const string PersonalData = "personal-data";

    public const string PersonalDataClaim = "complaints:personal_data";
    public const string FeedClaim = "complaints:feed";

    /// <summary>Which roles each role-based policy admits: the matrix in one place.</summary>
    public static IReadOnlyDictionary<string, string[]> Matrix { get; } = new Dictionary<string, string[]>
    {
        [Dashboards] = [Roles.QualityManager, Roles.Executive, Roles.Auditor, Roles.Administrator],
        [Complaints] = [Roles.QualityManager, Roles.Auditor],
        [SignalsWorkflow] = [Roles.QualityManager],
        [IngestRuns] = [Roles.Administrator, Roles.Auditor],
        [Administration] = [Roles.Administrator],
        [Subscriptions] = [Roles.QualityManager, Roles.Executive, Roles.Administrator],
        [AuditTrail] = [Roles.Auditor],
    };

    public static void Configure(AuthorizationOptions options)
    {
        foreach (var (name, roles) in Matrix)
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        options.AddPolicy(Upload, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.HasClaim(x => x.Type == FeedClaim) || c.User.IsInRole(Roles.Administrator)));
        options.AddPolicy(PersonalData, p => p.RequireAuthenticatedUser().RequireClaim(PersonalDataClaim, "true"));
        // A route that names no policy is closed: signed out, it asks for sign-in; signed in, it is refused.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(_ => false).Build();
    }
}
