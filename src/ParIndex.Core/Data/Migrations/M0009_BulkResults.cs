using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ParIndex.Core.Data.Migrations;

/// <summary>
/// A year's results are written in bulk (ADR 0016): one row per unit, its areas in arrays beside its
/// totals, so that recomputing a year writes 4,000 rows instead of 36,000 (the area rows' inserts, each
/// with its foreign-key check and index entry, were most of the cost). <c>unit_area_results</c> is now a
/// view that unnests them, so readers see the same rows as before. The lock on a proposed or published
/// year's results (M0005) is checked once per statement instead of once per row on the tables written
/// in bulk (leaf scores, unit results): any row of a locked year, before or after the change, refuses
/// the whole statement, with the same SQLSTATE P0002. Year units and framework nodes keep their row triggers.
/// </summary>
[DbContext(typeof(ParIndexDbContext))]
[Migration("20261201000009_BulkResults")]
public sealed class M0009_BulkResults : Migration
{
    private static readonly string[] Tables = ["leaf_scores", "unit_results"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE unit_results
                ADD COLUMN area_codes text[] NOT NULL DEFAULT '{}',
                ADD COLUMN area_names text[] NOT NULL DEFAULT '{}',
                ADD COLUMN area_max_points numeric[] NOT NULL DEFAULT '{}',
                ADD COLUMN area_applicable numeric[] NOT NULL DEFAULT '{}',
                ADD COLUMN area_achieved numeric[] NOT NULL DEFAULT '{}';
            UPDATE unit_results r SET area_codes = a.codes, area_names = a.names, area_max_points = a.max_points,
                    area_applicable = a.applicable, area_achieved = a.achieved
                FROM (SELECT assessment_year_id, unit_id, array_agg(area_code ORDER BY position) AS codes,
                        array_agg(area_name ORDER BY position) AS names, array_agg(max_points ORDER BY position) AS max_points,
                        array_agg(applicable_maximum ORDER BY position) AS applicable, array_agg(achieved ORDER BY position) AS achieved
                      FROM unit_area_results GROUP BY assessment_year_id, unit_id) a
                WHERE a.assessment_year_id = r.assessment_year_id AND a.unit_id = r.unit_id;
            ALTER TABLE unit_results ADD CONSTRAINT unit_results_areas_aligned CHECK (
                cardinality(area_names) = cardinality(area_codes) AND cardinality(area_max_points) = cardinality(area_codes)
                AND cardinality(area_applicable) = cardinality(area_codes) AND cardinality(area_achieved) = cardinality(area_codes));
            DROP TABLE unit_area_results;
            CREATE VIEW unit_area_results AS
                SELECT r.assessment_year_id, r.unit_id, a.area_code, a.area_name, a.position::integer AS position,
                    a.max_points, a.applicable_maximum, a.achieved
                FROM unit_results r
                CROSS JOIN LATERAL unnest(r.area_codes, r.area_names, r.area_max_points, r.area_applicable, r.area_achieved)
                    WITH ORDINALITY AS a (area_code, area_name, max_points, applicable_maximum, achieved, position);
            """);
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
