using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Threading.Channels;
using ParIndex.Core;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Printing;

namespace ParIndex.Web.Features.Exports;

/// <summary>Where a job of score cards stands.</summary>
public enum CardJobState
{
    /// <summary>Waiting for the jobs before it.</summary>
    Queued,

    /// <summary>Being printed; <see cref="ScoreCardJob.Printed"/> says how far.</summary>
    Running,

    /// <summary>The zip is ready to download (until <see cref="ScoreCardJob.ExpiresAt"/>).</summary>
    Done,

    /// <summary>Stopped by a fault; <see cref="ScoreCardJob.Error"/> says which.</summary>
    Failed,

    /// <summary>Stopped by the person who asked.</summary>
    Cancelled,
}

/// <summary>One request for a bloc's score cards as a zip, made in the background.</summary>
public sealed class ScoreCardJob
{
    private int _printed;

    internal ScoreCardJob(string id, int ownerId, ClaimsPrincipal user, YearRanking ranking, BlocRankingView bloc, DateTimeOffset createdAt)
    {
        Id = id;
        OwnerId = ownerId;
        User = user;
        Year = ranking.Year;
        BlocCode = bloc.Code;
        BlocName = bloc.Name;
        Version = ranking.Publication?.Version;
        Cards = ScoreCardBook.Cards(ranking, [bloc]);
        FileName = $"phieu-ket-qua-{ranking.Year}-{bloc.Code}" +
            (ranking.Publication is { } p ? $"-v{p.Version}" : ranking.FromPublishedTable ? "" : "-du-thao") + ".zip";
        CreatedAt = createdAt;
    }

    /// <summary>256 random bits: the job's address, not guessable.</summary>
    public string Id { get; }

    /// <summary>The account that asked: only it sees the job and downloads its file.</summary>
    public int OwnerId { get; }

    public int Year { get; }

    public string BlocCode { get; }

    public string BlocName { get; }

    /// <summary>The published version printed, or null for the draft (or the published table without a version).</summary>
    public int? Version { get; }

    public string FileName { get; }

    /// <summary>How many cards the zip will have.</summary>
    public int Total => Cards.Count;

    /// <summary>How many are printed so far.</summary>
    public int Printed => Volatile.Read(ref _printed);

    public CardJobState State { get; internal set; }

    /// <summary>Why it failed, in words for the person who asked.</summary>
    public string? Error { get; internal set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset? StartedAt { get; internal set; }

    public DateTimeOffset? FinishedAt { get; internal set; }

    /// <summary>When the finished file is deleted.</summary>
    public DateTimeOffset? ExpiresAt => FinishedAt + ScoreCardJobs.Keep;

    /// <summary>The zip's size once done.</summary>
    public long? Size { get; internal set; }

    /// <summary>Whether the job has not ended yet.</summary>
    public bool Active => State is CardJobState.Queued or CardJobState.Running;

    /// <summary>The time still needed at the pace so far; null before the first card.</summary>
    public TimeSpan? Remaining(DateTimeOffset now) =>
        State == CardJobState.Running && StartedAt is { } started && Printed > 0
            ? (now - started) / Printed * (Total - Printed)
            : null;

    internal ClaimsPrincipal User { get; }

    internal IReadOnlyList<ScoreCardBook.Card> Cards { get; }

    internal string? Path { get; set; }

    internal CancellationTokenSource Stop { get; } = new();

    /// <summary>Completes when the job has ended (done, failed or cancelled).</summary>
    internal TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void Report(int printed) => Volatile.Write(ref _printed, printed);
}

/// <summary>
/// A bloc's score cards as a zip, made in the background: the request only queues the job and the
/// page shows its progress and, when done, the download. Jobs run one at a time (each already uses
/// every print tab), an account has one job under way at a time, and a finished file is kept for
/// <see cref="Keep"/>, then deleted. Jobs live in this process: after a restart they are asked for
/// again (the page says so), and no half-written file is ever offered.
/// </summary>
public sealed class ScoreCardJobs(PdfPrinter printer, TimeProvider clock, ILogger<ScoreCardJobs> log) : BackgroundService
{
    /// <summary>How long a finished zip stays downloadable.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromHours(2);

