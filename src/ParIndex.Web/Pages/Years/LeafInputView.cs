using ParIndex.Core.Assessments;

namespace ParIndex.Web.Pages.Years;

/// <summary>The input boxes of one leaf's rule in a form: what to show and the values to put back.</summary>
public sealed record LeafInputView(string Leaf, SheetRule Rule, bool NotApplicable, string First, string Second, string Prefix);
