using System.Text;
using System.Text.Json;

namespace Complaints.Warehouse.Audit;

/// <summary>One line of the checkpoint file: the checkpoint, or why the line is not one.</summary>
public sealed record CheckpointLine(int Number, AuditCheckpoint? Checkpoint, string? Problem);

/// <summary>
/// The checkpoint file outside the warehouse: one JSON object per line, only ever appended to (opened for append,
/// flushed to disk before the write is reported done). Keep it where the warehouse's writers cannot rewrite it
/// (another volume, <c>chattr +a</c>, write-once storage): the signature stops forged lines, not deleted ones.
/// </summary>
public sealed class AuditCheckpointFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public void Append(AuditCheckpoint checkpoint)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(checkpoint, Json) + "\n"));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Every line in order; an absent file has none.</summary>
    public IReadOnlyList<CheckpointLine> Read()
    {
        if (!File.Exists(Path)) return [];
        var lines = new List<CheckpointLine>();
        var number = 0;
        foreach (var text in File.ReadLines(Path))
        {
            number++;
            if (text.Length == 0) continue;
            try
            {
                var checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(text, Json);
                lines.Add(checkpoint is { Hash: not null, MerkleRoot: not null, Reason: not null }
                    ? new CheckpointLine(number, checkpoint, null)
                    : new CheckpointLine(number, null, "it lacks the checkpoint's fields"));
            }
            catch (JsonException e)
            {
                lines.Add(new CheckpointLine(number, null, $"it is not a checkpoint ({e.Message})"));
            }
        }
        return lines;
    }
}
