using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// SHA-256 of an audit report's content: every data sheet's name, column names and cells in order, each value in one
/// canonical text (instants to the microsecond, numbers invariant, true/false), cells separated by U+001F, rows ended
/// by U+001E, sheets begun by U+001D and an empty value marked U+0000. The cover (generation time, the chain's head)
/// is not part of it, so the same content reproduced later has the same digest. Values are encoded straight into a
/// reused buffer: no string is built per row.
/// </summary>
public sealed class ContentDigest : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private bool _firstCell = true;

    public void BeginSheet(string name, IEnumerable<string> columns)
    {
        Mark('\u001d');
        Text(name);
        EndRow();
        foreach (var column in columns)
            Cell(column);
        EndRow();
    }

    public void Cell(object? value)
    {
        if (!_firstCell) Mark('\u001f');
        _firstCell = false;
        switch (value)
        {
            case null or DBNull: Mark('\0'); break;
            case string text: Text(text); break;
            case DateTime at: Formatted(at, "yyyy-MM-dd'T'HH:mm:ss.ffffff"); break;
            case DateOnly day: Formatted(day, "yyyy-MM-dd"); break;
            case bool flag: Text(flag ? "true" : "false"); break;
            case double number: Formatted(number, "R"); break;
            case ISpanFormattable other: Formatted(other, null); break;
            default: Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""); break;
        }
    }

    public void EndRow()
    {
        Mark('\u001e');
        _firstCell = true;
    }

    /// <summary>The digest, lower-case hex; the digest cannot be added to after this.</summary>
    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    private void Formatted<T>(T value, string? format) where T : ISpanFormattable
    {
        Span<char> chars = stackalloc char[64];
        if (value.TryFormat(chars, out var written, format, CultureInfo.InvariantCulture))
            Text(chars[..written]);
        else
            Text(value.ToString(format, CultureInfo.InvariantCulture));
    }

    private void Text(ReadOnlySpan<char> text)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }
        var length = Encoding.UTF8.GetBytes(text, _buffer);
        _hash.AppendData(_buffer, 0, length);
    }

    private void Mark(char mark)
    {
        Span<byte> one = [(byte)mark];
        _hash.AppendData(one);
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
