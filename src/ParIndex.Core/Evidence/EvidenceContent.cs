using System.IO.Compression;

namespace ParIndex.Core.Evidence;

/// <summary>
/// Recognises the allowed evidence types by their content, not their name: PDF, Word (.docx),
/// Excel (.xlsx), JPEG and PNG. A .docx or .xlsx is a ZIP package whose [Content_Types].xml names the
/// Word or Excel main part.
/// </summary>
public static class EvidenceContent
{
    public static IReadOnlyList<string> AllowedExtensions { get; } = [".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png"];

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

        return head.StartsWith("PK\u0003\u0004"u8) ? DetectOffice(content) : null;
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
