using Complaints.Dashboards.CommandLine;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Accounts;

namespace Complaints.Dashboards.Tests.Access;

/// <summary><c>token create</c> on the command line: for monitoring and scripts, printed once, stored only as a hash.</summary>
public sealed class TokenCommandTests
{
    [Fact]
    public async Task The_command_makes_a_token_only_account_and_prints_a_token_that_the_store_knows()
    {
        using var scratch = await TempWarehouse.CreateAsync();
        var path = Path.Combine(scratch.Directory, "cli.duckdb");

        var (code, output) = await Run("token", "create", "--user", "Monitoring", "--role", "executive", "--label", "uptime check", "--warehouse", path);
        var (refused, refusal) = await Run("token", "create", "--user", "monitoring", "--role", "administrator", "--warehouse", path);
        var (usage, usageText) = await Run("token", "create", "--user", "monitoring", "--warehouse", path);

        var secret = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(AccountStore.TokenPrefix, StringComparison.Ordinal));
        using var database = TempWarehouse.Open(path, TimeProvider.System);
        var accounts = new AccountStore(database, TimeProvider.System);
        var token = accounts.FindToken(secret);
        Assert.Equal(TokenCommand.Created, code);
        Assert.Equal(("monitoring", "uptime check"), (token!.UserName, token.Label));
        Assert.Equal([Roles.Executive], token.Roles);
        Assert.False(accounts.Find("monitoring")!.HasPassword);
        using (var connection = database.OpenConnection())
            Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM api_tokens WHERE token_hash = $s", ("s", secret))); // never stored as given
        Assert.Equal(TokenCommand.Refused, refused);
        Assert.Contains("does not hold the role administrator", refusal);
        Assert.Equal(TokenCommand.Usage, usage);
        Assert.Contains("at least one --role", usageText);
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        using var output = new StringWriter();
        var code = await Complaints.Dashboards.CommandLine.CommandLine.RunAsync(args, output);
        return (code, output.ToString());
    }
}
