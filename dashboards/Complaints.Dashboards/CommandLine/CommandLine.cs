namespace Complaints.Dashboards.CommandLine;

/// <summary>
/// The host is the one executable: <c>ingest</c>, <c>demo</c>, <c>evaluate-models</c>, <c>export-parquet</c>, <c>audit</c> and <c>token</c> run
/// instead of the web host when named first.
/// Commands build a small host of their own, with the same configuration but nothing that runs by itself.
/// </summary>
public static class CommandLine
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "ingest" or "demo" or "evaluate-models" or "export-parquet" or "audit" or "token";

    public static Task<int> RunAsync(string[] args, TextWriter output) => args[0] switch
    {
        "ingest" => IngestCommand.RunAsync(args[1..], output),
        "evaluate-models" => EvaluateModelsCommand.RunAsync(args[1..], output),
        "export-parquet" => ExportParquetCommand.RunAsync(args[1..], output),
        "audit" => AuditCommand.RunAsync(args[1..], output),
        "token" => TokenCommand.RunAsync(args[1..], output),
        "demo" => Task.FromResult(Complaints.Demo.DemoGenerateCommand.Run(ResolveOut(args[1..]), output)),
        _ => Task.FromResult(2),
    };

    /// <summary>The demo command's --out folder, taken from where the user ran the command.</summary>
    private static string[] ResolveOut(string[] args) =>
        args.Select((a, i) => i > 0 && args[i - 1] == "--out" ? UserPath(a) : a).ToArray();

    /// <summary>
    /// A path as the user typed it, taken from the directory they ran the command in: <c>dotnet run --project</c>
    /// starts the program in the project's folder, but keeps the shell's PWD.
    /// </summary>
    public static string UserPath(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(path, Environment.GetEnvironmentVariable("PWD") ?? Directory.GetCurrentDirectory());
}
