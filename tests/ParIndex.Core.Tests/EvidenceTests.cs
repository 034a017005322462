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
    // A whole 1×1 PNG (IHDR, IDAT, IEND with their CRCs) and a JPEG's segments up to its scan and end marker.
    private static readonly byte[] Png =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
        0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
        0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    private static readonly byte[] Jpeg =
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x11, 0x22, 0x33, 0xFF, 0xD9,
    ];

    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nxref\n0 1\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"u8.ToArray();

    [Fact]
    public void Detect_RealOfficeFilesAndImages_ByContent()
    {
        Assert.Equal(".pdf", EvidenceContent.Detect(Pdf)?.Extension);
        Assert.Equal(".png", EvidenceContent.Detect(Png)?.Extension);
        Assert.Equal(".jpg", EvidenceContent.Detect(Jpeg)?.Extension);
        Assert.Equal(".docx", EvidenceContent.Detect(Docx())?.Extension);
        Assert.Equal(".xlsx", EvidenceContent.Detect(XlsxFile.Create(["a", "b"]))?.Extension);
        Assert.Null(EvidenceContent.Detect("hello, not a document"u8.ToArray()));
        Assert.Null(EvidenceContent.Detect(PlainZip()));
        Assert.Null(EvidenceContent.Detect("PK\u0003\u0004 broken"u8.ToArray()));
    }

    [Fact]
    public void Detect_ARealHeaderFollowedByHtml_OrCutShort_IsNoDocument()
    {
        byte[] html = [.. "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8];

        Assert.Null(EvidenceContent.Detect([.. "%PDF-1.4\n"u8, .. html]));
        Assert.Null(EvidenceContent.Detect([.. "%PDF-1.4\n"u8, .. html, .. "\n%%EOF\n"u8]));
        Assert.Null(EvidenceContent.Detect([.. Jpeg.AsSpan(0, 20), .. html]));
        Assert.Null(EvidenceContent.Detect([.. Jpeg.AsSpan(0, Jpeg.Length - 2), .. html, 0xFF, 0xD9]));
        Assert.Null(EvidenceContent.Detect([.. Png, .. html]));
        Assert.Null(EvidenceContent.Detect(Png.AsSpan(0, 40).ToArray()));
        Assert.Null(EvidenceContent.Detect(Pdf.AsSpan(0, 30).ToArray()));
    }

    [Fact]
    public async Task Detect_Word97AndExcel97_ByTheirStreams_WrittenByLibreOffice()
    {
        var doc = await DocumentReaders.ConvertAsync(Docx(), ".docx", "doc");
        var xls = await DocumentReaders.ConvertAsync(XlsxFile.Create(["Mã", "Tên"], ["SO03", "Sở Tư pháp"]), ".xlsx", "xls");

        Assert.Equal(".doc", EvidenceContent.Detect(doc)?.Extension);
        Assert.Equal(".xls", EvidenceContent.Detect(xls)?.Extension);
        Assert.Null(EvidenceContent.Detect([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])); // the signature alone is no document
    }

    [Fact]
    public async Task Library_DescribesDocuments_ShowsWhichLeavesUseThem_DeletesOnlyUnused()
    {
        var (reporter, _) = await app.UnitStaffAsync("SO09");
        var service = app.Get<EvidenceService>();
        var doc = await DocumentReaders.ConvertAsync(Docx(), ".docx", "doc");
        var uploaded = await service.UploadAsync(reporter, "SO09", "ke-hoach.doc", new MemoryStream(doc));
        Assert.True(uploaded.Succeeded, uploaded.Message);
        var file = (EvidenceFile)uploaded.Value!;
        Assert.Equal("application/msword", file.ContentType);
        Assert.Equal(OutcomeKind.Invalid, (await service.UploadAsync(reporter, "SO09", "ke-hoach.xls", new MemoryStream(doc))).Kind); // name and content differ

        var tooLong = await service.DescribeAsync(reporter, file.Id, new string('1', 101), null, null, null);
        Assert.Equal(["documentNumber"], tooLong.Problems.Select(p => p.Field));
        Assert.True((await service.DescribeAsync(reporter, file.Id, " 12/KH-STP ", new DateOnly(2027, 1, 5), "Sở Tư pháp", "Kế hoạch CCHC năm 2027")).Succeeded);
        var stored = (await service.ListAsync(file.UnitId)).Single(f => f.Id == file.Id);
        Assert.Equal(("12/KH-STP", new DateOnly(2027, 1, 5), "Sở Tư pháp"), (stored.DocumentNumber, stored.DocumentDate, stored.Issuer));
        var other = await app.ActorAsync("thamdinh");
        Assert.Equal(OutcomeKind.Forbidden, (await service.DescribeAsync(other, file.Id, "x", null, null, null)).Kind);

        app.Clock.Now = WorkflowFixture.SelfOpens.AddDays(3);
        Assert.True((await app.Get<Assessments.AssessmentService>().LinkEvidenceAsync(reporter, WorkflowFixture.Year, "SO09", "1.1.1", file.Id, true)).Succeeded);
        Assert.Equal([$"{WorkflowFixture.Year}: 1.1.1"], (await service.UsesAsync(file.UnitId))[file.Id]);
        Assert.Equal(OutcomeKind.Invalid, (await service.DeleteAsync(reporter, file.Id)).Kind); // in use
        Assert.True((await app.Get<Assessments.AssessmentService>().LinkEvidenceAsync(reporter, WorkflowFixture.Year, "SO09", "1.1.1", file.Id, false)).Succeeded);
        Assert.True((await service.DeleteAsync(reporter, file.Id)).Succeeded);
        Assert.DoesNotContain(await service.ListAsync(file.UnitId), f => f.Id == file.Id);
        Assert.False(File.Exists(Path.Combine(app.EvidenceDirectory, file.Sha256[..2], file.Sha256))); // no other library holds these bytes
    }

    [Fact]
    public async Task Upload_ChecksContentSizeAndName_StoresOnceUnderItsHash()
    {
        var (reporter, _) = await app.UnitStaffAsync("SO12");
        var evidence = app.Get<EvidenceService>();

        var renamed = await evidence.UploadAsync(reporter, "SO12", "anh.pdf", new MemoryStream(Png));
        var text = await evidence.UploadAsync(reporter, "SO12", "ghichu.pdf", new MemoryStream("just text"u8.ToArray()));
        var large = await evidence.UploadAsync(reporter, "SO12", "lon.pdf", new MemoryStream([.. "%PDF-"u8, .. new byte[250_000], .. "\n%%EOF\n"u8]));
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
