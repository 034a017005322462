using ParIndex.Core;

namespace ParIndex.Web.Infrastructure;

/// <summary>Reading an uploaded response file (page and API share it): present, not empty, within the size limit.</summary>
public static class SurveyUpload
{
    /// <summary>The largest response file accepted (a million rows of 30 answers is about 80 MB as CSV).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public static async Task<(byte[]? Content, string? Problem)> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, Messages.Get("SurveyFileRequired"));
        }

        if (file.Length > MaxBytes)
        {
            return (null, Messages.Get("SurveyFileTooLarge", MaxBytes / (1024 * 1024)));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return (buffer.ToArray(), null);
    }
}
