using System.Net;
using System.Text.RegularExpressions;
using ParIndex.Core.Demo;

namespace ParIndex.Web.Tests;

/// <summary>
/// A refused post shows again what was typed, in the form that was posted and only there (issue 11):
/// the staff pages for units, the questionnaire and the framework; a locked year's units page says so
/// and offers no editing.
/// </summary>
public sealed class RefusedFormsTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const int Year = DemoSeeder.CurrentYear;

    [Fact]
    public async Task UnitsPage_ARefusedNewUnit_KeepsWhatWasTyped_InItsFormOnly()
    {
        using var admin = await SignedInClients.CookieAsync(app.Factory, "quantri");
        var page = await admin.GetStringAsync($"/years/{Year}/units");
        var refused = await admin.PostAsync($"/years/{Year}/units?handler=Add",
            Form(page, ("code", "SO01"), ("name", "Sở mới đang gõ dở"), ("blocCode", "XA"), ("frameworkId", "0")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"error-summary\"", html, StringComparison.Ordinal);
        var add = FormOf(html, "Add");
        Assert.Contains("value=\"Sở mới đang gõ dở\"", add, StringComparison.Ordinal);
        Assert.Matches("<option value=\"XA\" selected=\"selected\"", add);
        Assert.DoesNotContain("Sở mới đang gõ dở", FormOf(html, "Merge"), StringComparison.Ordinal);
        Assert.Contains("<a href=\"#form-add\">", html, StringComparison.Ordinal); // the summary leads to the form, at the foot of the page
        Assert.Contains("field-error", add, StringComparison.Ordinal); // which the page scrolls to, its message inside it
        Assert.Contains("SO01", add, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitsPage_OfAPublishedYear_SaysItIsLocked_AndOffersNoEditing()
    {
        using var admin = await SignedInClients.CookieAsync(app.Factory, "quantri");
        var html = await admin.GetStringAsync($"/years/{DemoSeeder.CurrentYear - 1}/units");

        Assert.Contains("id=\"locked\"", html, StringComparison.Ordinal);
        Assert.Contains(DemoSeeder.PreviousYearDecision.Number, html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Set", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Add", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SurveyPage_ARefusedQuestion_KeepsItsText()
    {
        using var admin = await SignedInClients.CookieAsync(app.Factory, "quantri");
        var page = await admin.GetStringAsync($"/years/{Year}/survey");
        var refused = await admin.PostAsync($"/years/{Year}/survey?handler=Question", Form(page,
            ("group", "nguoidan"), ("code", "ND99"), ("text", "Anh/Chị đánh giá thế nào về thái độ của công chức?"), ("kind", "choice"),
            ("lowest", "1"), ("highest", "5"), ("positiveFrom", "bốn"), ("leaf", "8.1.1"), ("weight", "1")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var form = FormOf(await refused.Content.ReadAsStringAsync(), "Question");
        Assert.Contains(">Anh/Chị đánh giá thế nào về thái độ của công chức?</textarea>", form, StringComparison.Ordinal);
        Assert.Contains("value=\"bốn\"", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"choice\" selected=\"selected\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrameworkPage_ARefusedNewNode_KeepsWhatWasTyped()
    {
        using var admin = await SignedInClients.CookieAsync(app.Factory, "quantri");
        var page = await admin.GetStringAsync($"/years/{Year}/framework");
        var refused = await admin.PostAsync($"/years/{Year}/framework?handler=Add", Form(page,
            ("code", "9.9"), ("parent", "9"), ("name", "Tiêu chí mới đang soạn"), ("max", "một"), ("component", "appraisal"), ("rule", ""),
            ("reason", "Bổ sung theo hướng dẫn")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var form = FormOf(await refused.Content.ReadAsStringAsync(), "Add");
        Assert.Contains("value=\"Tiêu chí mới đang soạn\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"một\"", form, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", SignedInClients.Antiforgery(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    /// <summary>The HTML of the form posting to <paramref name="handler"/>.</summary>
    private static string FormOf(string html, string handler)
    {
        var match = Regex.Match(html, $"<form[^>]*handler={handler}[^>]*>.*?</form>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no form for {handler}");
        return match.Value;
    }
}
