using System.IO.Compression;

namespace ParIndex.Core.Evidence;

/// <summary>
/// Recognises the allowed evidence types by their content, not their name: PDF, Word (.docx, .doc),
/// Excel (.xlsx, .xls), JPEG and PNG. A .docx or .xlsx is a ZIP package whose [Content_Types].xml names the
/// Word or Excel main part; a .doc or .xls is an OLE2 compound file holding a "WordDocument" or a
/// "Workbook" ("Book" in Excel 5/95) stream, whose names are read from the file's directory entries.
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
            return (".pdf", "application/pdf");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (".png", "image/png");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return (".jpg", "image/jpeg");
        }

        if (head.StartsWith(CompoundFile))
        {
            return DetectLegacyOffice(content);
        }

        return head.StartsWith("PK\u0003\u0004"u8) ? DetectOffice(content) : null;
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
