using BenchmarkDotNet.Attributes;
using ParIndex.Scoring;
using ParIndex.Scoring.Ranking;

namespace ParIndex.Benchmarks;

/// <summary>
/// The targets of the foundation issue: the whole national recompute (4,000 units × 100 leaves, scored
/// and ranked in 69 blocs) well under 100 ms; one unit after a single leaf changes under 50 µs.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class RecomputeBenchmarks
{
    private NationalData _data = null!;
    private LeafInput[] _unit = null!;
    private int _leaf;
    private List<RankingEntry> _bloc = null!;
    private int _positionInBloc;

    [GlobalSetup]
    public void Setup()
    {
        _data = new NationalData();
        _unit = (LeafInput[])_data.Inputs[42].Clone();
        _leaf = _data.Framework.Leaves.Select((l, i) => (l, i)).First(x => x.l.Rule is Scoring.Rules.RateRule).i;
        var bloc = _data.Blocs[42];
        _bloc = [.. Enumerable.Range(0, NationalData.Units)
            .Where(u => _data.Blocs[u] == bloc)
            .Select(u => new RankingEntry(_data.Keys[u], _data.Framework.Score(_data.Inputs[u]).Index))];
        _positionInBloc = _bloc.FindIndex(e => e.Unit == _data.Keys[42]);
    }

    /// <summary>Score every unit of the country and rank every bloc, on one thread.</summary>
    [Benchmark(Baseline = true)]
    public int NationalRecompute()
    {
        var blocs = new List<RankingEntry>[_data.BlocCount];
        for (var b = 0; b < blocs.Length; b++)
        {
            blocs[b] = [];
        }

        for (var u = 0; u < NationalData.Units; u++)
        {
            blocs[_data.Blocs[u]].Add(new RankingEntry(_data.Keys[u], _data.Framework.Score(_data.Inputs[u]).Index));
        }

        var ranked = 0;
        foreach (var bloc in blocs)
        {
            ranked += BlocRanking.Create(bloc).Units.Count;
        }

        return ranked;
    }

    /// <summary>Score every unit on all cores (units are independent), then rank every bloc.</summary>
    [Benchmark]
    public int NationalRecomputeParallel()
    {
        var results = new IndexResult[NationalData.Units];
        Parallel.For(0, NationalData.Units, u => results[u] = _data.Framework.Score(_data.Inputs[u]).Index);
        var ranked = 0;
        foreach (var bloc in Enumerable.Range(0, NationalData.Units).GroupBy(u => _data.Blocs[u]))
        {
            ranked += BlocRanking.Create(bloc.Select(u => new RankingEntry(_data.Keys[u], results[u]))).Units.Count;
        }

        return ranked;
    }

    /// <summary>One leaf of one unit changes: rescore that unit (100 leaves, totals, sub-indices, index).</summary>
    [Benchmark]
    public decimal OneUnitAfterOneLeafChange()
    {
        _unit[_leaf] = LeafInput.Rate(_unit[_leaf].First == 0m ? 1m : _unit[_leaf].First - 1m, _unit[_leaf].Second);
        return _data.Framework.Score(_unit).Index.Index;
    }

    /// <summary>The same change, then the unit's bloc (~98 communes) ranked again.</summary>
    [Benchmark]
    public int OneUnitAfterOneLeafChangeAndItsBlocReranked()
    {
        _unit[_leaf] = LeafInput.Rate(_unit[_leaf].First == 0m ? 1m : _unit[_leaf].First - 1m, _unit[_leaf].Second);
        _bloc[_positionInBloc] = _bloc[_positionInBloc] with { Result = _data.Framework.Score(_unit).Index };
        return BlocRanking.Create(_bloc).Units.Count;
    }
}
