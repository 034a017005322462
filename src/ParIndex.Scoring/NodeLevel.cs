namespace ParIndex.Scoring;

/// <summary>The depth of a node in a framework tree. A framework has at most four levels.</summary>
public enum NodeLevel
{
    /// <summary>Lĩnh vực / nội dung: a top-level area such as "3. Administrative procedures".</summary>
    Area = 1,

    /// <summary>Tiêu chí: a criterion inside an area.</summary>
    Criterion = 2,

    /// <summary>Tiêu chí thành phần: a sub-criterion inside a criterion.</summary>
    SubCriterion = 3,

    /// <summary>One more level below a sub-criterion, used by some provincial frameworks.</summary>
    Item = 4,
}
