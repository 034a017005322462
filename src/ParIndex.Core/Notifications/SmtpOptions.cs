namespace ParIndex.Core.Notifications;

/// <summary>E-mail for notifications (configuration section "ParIndex:Smtp"); off while <see cref="Host"/> is empty.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "parindex@localhost";

    /// <summary>The address of ParIndex, to turn notification links into full URLs (e.g. https://cchc.tinh.gov.vn).</summary>
    public string? BaseUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
