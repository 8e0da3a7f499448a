using Complaints.Dashboards.CommandLine;
using Complaints.Ingest.Feeds;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;

namespace Complaints.Dashboards.Tests.Audit;

/// <summary>Runs alone: the commands read the checkpoint key from the environment, as they do in production, so no other test may see it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CommandEnvironment
{
    public const string Name = "command-line environment";
}

/// <summary>Command-line writes are anchored by a signed checkpoint when they end, not only at the platform's next start.</summary>
[Collection(CommandEnvironment.Name)]
public sealed class CommandLineAnchoringTests
{
    private const string Key = "the command line's checkpoint key, 32+ characters";

    [Fact]
    public async Task An_ingest_and_a_token_made_on_the_command_line_are_anchored_by_a_signed_checkpoint_at_their_head()
    {
        using var scratch = await TempWarehouse.CreateAsync();
        var path = Path.Combine(scratch.Directory, "cli.duckdb");
        var file = new AuditCheckpointFile(AuditOptions.DefaultCheckpointPath(path));
        var complaints = scratch.WriteFile("complaints.csv", OverviewFixture.Csv(FeedLayouts.Complaints));

        var (loaded, loadOutput) = await WithKey(() => Run("ingest", complaints, "--feed", "complaints", "--warehouse", path));
        Assert.Equal(IngestCommand.Loaded, loaded);
        var afterLoad = Head(path, file);
        Assert.Contains($"Audit trail anchored: entry {afterLoad.HeadSeq}, signed", loadOutput);
        Assert.True(afterLoad.Intact, afterLoad.Summary);
        Assert.Equal(afterLoad.HeadSeq, afterLoad.LastCheckpoint!.Seq); // nothing written is left unanchored
        Assert.True(afterLoad.LastCheckpoint.IsSignedWith(System.Text.Encoding.UTF8.GetBytes(Key)));
        Assert.Equal(CommandAnchor.Reason, afterLoad.LastCheckpoint.Reason);

        var (created, tokenOutput) = await WithKey(() => Run("token", "create", "--user", "monitoring", "--role", "executive", "--warehouse", path));
        Assert.Equal(TokenCommand.Created, created);
        var afterToken = Head(path, file);
        Assert.True(afterToken.HeadSeq > afterLoad.HeadSeq);
        Assert.Equal(afterToken.HeadSeq, afterToken.LastCheckpoint!.Seq);
        Assert.Contains($"Audit trail anchored: entry {afterToken.HeadSeq}, signed", tokenOutput);

        // Without the key a command writes no anchor (an unsigned one would vouch for nothing); the host's start does.
        var lines = file.Read().Count;
        var (again, againOutput) = await Run("token", "create", "--user", "monitoring", "--role", "executive", "--warehouse", path);
        Assert.Equal(TokenCommand.Created, again);
        Assert.DoesNotContain("anchored", againOutput);
        Assert.Equal(lines, file.Read().Count);
    }

    private static AuditVerification Head(string path, AuditCheckpointFile file)
    {
        using var database = TempWarehouse.Open(path, TimeProvider.System);
        using var connection = database.OpenConnection();
        return AuditVerifier.Verify(connection, file.Read(), System.Text.Encoding.UTF8.GetBytes(Key), TimeProvider.System);
    }

    private static async Task<T> WithKey<T>(Func<Task<T>> run)
    {
        Environment.SetEnvironmentVariable("Audit__CheckpointKey", Key);
        try
        {
            return await run();
        }
        finally
        {
            Environment.SetEnvironmentVariable("Audit__CheckpointKey", null);
        }
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        using var output = new StringWriter();
        var code = await CommandLine.CommandLine.RunAsync(args, output);
        return (code, output.ToString());
    }
}
