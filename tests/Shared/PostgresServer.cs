using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Complaints.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster (Debian's postgresql package) in a temp folder, listening on loopback only, for the
/// tests and the benchmark. PostgreSQL refuses to run as root, so as root the cluster is made and run as the
/// <c>postgres</c> user. Disposing stops the server (by its own pid file, through pg_ctl) and deletes the folder.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    public string Folder { get; }
    public int Port { get; }

    /// <summary>Trust authentication on loopback: the cluster lives only as long as the test or benchmark.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=30";

    private PostgresServer(string bin, string folder, int port, bool asPostgresUser)
    {
        _bin = bin;
        Folder = folder;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>Creates and starts a cluster. <paramref name="settings"/> are server settings (<c>name=value</c>) for the start.</summary>
    public static PostgresServer Start(IEnumerable<string>? settings = null, string? parentFolder = null)
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no /usr/lib/postgresql/<version>/bin/initdb. Install Debian's package: apt-get install -y postgresql (tests/run.sh does).");
        var asPostgresUser = Environment.UserName == "root";
        var folder = Path.Combine(parentFolder ?? Path.GetTempPath(), "complaints-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (asPostgresUser)
            Run("chown", ["postgres:postgres", folder], asPostgresUser: false);
        var server = new PostgresServer(bin, folder, FreePort(), asPostgresUser);
        try
        {
            var data = Path.Combine(folder, "data");
            server.RunTool("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
            var options = string.Join(' ', new[] { $"-p {server.Port}", $"-k {folder}", "-c listen_addresses=127.0.0.1", "-c fsync=off" }
                .Concat((settings ?? []).Select(s => $"-c {s}")));
            server.RunTool("pg_ctl", ["-D", data, "-l", Path.Combine(folder, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Runs SQL through psql (for set-up that needs no driver, e.g. CREATE DATABASE) and returns what it printed.</summary>
    public string Sql(string sql, string database = "postgres") =>
        RunTool("psql", ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql]);

    public void Dispose()
    {
        var data = Path.Combine(Folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try { RunTool("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"]); }
            catch (InvalidOperationException) { } // already gone: nothing to stop
        }
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private string RunTool(string tool, IReadOnlyList<string> arguments) => Run(Path.Combine(_bin, tool), arguments, _asPostgresUser);

    private static string Run(string program, IReadOnlyList<string> arguments, bool asPostgresUser)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgresUser)
            foreach (var a in new[] { "-u", "postgres", "--", program })
                start.ArgumentList.Add(a);
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        // pg_ctl start leaves the server running with our pipes inherited unless its log goes to a file (-l): it does.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {error.Result.Trim()} {output.Result.Trim()}");
        return output.Result.Trim();
    }

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
