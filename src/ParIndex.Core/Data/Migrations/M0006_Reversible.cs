using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ParIndex.Core.Data.Migrations;

/// <summary>
/// Round 2 may accept the unit's explanation (decision 3: the self-assessment stands again), beside
/// keeping round 1's score (1) and adjusting (2). Score-card snapshots keep a tiered leaf's level label.
/// An appraiser may name the agency they work for, which they never appraise (conflict of interest).
/// A password set by an administrator must be changed at the next sign-in. Evidence carries its document's
/// number, date, issuer and summary.
/// </summary>
[DbContext(typeof(ParIndexDbContext))]
[Migration("20261201000006_Reversible")]
public sealed class M0006_Reversible : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE leaf_entries
            DROP CONSTRAINT leaf_entries_second_decision_check,
            ADD CONSTRAINT leaf_entries_second_decision_check CHECK (second_decision BETWEEN 0 AND 3);
        ALTER TABLE publication_nodes ADD COLUMN input_label text;
        ALTER TABLE users ADD COLUMN works_at_unit_id integer REFERENCES units (id),
            ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
        ALTER TABLE evidence_files
            ADD COLUMN document_number text CHECK (length(document_number) <= 100),
            ADD COLUMN document_date date,
            ADD COLUMN issuer text CHECK (length(issuer) <= 200),
            ADD COLUMN summary text CHECK (length(summary) <= 1000);
        """);
}
