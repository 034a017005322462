using System.Text;
using ParIndex.Core.Results;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>
/// Hostile and broken files are refused while being read, with the line and column where reading
/// stopped, and reading never holds more than a bounded amount of memory (issue 12, defect 2: a
/// 655 KB zip bomb used to take 7 GB).
/// </summary>
public sealed class TabularFileTests
{
    private static readonly TabularLimits Small = new(MaxRows: 10, MaxColumns: 8, MaxCellLength: 20, MaxUncompressedBytes: 1024 * 1024);

    private static TabularFileException Refusal(byte[] content, TabularLimits limits) =>
        Assert.Throws<TabularFileException>(() => TabularFile.Read(content, limits));

    [Fact]
    public void ZipBomb_IsRefusedBeforeTheReaderOpensIt_AndAllocatesLittle()
    {
        // 256 MiB of one-cell rows, as in the probe: well under a megabyte once deflated.
        var bomb = RawXlsx.Create(RawXlsx.Texts("mã đơn vị", "nhóm"), Enumerable.Repeat("<c><v>1</v></c>", 256 * 1024 * 1024 / 28));
        Assert.InRange(bomb.Length, 1, 2 * 1024 * 1024);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Refusal(bomb, TabularLimits.Survey);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Messages.Get("FileXlsxTooLarge", 200, "xl/worksheets/sheet1.xml"), refusal.Message);
        Assert.Equal(1, refusal.Line);
        Assert.InRange(allocated, 0, 16 * 1024 * 1024);
    }

    [Fact]
    public void LargeSheet_IsStreamed_HeaderFirst()
    {
        // 400,000 rows (about 30 MB of XML) read one at a time: the header arrives before the rest is parsed.
        var file = RawXlsx.Create(RawXlsx.Texts("mã đơn vị", "nhóm", "ND1"),
            Enumerable.Range(0, 400_000).Select(i => RawXlsx.Texts("SO01", "nguoidan") + "<c><v>4</v></c>"));
        using var stream = new MemoryStream(file);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var rows = TabularFile.Rows(stream, TabularLimits.Survey).GetEnumerator();
        Assert.True(rows.MoveNext());
        var header = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.Equal("mã đơn vị|nhóm|ND1", string.Join("|", rows.Current.Cells));
        var count = 1;
        while (rows.MoveNext())
        {
            count++;
        }

        Assert.Equal(400_001, count);
        Assert.InRange(header, -16 * 1024 * 1024, 16 * 1024 * 1024); // what is held once the header is read, not what passed through
    }

    [Fact]
    public void TooManyRows_IsRefusedAtTheFirstRowPastTheLimit()
    {
        var csv = Encoding.UTF8.GetBytes("a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", 50)));
        var xlsx = RawXlsx.Create(RawXlsx.Texts("a", "b"), Enumerable.Repeat(RawXlsx.Texts("1", "2"), 50));

        Assert.Equal((12, Messages.Get("FileTooManyRows", 10)), (Refusal(csv, Small).Line, Refusal(csv, Small).Message));
        Assert.Equal(12, Refusal(xlsx, Small).Line);
    }

    [Fact]
    public void TooManyColumns_FarRightCell_LongCell_AreRefusedNamingWhere()
    {
        var wide = Encoding.UTF8.GetBytes("a,b\n" + string.Join(',', Enumerable.Range(0, 9)) + "\n");
        var farRight = RawXlsx.Create(RawXlsx.Texts("a", "b"), ["<c r=\"XFD2\"><v>1</v></c>"]);
        var longCell = Encoding.UTF8.GetBytes("a,b\nx," + new string('é', 21) + "\n");

        Assert.Equal((2, "I", Messages.Get("FileTooManyColumns", 9, 8)), (Refusal(wide, Small).Line, Refusal(wide, Small).Column, Refusal(wide, Small).Message));
        Assert.Equal(Messages.Get("FileTooManyColumns", 16384, 8), Refusal(farRight, Small).Message);
        Assert.Equal((2, "B", Messages.Get("FileCellTooLong", 21, 20)), (Refusal(longCell, Small).Line, Refusal(longCell, Small).Column, Refusal(longCell, Small).Message));
    }

    [Fact]
    public void ControlCharacters_AreRefusedNamingTheCell_TabsAndLineBreaksAreNot()
    {
        var nul = Encoding.UTF8.GetBytes("a,b\nx,y\nx,\"y\0z\"\n");
        var escaped = RawXlsx.Create(RawXlsx.Texts("a", "b"), [RawXlsx.Text("x") + "<c t=\"inlineStr\"><is><t>y_x0001_</t></is></c>"]);
        var fine = Encoding.UTF8.GetBytes("a,b\nx,\"y\tz\r\nw\"\n");

        Assert.Equal((3, "B", Messages.Get("FileControlCharacter", "00")), (Refusal(nul, Small).Line, Refusal(nul, Small).Column, Refusal(nul, Small).Message));
        Assert.Equal(Messages.Get("FileControlCharacter", "01"), Refusal(escaped, Small).Message);
        Assert.Equal(2, TabularFile.Read(fine, Small).Count);
    }

    [Fact]
    public void UnclosedQuote_StopsAtTheRecordLimit_NotAtTheEndOfTheFile()
    {
        var broken = Encoding.UTF8.GetBytes("a,b\nx,\"" + new string('y', 4 * 1024 * 1024));

        var refusal = Refusal(broken, Small);

        Assert.Equal(2, refusal.Line);
        Assert.Equal(Messages.Get("FileCsvBroken", 20), refusal.Message);
    }

    [Fact]
    public void InvalidUtf8_NamesTheLine()
    {
        byte[] latin1 = [.. Encoding.ASCII.GetBytes("a,b\nx,y\nx,"), 0xE9, (byte)'\n'];

        var refusal = Refusal(latin1, Small);

        Assert.Equal((3, Messages.Get("FileNotUtf8")), (refusal.Line, refusal.Message));
    }

    [Fact]
    public void ArchiveOfThousandsOfParts_AndATruncatedArchive_AreRefused()
    {
        var parts = RawXlsx.Create(RawXlsx.Texts("a", "b"), [], extraParts: 2500);
        var good = RawXlsx.Create(RawXlsx.Texts("a", "b"), [RawXlsx.Texts("1", "2")]);

        Assert.Equal(Messages.Get("FileXlsxTooManyParts", 2505, 2000), Refusal(parts, Small).Message);
        Assert.Equal(Messages.Get("FileXlsxUnreadable"), Refusal(good[..(good.Length / 2)], Small).Message);
        Assert.Equal(2, TabularFile.Read(good, Small).Count);
    }

    [Fact]
    public void Utf16WithByteOrderMark_IsRead()
    {
        var text = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        byte[] content = [.. text.GetPreamble(), .. text.GetBytes("mã\tnhóm\nSở Nội vụ\tcán bộ\n")];

        var rows = TabularFile.Read(content, Small);

        Assert.Equal("Sở Nội vụ|cán bộ", string.Join("|", rows[1].Cells));
    }

    [Fact]
    public void VietnameseAcrossReadBuffers_IsReadIntact()
    {
        // Two- and three-byte characters fall on every buffer boundary somewhere in 100,000 lines.
        var content = Encoding.UTF8.GetBytes("đơn vị,nhóm\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"Sở Nội vụ {i},cán bộ ưu tú\n")));

        var rows = TabularFile.Read(content, TabularLimits.Survey);

        Assert.Equal(100_001, rows.Count);
        Assert.All(rows.Skip(1), r => Assert.Equal("cán bộ ưu tú", r.Cells[1]));
        Assert.Equal("Sở Nội vụ 99999", rows[^1].Cells[0]);
    }
}
