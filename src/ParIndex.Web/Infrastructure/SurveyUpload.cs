using ParIndex.Core;

namespace ParIndex.Web.Infrastructure;

/// <summary>Reading an uploaded file (pages and API share it): present, not empty, within its size limit.</summary>
public static class SurveyUpload
{
    /// <summary>The largest response file accepted (a million rows of 30 answers is about 80 MB as CSV).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>The largest results table accepted (a national table of 4,000 units is well under 1 MB).</summary>
    public const long MaxTableBytes = 16L * 1024 * 1024;

    /// <summary>
    /// A survey response file, as the stream ASP.NET Core buffered it to (on disk past 64 KB): up to
    /// <see cref="MaxBytes"/> is never copied into memory; the import reads it as it goes.
    /// </summary>
    public static (Stream? Content, string? Problem) Open(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            return (null, Messages.Get("SurveyFileRequired"));
        }

        return file.Length > MaxBytes ? (null, Messages.Get("SurveyFileTooLarge", MaxBytes / (1024 * 1024))) : (file.OpenReadStream(), null);
    }

    /// <summary>Any upload: <paramref name="requiredKey"/> names the message when no file came.</summary>
    public static async Task<(byte[]? Content, string? Problem)> ReadAsync(IFormFile? file, long maxBytes, string requiredKey,
        CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, Messages.Get(requiredKey));
        }

        if (file.Length > maxBytes)
        {
            return (null, Messages.Get("SurveyFileTooLarge", maxBytes / (1024 * 1024)));
        }

        var content = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(content, cancellationToken);
        return (content, null);
    }
}
