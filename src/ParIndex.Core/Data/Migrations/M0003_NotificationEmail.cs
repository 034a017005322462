using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ParIndex.Core.Data.Migrations;

/// <summary>
/// Notifications: when one was also sent by e-mail (only when SMTP is configured), and its text as a
/// message key with arguments, so that each reader sees it in their own language.
/// </summary>
[DbContext(typeof(ParIndexDbContext))]
[Migration("20261121000003_NotificationEmail")]
public sealed class M0003_NotificationEmail : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE notifications
            ADD COLUMN emailed_at timestamptz,
            ADD COLUMN message_key text,
            ADD COLUMN message_args text[];
        CREATE INDEX ix_notifications_not_emailed ON notifications (created_at) WHERE emailed_at IS NULL;
        """);
}
