using System.IO.Compression;
using System.Security.Cryptography;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ParIndex.Core.Evidence;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

public sealed class EvidenceTests(WorkflowFixture app) : IClassFixture<WorkflowFixture>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public void Detect_RealOfficeFilesAndImages_ByContent()
    {
        Assert.Equal(".pdf", EvidenceContent.Detect("%PDF-1.7 ..."u8.ToArray())?.Extension);
        Assert.Equal(".png", EvidenceContent.Detect(Png)?.Extension);
        Assert.Equal(".jpg", EvidenceContent.Detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])?.Extension);
        Assert.Equal(".docx", EvidenceContent.Detect(Docx())?.Extension);
        Assert.Equal(".xlsx", EvidenceContent.Detect(XlsxFile.Create(["a", "b"]))?.Extension);
        Assert.Null(EvidenceContent.Detect("hello, not a document"u8.ToArray()));
        Assert.Null(EvidenceContent.Detect(PlainZip()));
        Assert.Null(EvidenceContent.Detect("PK\u0003\u0004 broken"u8.ToArray()));
    }

    [Fact]
    public async Task Upload_ChecksContentSizeAndName_StoresOnceUnderItsHash()
    {
        var (reporter, _) = await app.UnitStaffAsync("SO12");
        var evidence = app.Get<EvidenceService>();

        var renamed = await evidence.UploadAsync(reporter, "SO12", "anh.pdf", new MemoryStream(Png));
        var text = await evidence.UploadAsync(reporter, "SO12", "ghichu.pdf", new MemoryStream("just text"u8.ToArray()));
        var large = await evidence.UploadAsync(reporter, "SO12", "lon.pdf", new MemoryStream([.. "%PDF-"u8, .. new byte[250_000]]));
        var empty = await evidence.UploadAsync(reporter, "SO12", "rong.pdf", new MemoryStream());
        Assert.Equal(OutcomeKind.Invalid, renamed.Kind);
        Assert.Contains(".png", renamed.Message, StringComparison.Ordinal);
        Assert.Contains("ghichu.pdf", text.Message, StringComparison.Ordinal);
        Assert.Contains("MB", large.Message, StringComparison.Ordinal);
        Assert.Equal(OutcomeKind.Invalid, empty.Kind);

        var docx = Docx();
        var first = await evidence.UploadAsync(reporter, "SO12", @"C:\Users\x\Báo cáo CCHC.docx", new MemoryStream(docx));
        var again = await evidence.UploadAsync(reporter, "SO12", "ban-sao.docx", new MemoryStream(docx));
        Assert.True(first.Succeeded, first.Message);
        var file = (EvidenceFile)first.Value!;
        Assert.Equal("Báo cáo CCHC.docx", file.FileName);
        Assert.Equal(file.Id, ((EvidenceFile)again.Value!).Id);
        var hash = Convert.ToHexStringLower(SHA256.HashData(docx));
        Assert.Equal(hash, file.Sha256);
        Assert.Equal(docx, await File.ReadAllBytesAsync(Path.Combine(app.EvidenceDirectory, hash[..2], hash)));
        Assert.Single(await evidence.ListAsync(file.UnitId));
    }

    private static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text("Kế hoạch CCHC năm 2026")))));
        }

        return stream.ToArray();
    }

    private static byte[] PlainZip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("not office");
        }

        return stream.ToArray();
    }
}
