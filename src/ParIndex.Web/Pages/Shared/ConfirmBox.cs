namespace ParIndex.Web.Pages.Shared;

/// <summary>
/// An action that waits for confirmation, for the page without JavaScript: the consequence in words, and a
/// form that posts the same fields again to <see cref="Handler"/> with <c>confirmed=true</c> (or cancels to <see cref="CancelUrl"/>).
/// With JavaScript the same text is asked in a dialog before the first post (forms with <c>data-confirm</c>).
/// </summary>
public sealed record ConfirmBox(string Handler, string Text, string CancelUrl);