    /// <summary>Jobs waiting or running at once, over every account.</summary>
    public const int MaxActive = 20;

    private readonly Channel<ScoreCardJob> _queue = Channel.CreateUnbounded<ScoreCardJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, ScoreCardJob> _jobs = new(StringComparer.Ordinal);
    private readonly object _starting = new();
    // Its own folder (several apps may share a process, as in the tests): deleting it at shutdown touches no one else's files.
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"parindex-cards-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>
    /// Queues the cards of <paramref name="bloc"/> for <paramref name="user"/>. The same request while its
    /// job is under way (or its file still kept, unless <paramref name="again"/>) answers that job; a
    /// second bloc while one is under way, or a full queue, is refused with the reason.
    /// </summary>
    public Outcome Start(ClaimsPrincipal user, YearRanking ranking, BlocRankingView bloc, bool again = false)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(bloc);
        var actor = user.ToActor();
        lock (_starting)
        {
            Sweep();
            var mine = _jobs.Values.Where(j => j.OwnerId == actor.UserId).ToList();
            if (again)
            {
                foreach (var done in mine.Where(j => j.Year == ranking.Year && j.BlocCode == bloc.Code && j.Version == ranking.Publication?.Version && !j.Active))
                {
                    Forget(done);
                }

                mine = _jobs.Values.Where(j => j.OwnerId == actor.UserId).ToList();
            }

            if (mine.FirstOrDefault(j => j.Year == ranking.Year && j.BlocCode == bloc.Code && j.Version == ranking.Publication?.Version
                    && j.State is CardJobState.Queued or CardJobState.Running or CardJobState.Done) is { } same)
            {
                return Outcome.Ok(same);
            }

            if (mine.FirstOrDefault(j => j.Active) is { } busy)
            {
                return Outcome.Invalid("job", Messages.Get("CardJobBusy", busy.BlocName, busy.Year, busy.Printed, busy.Total));
            }

            if (_jobs.Values.Count(j => j.Active) >= MaxActive)
            {
                return Outcome.Invalid("job", Messages.Get("CardJobQueueFull"));
            }

            if (bloc.Units.Count == 0)
            {
                return Outcome.Invalid("bloc", Messages.Get("CardJobEmptyBloc", bloc.Name));
            }

            var job = new ScoreCardJob(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(), actor.UserId, user, ranking, bloc,
                clock.GetUtcNow());
            _jobs[job.Id] = job;
            _queue.Writer.TryWrite(job);
            return Outcome.Ok(job);
        }
    }

    /// <summary>A job of <paramref name="user"/>'s, or null (unknown, expired, or someone else's: the same answer).</summary>
    public ScoreCardJob? Find(ClaimsPrincipal user, string? id)
    {
        var actor = user.ToActorOrNull();
        return actor is not null && id is not null && _jobs.TryGetValue(id, out var job) && job.OwnerId == actor.UserId && !Expired(job) ? job : null;
    }

    /// <summary>The latest job of <paramref name="user"/>'s for a bloc's cards of a year and version.</summary>
    public ScoreCardJob? Latest(ClaimsPrincipal user, int year, string blocCode, int? version)
    {
        var actor = user.ToActorOrNull();
        return actor is null
            ? null
            : _jobs.Values.Where(j => j.OwnerId == actor.UserId && j.Year == year && j.BlocCode == blocCode && j.Version == version && !Expired(j))
                .MaxBy(j => j.CreatedAt);
    }

    /// <summary>How many jobs run or wait before <paramref name="job"/>.</summary>
    public int Ahead(ScoreCardJob job) => _jobs.Values.Count(j => j.Active && j.CreatedAt < job.CreatedAt);

