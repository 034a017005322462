using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ParIndex.Tests;

namespace ParIndex.Web.Tests;

/// <summary>The real web host in demo mode over its own fresh PostgreSQL database.</summary>
public sealed class DemoApp : IAsyncLifetime
{
    private readonly string _evidence = Directory.CreateTempSubdirectory("parindex-evidence-").FullName;
    private TestDatabase _database = null!;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:ParIndex", _database.ConnectionString);
            builder.UseSetting("ParIndex:Demo", "true");
            builder.UseSetting("ParIndex:SignIn:AttemptsPerMinute", "100000"); // the suite signs in hundreds of times a minute from one address
            builder.UseSetting("ParIndex:Pdf:RequestsPerMinute", "100000"); // and asks for PDFs as every role; the limit has its own test
            builder.UseSetting("ParIndex:Evidence:Directory", _evidence);
        });
        Factory.CreateClient().Dispose(); // start: migrate and seed
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_evidence, recursive: true);
    }
}
