using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ParIndex.Core.Data.Migrations;

/// <summary>When a notification was also sent by e-mail (only when SMTP is configured).</summary>
[DbContext(typeof(ParIndexDbContext))]
[Migration("20261121000003_NotificationEmail")]
public sealed class M0003_NotificationEmail : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE notifications ADD COLUMN emailed_at timestamptz;
        CREATE INDEX ix_notifications_not_emailed ON notifications (created_at) WHERE emailed_at IS NULL;
        """);
}
