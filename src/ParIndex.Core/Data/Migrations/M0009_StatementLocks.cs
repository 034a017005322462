using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ParIndex.Core.Data.Migrations;

/// <summary>
/// The lock on a proposed or published year's results (M0005) is checked once per statement instead
/// of once per row for the tables written in bulk — leaf scores, unit results and their areas — so a
/// year's recompute (one upsert of 4,000 results, one insert of 32,000 areas) does not run a PL/pgSQL
/// function 36,000 times. The check is the same: any row of a locked year, before or after the change,
/// refuses the whole statement (SQLSTATE P0002). Year units and framework nodes keep their row triggers.
/// </summary>
[DbContext(typeof(ParIndexDbContext))]
[Migration("20261201000009_StatementLocks")]
public sealed class M0009_StatementLocks : Migration
{
    private static readonly string[] Tables = ["leaf_scores", "unit_results", "unit_area_results"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION refuse_statement_when_results_locked() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- Nested: each EXISTS is planned only when its transition table exists for this event.
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    IF EXISTS (SELECT 1 FROM assessment_years y WHERE y.results_locked AND y.id IN (SELECT assessment_year_id FROM changed)) THEN
                        RAISE EXCEPTION 'the results of this year are proposed or published; % cannot change', TG_TABLE_NAME USING ERRCODE = 'P0002';
                    END IF;
                END IF;
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    IF EXISTS (SELECT 1 FROM assessment_years y WHERE y.results_locked AND y.id IN (SELECT assessment_year_id FROM before)) THEN
                        RAISE EXCEPTION 'the results of this year are proposed or published; % cannot change', TG_TABLE_NAME USING ERRCODE = 'P0002';
                    END IF;
                END IF;
                RETURN NULL;
            END $$;
            """);
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"""
                DROP TRIGGER {table}_locked ON {table};
                CREATE TRIGGER {table}_locked_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_statement_when_results_locked();
                CREATE TRIGGER {table}_locked_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS before NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_statement_when_results_locked();
                CREATE TRIGGER {table}_locked_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS before
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_statement_when_results_locked();
                """);
        }
    }
}
