using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ParIndex.Core.Data.Migrations;

/// <summary>
/// The audit trail becomes a hash chain (see AuditChain and docs/adr/0014): each entry gets its place
/// (sequence, unique, no gaps) and the SHA-256 of the previous hash and its own canonical text. Entries
/// stored before are chained here, in id order, exactly as AuditChain.HashOf does. The trail no longer
/// follows deletions: deleting a year or a framework node used to delete or blank its entries, which a
/// chain would report as tampering, and a trail must outlive what it records.
/// A publication remembers the chain's head when it was published, and the SHA-256 of its snapshot.
/// </summary>
[DbContext(typeof(ParIndexDbContext))]
[Migration("20261201000008_AuditChain")]
public sealed class M0008_AuditChain : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE audit_entries
            DROP CONSTRAINT IF EXISTS audit_entries_assessment_year_id_fkey,
            DROP CONSTRAINT IF EXISTS audit_entries_node_id_fkey,
            ADD COLUMN sequence bigint,
            ADD COLUMN hash bytea;
        DO $$
        DECLARE
            entry record;
            previous bytea := sha256(convert_to('ParIndex audit chain', 'UTF8'));
            place bigint := 0;
        BEGIN
            FOR entry IN SELECT * FROM audit_entries ORDER BY id LOOP
                place := place + 1;
                previous := sha256(previous || convert_to(concat(
                    place::text, E'\x1f',
                    to_char(entry.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), E'\x1f',
                    coalesce(entry.user_id::text, E'\x1e'), E'\x1f',
                    entry.user_name, E'\x1f',
                    coalesce(entry.assessment_year_id::text, E'\x1e'), E'\x1f',
                    coalesce(entry.unit_id::text, E'\x1e'), E'\x1f',
                    coalesce(entry.node_id::text, E'\x1e'), E'\x1f',
                    entry.subject, E'\x1f',
                    coalesce(entry.old_value, E'\x1e'), E'\x1f',
                    coalesce(entry.new_value, E'\x1e'), E'\x1f',
                    coalesce(entry.reason, E'\x1e')), 'UTF8'));
                UPDATE audit_entries SET sequence = place, hash = previous WHERE id = entry.id;
            END LOOP;
        END $$;
        ALTER TABLE audit_entries
            ALTER COLUMN sequence SET NOT NULL,
            ALTER COLUMN hash SET NOT NULL,
            ADD CONSTRAINT audit_entries_hash_length CHECK (length(hash) = 32);
        CREATE UNIQUE INDEX ux_audit_entries_sequence ON audit_entries (sequence);
        ALTER TABLE publications
            ADD COLUMN audit_sequence bigint,
            ADD COLUMN audit_head text,
            ADD COLUMN content_hash text;
        """);
}
