using System.Text;
using Complaints.Ingest.Loading;

namespace Complaints.Ingest.Profiles;

public static class SourceReaders
{
    public static ISourceReader Open(string path, MappingProfile profile) => profile.Format.Type switch
    {
        "jsonl" => JsonLinesReader.Open(path),
        "xlsx" => XlsxReader.Open(path, profile),
        "parquet" => ParquetReader.Open(path),
        "arrow" => ArrowIpcReader.Open(path),
        _ => DelimitedTextReader.Open(path, profile),
    };

    /// <summary>Valid UTF-8 (with or without BOM) is read as UTF-8; anything else in the profile's declared encoding.</summary>
    public static Encoding DetectEncoding(string path, MappingProfile profile)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[(1 << 16) + 4];
        using var stream = File.OpenRead(path);
        try
        {
            int read;
            while ((read = stream.Read(bytes)) > 0)
                strict.GetChars(bytes, 0, read, chars, 0, flush: false);
            strict.GetChars([], 0, 0, chars, 0, flush: true);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            if (string.Equals(profile.Format.Encoding, "utf-8", StringComparison.OrdinalIgnoreCase))
                throw new FileRejectedException($"{Path.GetFileName(path)}: the file is not valid UTF-8, as profile {profile.Name} says it is.");
            return profile.FallbackEncoding;
        }
    }
}
