using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Complaints.Ingest.Loading;

/// <summary>
/// One pass over a canonical file before DuckDB reads it: its SHA-256 (for re-delivery), whether it is UTF-8 text at all,
/// and what it looks like when it is not. DuckDB's reader would otherwise turn a workbook or a Windows-1250 export into
/// thousands of confusing row errors, or worse, load mangled text.
/// </summary>
public sealed class TextFileCheck
{
    private const int ChunkSize = 1 << 20;

    static TextFileCheck() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly (byte[] Magic, string What)[] Signatures =
    [
        ("PK\u0003\u0004"u8.ToArray(), "a ZIP archive (an .xlsx workbook or .docx document is one)"),
        ("%PDF-"u8.ToArray(), "a PDF document"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "an old Office file (.xls or .doc)"),
        ([0x1F, 0x8B], "a gzip archive"),
        ("PAR1"u8.ToArray(), "a Parquet file"),
        ("ARROW1"u8.ToArray(), "an Arrow IPC file"),
        ([0xFF, 0xFE], "UTF-16 text"),
        ([0xFE, 0xFF], "UTF-16 text"),
    ];

    public required string Sha256 { get; init; }

    /// <summary>Byte offset of the first byte that is not valid UTF-8, or null when the whole file is.</summary>
    public long? InvalidUtf8At { get; init; }

    /// <summary>The first bytes, for recognising a file that is not text.</summary>
    public required byte[] Head { get; init; }

    public static TextFileCheck Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkSize, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkSize + 4];
        var carried = 0;
        long offset = 0; // file offset of buffer[0]
        long? invalid = null;
        byte[]? head = null;
        int read;
        while ((read = stream.Read(buffer, carried, ChunkSize)) > 0)
        {
            hash.AppendData(buffer, carried, read);
            var length = carried + read;
            head ??= buffer[..Math.Min(length, 16)];
            if (invalid is null)
            {
                // A sequence cut by the chunk's end is checked with the next chunk.
                var complete = CompleteLength(buffer.AsSpan(0, length));
                if (!Utf8.IsValid(buffer.AsSpan(0, complete)))
                    invalid = offset + FirstInvalid(buffer.AsSpan(0, complete));
                carried = length - complete;
                buffer.AsSpan(complete, carried).CopyTo(buffer);
                offset += complete;
            }
            else
                carried = 0;
        }
        if (invalid is null && carried > 0)
            invalid = offset;
        return new TextFileCheck { Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()), InvalidUtf8At = invalid, Head = head ?? [] };
    }

    /// <summary>Throws <see cref="FileRejectedException"/> when the file is not UTF-8 text, saying what it seems to be instead.</summary>
    public void ThrowIfNotText(string path, string fileName)
    {
        foreach (var (magic, what) in Signatures)
            if (Head.AsSpan().StartsWith(magic))
                throw new FileRejectedException($"{fileName}: this is not CSV text: its content is {what}, whatever its name says. " +
                    "Save it as a UTF-8 CSV file, or load it through a mapping profile that reads its format (docs/profiles.md).");
        if (Head.AsSpan().IndexOf((byte)0) >= 0)
            throw new FileRejectedException($"{fileName}: this is not CSV text: it holds binary data (NUL bytes near the start), whatever its name says.");
        if (InvalidUtf8At is { } at)
        {
            var (line, sample) = Locate(path, at);
            throw new FileRejectedException($"{fileName}: line {line}: the file is not valid UTF-8, as canonical files must be; " +
                $"read as Windows-1250 the text there is '{sample}'. Save the file as UTF-8, or load it through a mapping profile " +
                "whose format.encoding names its encoding (windows-1250 or iso-8859-2; docs/profiles.md). Nothing was stored.");
        }
    }

    private static int CompleteLength(ReadOnlySpan<byte> bytes)
    {
        // Walk back over at most three continuation bytes to the lead byte of the last sequence.
        for (var back = 1; back <= Math.Min(4, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
                continue;
            var needed = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return needed > back ? bytes.Length - back : bytes.Length;
        }
        return bytes.Length;
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var status = Utf8.ToUtf16(bytes, new char[bytes.Length], out var readBytes, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? bytes.Length : readBytes;
    }

    private static (long Line, string Sample) Locate(string path, long at)
    {
        using var stream = File.OpenRead(path);
        long line = 1;
        var lineStart = 0L;
        for (long i = 0; i < at; i++)
            if (stream.ReadByte() == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        stream.Position = Math.Max(lineStart, at - 30);
        var bytes = new byte[60];
        var n = stream.Read(bytes);
        var text = Encoding.GetEncoding("windows-1250").GetString(bytes, 0, n).Split('\n')[0].Trim();
        return (line, text);
    }
}
