using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ParIndex.Core.Data.Migrations;

/// <summary>
/// Codes and names have a bounded length (see TextLimits; NOT VALID: rows stored before are kept, every
/// new or changed row is checked). Units and blocs created by a results import remember the year, so
/// that a replacing import removes them when nothing else uses them. A year whose survey responses
/// changed since its survey points were last computed says so (survey_stale_since), until rescored.
/// </summary>
[DbContext(typeof(ParIndexDbContext))]
[Migration("20261201000007_Bounded")]
public sealed class M0007_Bounded : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE units
            ADD COLUMN imported_for integer,
            ADD CONSTRAINT units_code_length CHECK (length(code) <= 50) NOT VALID,
            ADD CONSTRAINT units_name_length CHECK (length(name) <= 500) NOT VALID;
        ALTER TABLE blocs
            ADD COLUMN imported_for integer,
            ADD CONSTRAINT blocs_code_length CHECK (length(code) <= 50) NOT VALID,
            ADD CONSTRAINT blocs_name_length CHECK (length(name) <= 500) NOT VALID;
        ALTER TABLE framework_nodes
            ADD CONSTRAINT framework_nodes_code_length CHECK (length(code) <= 50) NOT VALID,
            ADD CONSTRAINT framework_nodes_name_length CHECK (length(name) <= 2000) NOT VALID;
        ALTER TABLE assessment_years
            ADD COLUMN survey_stale_since timestamptz,
            ADD CONSTRAINT assessment_years_title_length CHECK (length(title) <= 500) NOT VALID;
        """);
}
