using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParIndex.Tests;

namespace ParIndex.Web.Tests;

/// <summary>
/// People never meet raw JSON or a bare status: unknown addresses, refused downloads, bad years and
/// server errors are Vietnamese pages with a way on; the API keeps ProblemDetails; a first start on an
/// empty database logs no failure.
/// </summary>
public sealed class ErrorPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Theory]
    [InlineData("/khong-co-trang-nay", 404, "Không tìm thấy")]
    [InlineData("/exports/2099/ranking.pdf", 404, "Không có kết quả năm 2099")]
    [InlineData("/exports/2099/ranking.xlsx", 404, "Không có kết quả năm 2099")]
    [InlineData("/exports/abc/ranking.xlsx", 400, "\"abc\" không phải là năm")]
    [InlineData("/exports/2024/units/KHONG-CO.pdf", 404, "Đơn vị \"KHONG-CO\" không có kết quả năm 2024")]
    [InlineData("/error/500", 500, "Đã có lỗi ở máy chủ")]
    public async Task PagesAndDownloads_AnswerWithTheVietnamesePage_AndAWayOn(string address, int status, string text)
    {
        using var anonymous = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync(address);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(text, html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/ket-qua/2024\"", html, StringComparison.Ordinal); // the published year, as a way on
        Assert.DoesNotContain("\"title\":", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnpublishedYear_SaysSo_AndLinksThePublishedOne()
    {
        using var anonymous = app.Factory.CreateClient();

        var response = await anonymous.GetAsync("/ket-qua/2025");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("chưa được công bố", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/ket-qua/2024\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApi_KeepsProblemDetails()
    {
        using var anonymous = app.Factory.CreateClient();

        var badYear = await anonymous.GetAsync("/api/years/abc/rankings");
        var unmapped = await anonymous.GetAsync("/api/khong-co");

        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Equal("application/problem+json", badYear.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, unmapped.StatusCode); // unmapped API paths stay denied by default
        Assert.Equal("application/problem+json", unmapped.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FirstStart_OnAnEmptyDatabase_LogsNoFailure()
    {
        await using var database = await TestDatabase.CreateAsync();
        var evidence = Directory.CreateTempSubdirectory("parindex-evidence-").FullName;
        var logged = new ConcurrentQueue<string>();
        try
        {
            await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseSetting("ConnectionStrings:ParIndex", database.ConnectionString);
                builder.UseSetting("ParIndex:Demo", "true");
                builder.UseSetting("ParIndex:Evidence:Directory", evidence);
                builder.ConfigureLogging(l => l.AddProvider(new Collector(logged)));
            });
            using var client = factory.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
        finally
        {
            Directory.Delete(evidence, recursive: true);
        }

        Assert.Empty(logged);
    }

    /// <summary>Keeps every entry logged at Error or above.</summary>
    private sealed class Collector(ConcurrentQueue<string> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
                }
            }
        }
    }
}
