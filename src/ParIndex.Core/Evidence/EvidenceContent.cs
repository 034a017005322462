using System.IO.Compression;

namespace ParIndex.Core.Evidence;

/// <summary>
/// Recognises the allowed evidence types by their content, not their name: PDF, Word (.docx, .doc),
/// Excel (.xlsx, .xls), JPEG and PNG. A .docx or .xlsx is a ZIP package whose [Content_Types].xml names the
/// Word or Excel main part; a .doc or .xls is an OLE2 compound file holding a "WordDocument" or a
/// "Workbook" ("Book" in Excel 5/95) stream, whose names are read from the file's directory entries.
/// Beyond the first bytes: a PDF has its trailer and no markup, a PNG is whole chunks up to IEND, a JPEG
/// is marker segments up to its image data and ends with its end-of-image marker; so a real header
/// followed by HTML is refused.
/// </summary>
public static class EvidenceContent
{
    public static IReadOnlyList<string> AllowedExtensions { get; } = [".pdf", ".docx", ".xlsx", ".doc", ".xls", ".jpg", ".jpeg", ".png"];

    private static readonly byte[] CompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The type of the content: (extension, MIME type), or null if it is none of the allowed types.</summary>
    public static (string Extension, string ContentType)? Detect(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        ReadOnlySpan<byte> head = content;
        if (head.StartsWith("%PDF-"u8))
        {
            return IsPdf(content) ? (".pdf", "application/pdf") : null;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return IsPng(content) ? (".png", "image/png") : null;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return IsJpeg(content) ? (".jpg", "image/jpeg") : null;
        }

        if (head.StartsWith(CompoundFile))
        {
            return DetectLegacyOffice(content);
        }

        return head.StartsWith("PK\u0003\u0004"u8) ? DetectOffice(content) : null;
    }

    // Markup a browser would run if it ever sniffed the file as HTML: never in a real PDF, PNG or JPEG's first bytes.
    private static readonly string[] Markup = ["<html", "<script", "<!doctype", "<body", "<iframe", "<svg", "<object", "<embed", "<meta"];

    private static bool HasMarkup(ReadOnlySpan<byte> bytes)
    {
        var text = System.Text.Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 64 * 1024)]);
        return Markup.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A PDF: no markup, and the end-of-file marker in its last kilobyte, as every writer puts it (a cut-short file has none).</summary>
    private static bool IsPdf(byte[] content)
    {
        ReadOnlySpan<byte> tail = content.AsSpan(Math.Max(0, content.Length - 1024));
        return !HasMarkup(content) && tail.IndexOf("%%EOF"u8) >= 0;
    }

    /// <summary>A PNG: chunk after chunk (length, type, data, CRC) up to IEND, which ends the file.</summary>
    private static bool IsPng(byte[] content)
    {
        var offset = 8;
        while (offset + 12 <= content.Length)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(offset));
            if (length > int.MaxValue - 12 || offset + 12L + length > content.Length)
            {
                return false;
            }

            var type = content.AsSpan(offset + 4, 4);
            offset += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8))
            {
                return offset == content.Length;
            }
        }

        return false;
    }

    /// <summary>A JPEG: marker segments up to the start of scan, no markup, and the end-of-image marker at the end (padding allowed).</summary>
    private static bool IsJpeg(byte[] content)
    {
        var offset = 2;
        while (offset + 4 <= content.Length)
        {
            if (content[offset] != 0xFF)
            {
                return false;
            }

            var marker = content[offset + 1];
            if (marker == 0xFF)
            {
                offset++; // fill byte
                continue;
            }

            var length = (content[offset + 2] << 8) | content[offset + 3];
            if (length < 2 || offset + 2 + length > content.Length)
            {
                return false;
            }

            if (marker == 0xDA) // start of scan: the image data follows, up to the end-of-image marker
            {
                var end = content.AsSpan().TrimEnd((byte)0);
                return end.Length >= 2 && end[^2] == 0xFF && end[^1] == 0xD9 && !HasMarkup(content);
            }

            offset += 2 + length;
        }

        return false;
    }

    /// <summary>
    /// An OLE2 compound file (Word 97–2003, Excel 97–2003): its directory is a list of 128-byte entries whose
    /// first 64 bytes are the stream's name in UTF-16; the document is Word when one is "WordDocument", Excel
    /// when one is "Workbook" or "Book". Every directory entry in the file is read (sector by sector), so the
    /// answer does not depend on where the writer put the directory.
    /// </summary>
    private static (string, string)? DetectLegacyOffice(byte[] content)
    {
        if (content.Length < 512)
        {
            return null;
        }

        var sectorSize = 1 << BitConverter.ToUInt16(content, 30);
        if (sectorSize is not (512 or 4096))
        {
            return null;
        }

        bool word = false, excel = false;
        for (var offset = sectorSize; offset + 128 <= content.Length; offset += 128)
        {
            var length = BitConverter.ToUInt16(content, offset + 64);
            var type = content[offset + 66];
            if (length is < 4 or > 64 || length % 2 != 0 || type != 2) // a stream entry with a name
            {
                continue;
            }

            var name = System.Text.Encoding.Unicode.GetString(content, offset, length - 2);
            word |= name == "WordDocument";
            excel |= name is "Workbook" or "Book";
        }

        return word == excel ? null
            : word ? (".doc", "application/msword")
            : (".xls", "application/vnd.ms-excel");
    }

    private static (string, string)? DetectOffice(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var types = zip.GetEntry("[Content_Types].xml");
            if (types is null || types.Length > 1_000_000)
            {
                return null;
            }

            using var reader = new StreamReader(types.Open());
            var text = reader.ReadToEnd();
            if (text.Contains("wordprocessingml.document.main+xml", StringComparison.Ordinal))
            {
                return (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            }

            if (text.Contains("spreadsheetml.sheet.main+xml", StringComparison.Ordinal))
            {
                return (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
