using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using DuckDB.NET.Data;

namespace Complaints.Dashboards.CommandLine;

/// <summary>
/// <c>audit verify [--warehouse &lt;path&gt;] [--checkpoints &lt;path&gt;] [--key-file &lt;path&gt;]</c>: verifies a warehouse's audit trail
/// against its checkpoint file, for a warehouse the platform is not running on. Opens the file read-only: nothing is
/// migrated or written, so a copy handed over by someone else can be checked as it is.
/// </summary>
public static class AuditCommand
{
    public const int Intact = 0, Broken = 1, Usage = 2, WarehouseInUse = 3;

    public const string UsageText = """
        Usage: audit verify [--warehouse <path>] [--checkpoints <path>] [--key-file <path>]
          --warehouse    the DuckDB file; by default the one the platform uses (Warehouse:Path)
          --checkpoints  the checkpoint file; by default Audit:CheckpointPath, or beside the warehouse (<warehouse>.audit-checkpoints)
          --key-file     a file holding the checkpoint key; by default Audit:CheckpointKey (e.g. the environment variable Audit__CheckpointKey)
        Exit codes: 0 intact, 1 broken (what broke is named), 2 usage, 3 warehouse in use by the running platform (use its Audit page).
        """;

    public static Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (!TryParse(args, out var warehouse, out var checkpoints, out var keyFile, out var problem))
        {
            output.WriteLine(problem);
            output.WriteLine(UsageText);
            return Task.FromResult(Usage);
        }
        using var host = CommandHost.Build(warehouse, _ => { });
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var environment = host.Services.GetRequiredService<IHostEnvironment>();
        var warehousePath = Path.GetFullPath(Path.Combine(environment.ContentRootPath, configuration[$"{WarehouseOptions.Section}:Path"] ?? new WarehouseOptions().Path));
        // Read as set, not validated: a missing key is reported below as what it means for this verification.
        var audit = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
        var file = new AuditCheckpointFile(checkpoints ?? audit.ResolveCheckpointPath(environment.ContentRootPath, warehousePath));
        var key = keyFile is null ? audit.KeyBytes : System.Text.Encoding.UTF8.GetBytes(File.ReadAllText(keyFile).Trim());

        if (!File.Exists(warehousePath))
        {
            output.WriteLine($"There is no warehouse file {warehousePath}. Name it with --warehouse.");
            return Task.FromResult(Usage);
        }
        var lines = file.Read();
        output.WriteLine($"Verifying the audit trail of {warehousePath} against {file.Path} ({(lines.Count == 0 ? "no checkpoints: the file is missing or empty" : $"{lines.Count:N0} lines")})…");
        AuditVerification verification;
        try
        {
            using var connection = new DuckDBConnection($"Data Source={warehousePath};ACCESS_MODE=READ_ONLY");
            connection.Open();
            verification = AuditVerifier.Verify(connection, lines, key, TimeProvider.System);
        }
        catch (DuckDBException e) when (e.Message.Contains("Could not set lock", StringComparison.Ordinal))
        {
            output.WriteLine($"The warehouse {warehousePath} is in use by the running platform: see its Audit page (/audit), or verify a copy of the file.");
            return Task.FromResult(WarehouseInUse);
        }
        output.WriteLine(verification.Summary);
        output.WriteLine($"Head: entry {verification.HeadSeq}, hash {verification.HeadHash}, Merkle root {verification.MerkleRoot} ({verification.Took.TotalSeconds:N1} s).");
        if (!verification.Intact) return Task.FromResult(Broken);
        if (key is null && lines.Any(l => l.Checkpoint?.Signature is not null))
        {
            output.WriteLine("The checkpoints are signed, but no key was given: their signatures were not checked, so a rewritten chain with forged checkpoints would pass. " +
                "Give the key (Audit__CheckpointKey or --key-file) to prove the trail.");
            return Task.FromResult(Broken);
        }
        return Task.FromResult(Intact);
    }

    private static bool TryParse(string[] args, out string? warehouse, out string? checkpoints, out string? keyFile, out string? problem)
    {
        (warehouse, checkpoints, keyFile, problem) = (null, null, null, null);
        if (args.Length == 0 || args[0] != "verify")
        {
            problem = args.Length == 0 ? "Name what to do: audit verify." : $"There is no audit command '{args[0]}'; there is: verify.";
            return false;
        }
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--warehouse" when i + 1 < args.Length: warehouse = CommandLine.UserPath(args[++i]); break;
                case "--checkpoints" when i + 1 < args.Length: checkpoints = CommandLine.UserPath(args[++i]); break;
                case "--key-file" when i + 1 < args.Length: keyFile = CommandLine.UserPath(args[++i]); break;
                default: problem = $"Unknown or incomplete option {args[i]}."; return false;
            }
        }
        if (keyFile is not null && !File.Exists(keyFile)) problem = $"There is no key file {keyFile}.";
        return problem is null;
    }
}
