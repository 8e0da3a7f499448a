using System.Security.Cryptography;
using Complaints.Demo;
using Complaints.Warehouse.Accounts;
using Microsoft.Extensions.Options;

namespace Complaints.Dashboards.Access;

/// <summary>
/// On a warehouse without accounts: an administrator, with the password from <c>Authentication:AdminPassword</c> or a
/// generated one printed once to the console; with demo data on, one account per role as the README lists them.
/// Runs after the warehouse's start-up (hosted services start in order), so the tables exist.
/// </summary>
public sealed class FirstStart(AccountStore accounts, IOptions<AccessOptions> access, IOptions<DemoOptions> demo, ILogger<FirstStart> logger) : IHostedService
{
    public const string AdminName = "admin";
    private const string Actor = "first start";

    /// <summary>Demo accounts (demo data only; never with Demo:Enabled off): user name, role, personal data, password.</summary>
    public static IReadOnlyList<(string Name, string Role, bool PersonalData, string Password)> DemoAccounts { get; } =
    [
        ("quality", Roles.QualityManager, true, "demo-quality-2026"),
        ("executive", Roles.Executive, false, "demo-executive-2026"),
        ("auditor", Roles.Auditor, true, "demo-auditor-2026"),
        ("administrator", Roles.Administrator, false, "demo-administrator-2026"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (accounts.Count() > 0)
            return;
        var given = access.Value.AdminPassword;
        var password = string.IsNullOrEmpty(given) ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_') : given;
        await accounts.CreateUserAsync(AdminName, "Administrator", password, [Roles.Administrator], personalData: false, Actor, cancellationToken);
        if (string.IsNullOrEmpty(given))
            Console.WriteLine($"First start: created the administrator account '{AdminName}' with the password {password} (shown only now; change it on the users page).");
        else
            logger.LogInformation("First start: created the administrator account '{Name}' with the configured password", AdminName);

        if (!demo.Value.Enabled)
            return;
        foreach (var (name, role, personal, demoPassword) in DemoAccounts)
            await accounts.CreateUserAsync(name, name, demoPassword, [role], personal, Actor, cancellationToken);
        logger.LogInformation("Demo data is on: created the demo accounts {Names}", string.Join(", ", DemoAccounts.Select(a => a.Name)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
