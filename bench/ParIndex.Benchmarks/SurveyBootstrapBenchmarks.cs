using BenchmarkDotNet.Attributes;
using ParIndex.Scoring.Surveys;

namespace ParIndex.Benchmarks;

/// <summary>
/// The survey bootstrap at the two scales, 1,000 replicates: Hanoi (156 units in 2 blocs,
/// 60,000 respondents, 30 questions; target &lt; 5 s) and national (3,840 units in 69 blocs,
/// 1,000,000 respondents; target &lt; 60 s).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
[MedianColumn]
public class SurveyBootstrapBenchmarks
{
    private SurveyDesign _design = null!;
    private List<BootstrapUnit> _hanoi = null!;
    private List<BootstrapUnit> _national = null!;

    [GlobalSetup]
    public void Setup()
    {
        _design = SurveyData.Design();
        _hanoi = SurveyData.Units(156, 60_000, 2);
        _national = SurveyData.Units(3_840, 1_000_000, 69);
    }

    [Benchmark]
    public int Hanoi() => SurveyBootstrap.Run(_design, _hanoi).Count;

    [Benchmark]
    public int National() => SurveyBootstrap.Run(_design, _national).Count;
}
