using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Complaints.Benchmarks;

/// <summary>What the figures were measured on: they only mean something next to this.</summary>
public static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory:N0} GiB, " +
               $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    /// <summary>The 1, 5 and 15 minute load averages: on two cores, anything near 2 or above means the figures were shared.</summary>
    public static string LoadAverage()
    {
        var text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : "";
        return string.Join(" ", text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3)) is { Length: > 0 } load ? load : "unknown";
    }

    public static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            using var status = Process.Start(new ProcessStartInfo("git", "status --porcelain --untracked-files=no") { RedirectStandardOutput = true })!;
            var dirty = status.StandardOutput.ReadToEnd().Trim().Length > 0;
            status.WaitForExit();
            return dirty ? $"{sha} (with uncommitted changes)" : sha;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (git not found)";
        }
    }

    /// <summary>
    /// Starts this process's peak resident memory (VmHWM) afresh from its current size, so the next reading is the peak
    /// of what runs in between (Linux: writing 5 to clear_refs). Without it, each reading bounds everything before it.
    /// </summary>
    public static void ResetPeakResident()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the readings stay cumulative, as the report's note says.
        }
    }

    /// <summary>Peak resident memory of a process (VmHWM), read from /proc while it still runs.</summary>
    public static long? PeakResidentBytes(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
            return null;
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return null; // the process ended between the check and the read
        }
    }
}
