using Complaints.Ingest.Feeds;
using Complaints.Warehouse;
using Complaints.Warehouse.Accounts;

namespace Complaints.Dashboards.CommandLine;

/// <summary>
/// <c>token create --user NAME --role ROLE [--role ROLE…] [--label TEXT] [--warehouse PATH]</c> or
/// <c>token create --feed FEED …</c>: a token for scripts and monitoring, printed once. A user that does not exist yet is
/// made as a token-only account (no password) with those roles; the audit log names the command line and the OS user.
/// </summary>
public static class TokenCommand
{
    public const int Created = 0, Refused = 1, Usage = 2, WarehouseInUse = 3;

    public static readonly string UsageText = $"""
        Usage: token create (--user <name> --role <role> [--role <role>…] | --feed <feed>) [--label <text>] [--warehouse <path>]
          --user       the account the token acts as; made (without a password) if it does not exist
          --role       a role the token may act in: {string.Join(", ", Roles.All)}
          --feed       instead of a user: an upload token for one feed ({string.Join(", ", FeedLayouts.All.Select(f => f.Name))})
          --label      what the token is for, shown on the users page
          --warehouse  the DuckDB file; by default the one the platform uses (Warehouse:Path)
        The token is printed once; only its hash is stored. Exit codes: 0 created, 1 refused, 2 usage, 3 warehouse in use.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        string? user = null, feed = null, label = null, warehousePath = null;
        var roles = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--user" when i + 1 < args.Length: user = args[++i]; break;
                case "--role" when i + 1 < args.Length: roles.AddRange(Roles.Parse(args[++i]).Roles); break;
                case "--feed" when i + 1 < args.Length: feed = args[++i]; break;
                case "--label" when i + 1 < args.Length: label = args[++i]; break;
                case "--warehouse" when i + 1 < args.Length: warehousePath = CommandLine.UserPath(args[++i]); break;
                default: return Fail(output, $"Unknown or incomplete option {args[i]}.");
            }
        }
        if (args.Length == 0 || args[0] != "create")
            return Fail(output, "Name what to do: token create.");
        if ((user is null) == (feed is null))
            return Fail(output, "Give either --user or --feed.");
        if (user is not null && roles.Count == 0)
            return Fail(output, "Give at least one --role for a user's token.");
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
            return Fail(output, $"There is no role '{unknown}'; roles are {string.Join(", ", Roles.All)}.");
        if (feed is not null && FeedLayouts.Find(feed) is null)
            return Fail(output, $"There is no feed '{feed}'; feeds are {string.Join(", ", FeedLayouts.All.Select(f => f.Name))}.");

        using var host = CommandHost.Build(warehousePath, _ => { });
        var warehouse = host.Services.GetRequiredService<WarehouseDatabase>();
        try
        {
            await warehouse.InitializeAsync(TimeProvider.System);
        }
        catch (WarehouseLockedException e)
        {
            output.WriteLine($"The warehouse {e.WarehousePath} is in use by the running platform (DuckDB allows one writer process): " +
                             "create the token on its users page (/users) instead, or stop the platform first.");
            return WarehouseInUse;
        }

        var accounts = host.Services.GetRequiredService<AccountStore>();
        var actor = $"command line ({Environment.UserName})";
        try
        {
            if (user is not null && accounts.Find(user) is null)
            {
                await accounts.CreateUserAsync(user, user, null, roles, personalData: false, actor);
                output.WriteLine($"Created the token-only account '{user.Trim().ToLowerInvariant()}' with the roles {Roles.Join(roles)}.");
            }
            var (token, secret) = await accounts.CreateTokenAsync(user, feed, label ?? "command line", roles, actor);
            output.WriteLine($"Token {token.Id} for {(feed is null ? $"user {token.UserName} ({Roles.Join(token.Roles)})" : $"uploads to {feed}")} — shown only now:");
            output.WriteLine(secret);
            output.WriteLine(feed is null ? "Send it as: Authorization: Bearer <token>" : "Send it as: X-Api-Key: <token> (or Authorization: Bearer <token>)");
            if (CommandAnchor.AfterWrites(host) is { } anchored)
                output.WriteLine(anchored);
            return Created;
        }
        catch (AccountException e)
        {
            output.WriteLine(e.Message);
            return Refused;
        }
    }

    private static int Fail(TextWriter output, string problem)
    {
        output.WriteLine(problem);
        output.WriteLine(UsageText);
        return Usage;
    }
}
