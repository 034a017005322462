namespace ParIndex.Web.Infrastructure;

/// <summary>
/// What was typed into the one form whose post was refused, so that the page shows it again in that
/// form (and only there: every other form shows what is stored). Empty on a GET and after a success.
/// </summary>
public sealed class RefusedForm
{
    private readonly string? _handler;
    private readonly IFormCollection? _form;

    private RefusedForm(string? handler, IFormCollection? form)
    {
        _handler = handler;
        _form = form;
    }

    /// <summary>No refused form.</summary>
    public static RefusedForm None { get; } = new(null, null);

    /// <summary>The form of <paramref name="request"/>, posted to its page handler (<c>?handler=…</c>).</summary>
    public static RefusedForm Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Query["handler"].ToString(), request.HasFormContentType ? request.Form : null);
    }

    /// <summary>
    /// Whether the refused form is <paramref name="handler"/>'s and, when <paramref name="key"/> is given,
    /// the one of a row whose field <paramref name="keyField"/> (by default "code") holds that key.
    /// </summary>
    public bool Is(string handler, string? key = null, string keyField = "code") =>
        string.Equals(_handler, handler, StringComparison.OrdinalIgnoreCase) && _form is not null
        && (key is null || _form[keyField].ToString() == key);

    /// <summary>What was typed into <paramref name="field"/> of that form, or <paramref name="stored"/> for any other form.</summary>
    public string? Value(string handler, string field, string? stored = null, string? key = null, string keyField = "code") =>
        Is(handler, key, keyField) ? _form![field].ToString() : stored;

    /// <summary>Whether <paramref name="option"/> was chosen in <paramref name="field"/> of that form (else <paramref name="stored"/>).</summary>
    public bool Chosen(string handler, string field, string option, bool stored = false, string? key = null, string keyField = "code") =>
        Is(handler, key, keyField) ? _form![field].Contains(option) : stored;
}
