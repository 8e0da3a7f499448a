using Complaints.Warehouse.Audit;
using Microsoft.Extensions.Options;

namespace Complaints.Dashboards.CommandLine;

/// <summary>
/// After a command's writes: the signed checkpoint the running host writes after its own, through the same
/// <see cref="AuditCheckpoints"/>, so an entry a command line made is anchored outside the warehouse now rather than at
/// the platform's next start. Only with the checkpoint key configured: a command never writes an unsigned anchor.
/// </summary>
public static class CommandAnchor
{
    public const string Reason = "command";

    /// <summary>Anchors the head and says what happened, in a line for the command's output (null: no key, nothing to say).</summary>
    public static string? AfterWrites(IHost host)
    {
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        // Read as set: a command without a key stays usable (Development), it just leaves the anchoring to the host.
        var audit = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
        if (audit.KeyBytes is null)
            return null;
        AuditCheckpoints checkpoints;
        try
        {
            checkpoints = host.Services.GetRequiredService<AuditCheckpoints>();
        }
        catch (OptionsValidationException e)
        {
            return $"The audit trail was not anchored: {string.Join(" ", e.Failures)}";
        }
        try
        {
            if (checkpoints.Checkpoint(Reason, always: false) is { } checkpoint)
                return $"Audit trail anchored: entry {checkpoint.Seq}, signed, in {checkpoints.File.Path}.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"The audit trail was not anchored: the checkpoint file {checkpoints.File.Path} could not be written ({e.Message}).";
        }
        return checkpoints.LastVerification is { Intact: false } broken
            ? $"The audit trail was not anchored, because it does not verify: {broken.Summary}"
            : null;
    }
}