    /// <summary>
    /// Stops a job under way (its partial file is deleted) and waits a little for it to end, so that the
    /// page shown next says it has stopped. False when it had already ended.
    /// </summary>
    public async Task<bool> CancelAsync(ScoreCardJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.Active)
        {
            return false;
        }

        await job.Stop.CancelAsync();
        if (job.State == CardJobState.Queued)
        {
            job.State = CardJobState.Cancelled;
            job.FinishedAt = clock.GetUtcNow();
            job.Ended.TrySetResult();
        }

        await Task.WhenAny(job.Ended.Task, Task.Delay(TimeSpan.FromSeconds(5)));
        return true;
    }

    /// <summary>Forgets an ended job and deletes its file (before asking for the same cards again).</summary>
    public void Forget(ScoreCardJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.Active && _jobs.TryRemove(job.Id, out _) && job.Path is { } path)
        {
            DeleteFile(path);
        }
    }

    /// <summary>Opens a finished job's zip for reading, or null when it is not (or no longer) there.</summary>
    public Stream? Open(ScoreCardJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.State != CardJobState.Done || job.Path is null || !File.Exists(job.Path))
        {
            return null;
        }

        return new FileStream(job.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (job.State != CardJobState.Queued)
            {
                continue; // cancelled while waiting
            }

            try
            {
                await RunAsync(job, stoppingToken);
                Sweep();
            }
#pragma warning disable CA1031 // a job's fault must never stop the server: it is the job's failure, said on its page
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                log.LogError(e, "Score cards of {Bloc} {Year} failed unexpectedly", job.BlocCode, job.Year);
                job.State = CardJobState.Failed;
                job.Error ??= Messages.Get("CardJobFailed", job.Printed, job.Total);
                job.FinishedAt ??= clock.GetUtcNow();
                job.Ended.TrySetResult();
            }
        }
    }

    /// <summary>Deletes a file if it is there (its folder may be gone already).</summary>
    private static void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // nothing to delete
        }
    }

    private async Task RunAsync(ScoreCardJob job, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, job.Stop.Token);
        job.State = CardJobState.Running;
        job.StartedAt = clock.GetUtcNow();
        var path = System.IO.Path.Combine(_folder, job.Id + ".zip");
        try
        {
            Directory.CreateDirectory(_folder);
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await ScoreCardBook.WriteZipAsync(job.Cards, file, (items, deliver, ct) => printer.PrintManyAsync(items, job.User, deliver, ct),
                    job.Report, stop.Token);
            }

            job.Size = new FileInfo(path).Length;
            job.Path = path;
            job.State = CardJobState.Done;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            DeleteFile(path);
            job.State = CardJobState.Cancelled;
            job.Error = stoppingToken.IsCancellationRequested ? Messages.Get("CardJobServerStopped") : null;
        }
        catch (PrintUnavailableException e)
        {
            DeleteFile(path);
            job.State = CardJobState.Failed;
            job.Error = e.Message;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Microsoft.Playwright.PlaywrightException or TimeoutException)
        {
            DeleteFile(path);
            log.LogError(e, "Score cards of {Bloc} {Year} for user {User} failed after {Printed}/{Total}", job.BlocCode, job.Year, job.OwnerId, job.Printed, job.Total);
            job.State = CardJobState.Failed;
            job.Error = Messages.Get("CardJobFailed", job.Printed, job.Total);
        }
        finally
        {
            job.FinishedAt = clock.GetUtcNow();
            job.Ended.TrySetResult();
        }
    }

    private bool Expired(ScoreCardJob job) => job.FinishedAt is { } finished && finished + Keep < clock.GetUtcNow();

    /// <summary>Forgets expired jobs and deletes their files.</summary>
    private void Sweep()
    {
        foreach (var job in _jobs.Values.Where(Expired).ToList())
        {
            if (_jobs.TryRemove(job.Id, out _) && job.Path is { } path)
            {
                DeleteFile(path);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true); // files made here are not offered after a restart
        }
    }
}
