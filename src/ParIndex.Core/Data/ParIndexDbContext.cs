using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Audit;
using ParIndex.Core.Evidence;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Notifications;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Core.Surveys;
using ParIndex.Core.Units;
using ParIndex.Core.Years;

namespace ParIndex.Core.Data;

/// <summary>
/// The store. The schema is owned by the SQL migrations in <c>Data/Migrations</c>; this model maps
/// onto it (snake_case names) and a test checks the two agree.
/// </summary>
public sealed class ParIndexDbContext(DbContextOptions<ParIndexDbContext> options)
    : IdentityDbContext<ParIndexUser, IdentityRole<int>, int>(options)
{
    public DbSet<AssessmentYear> Years => Set<AssessmentYear>();

    public DbSet<IndexClassRow> IndexClasses => Set<IndexClassRow>();

    public DbSet<Bloc> Blocs => Set<Bloc>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<UnitLineage> UnitLineages => Set<UnitLineage>();

    public DbSet<YearUnit> YearUnits => Set<YearUnit>();

    public DbSet<FrameworkVersion> Frameworks => Set<FrameworkVersion>();

    public DbSet<FrameworkNodeRow> FrameworkNodes => Set<FrameworkNodeRow>();

    public DbSet<LeafScore> LeafScores => Set<LeafScore>();

    public DbSet<UnitResultRow> UnitResults => Set<UnitResultRow>();

    public DbSet<AppraiserAssignment> AppraiserAssignments => Set<AppraiserAssignment>();

    public DbSet<DeadlineExtension> DeadlineExtensions => Set<DeadlineExtension>();

    public DbSet<LeafEntry> LeafEntries => Set<LeafEntry>();

    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();

    public DbSet<LeafEvidence> LeafEvidence => Set<LeafEvidence>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<UnitAreaResult> UnitAreaResults => Set<UnitAreaResult>();

    public DbSet<Publication> Publications => Set<Publication>();

    public DbSet<PublicationUnit> PublicationUnits => Set<PublicationUnit>();

    public DbSet<PublicationNode> PublicationNodes => Set<PublicationNode>();

    public DbSet<FrameworkAreaLink> FrameworkAreaLinks => Set<FrameworkAreaLink>();

    public DbSet<SurveyGroup> SurveyGroups => Set<SurveyGroup>();

    public DbSet<SurveyQuestionRow> SurveyQuestions => Set<SurveyQuestionRow>();

    public DbSet<SurveyLeafRow> SurveyLeaves => Set<SurveyLeafRow>();

    public DbSet<SurveyLeafGroupWeight> SurveyLeafGroups => Set<SurveyLeafGroupWeight>();

    public DbSet<SurveyPopulation> SurveyPopulations => Set<SurveyPopulation>();

    public DbSet<SurveyImport> SurveyImports => Set<SurveyImport>();

    public DbSet<SurveyRespondent> SurveyRespondents => Set<SurveyRespondent>();

    public DbSet<SurveyInvitation> SurveyInvitations => Set<SurveyInvitation>();

    public DbSet<SurveyIntervalRow> SurveyIntervals => Set<SurveyIntervalRow>();

    /// <summary>Saves, sealing new audit entries into the chain (<see cref="AuditChain"/>) in the same transaction.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var added = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            await AuditChain.SealAsync(this, added, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await AuditChain.SealAsync(this, added, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>Synchronous saving would skip the audit chain's seal: ParIndex saves asynchronously only.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: it seals audit entries into the chain.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ParIndexUser>(e =>
        {
            e.ToTable("users");
            e.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId);
        });
        modelBuilder.Entity<IdentityRole<int>>().ToTable("roles");
        modelBuilder.Entity<IdentityRoleClaim<int>>().ToTable("role_claims");
        modelBuilder.Entity<IdentityUserClaim<int>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<int>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserRole<int>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserToken<int>>().ToTable("user_tokens");
        modelBuilder.Entity<AppraiserAssignment>().ToTable("appraiser_assignments");
        modelBuilder.Entity<DeadlineExtension>(e =>
        {
            e.ToTable("deadline_extensions");
            e.Property(x => x.Phase).HasConversion<short>();
        });
        modelBuilder.Entity<LeafEntry>(e =>
        {
            e.ToTable("leaf_entries");
            e.Ignore(x => x.SelfInput);
            e.Ignore(x => x.FirstInput);
            e.Ignore(x => x.SecondInput);
            e.Ignore(x => x.FinalInput);
            e.Property(x => x.SelfKind).HasConversion<short>();
            e.Property(x => x.FirstKind).HasConversion<short>();
            e.Property(x => x.SecondKind).HasConversion<short>();
            e.Property(x => x.FirstDecision).HasConversion<short>();
            e.Property(x => x.SecondDecision).HasConversion<short>();
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<YearUnit>().WithMany().HasForeignKey(x => new { x.AssessmentYearId, x.UnitId });
            e.HasOne<FrameworkNodeRow>().WithMany().HasForeignKey(x => x.NodeId);
            e.HasMany(x => x.Evidence).WithOne(x => x.LeafEntry).HasForeignKey(x => x.LeafEntryId);
        });
        modelBuilder.Entity<EvidenceFile>().ToTable("evidence_files");
        modelBuilder.Entity<LeafEvidence>(e =>
        {
            e.ToTable("leaf_evidence");
            e.HasKey(x => new { x.LeafEntryId, x.EvidenceFileId });
            e.Property(x => x.Stage).HasConversion<short>();
            e.HasOne(x => x.EvidenceFile).WithMany().HasForeignKey(x => x.EvidenceFileId);
        });
        modelBuilder.Entity<AuditEntry>().ToTable("audit_entries");
        modelBuilder.Entity<Notification>().ToTable("notifications");
        OnSurveyModelCreating(modelBuilder);
        OnPublicationModelCreating(modelBuilder);
        modelBuilder.Entity<AssessmentYear>(e =>
        {
            e.ToTable("assessment_years");
            e.HasIndex(y => y.Year).IsUnique();
            e.HasMany(y => y.Classes).WithOne().HasForeignKey(c => c.AssessmentYearId);
        });
        modelBuilder.Entity<IndexClassRow>().ToTable("index_classes");
        modelBuilder.Entity<Bloc>().ToTable("blocs");
        modelBuilder.Entity<Unit>(e =>
        {
            e.ToTable("units");
            e.HasOne(u => u.Bloc).WithMany().HasForeignKey(u => u.BlocId);
            e.HasMany(u => u.Predecessors).WithOne().HasForeignKey(l => l.SuccessorId);
        });
        modelBuilder.Entity<UnitLineage>(e =>
        {
            e.ToTable("unit_lineages");
            e.HasKey(l => new { l.SuccessorId, l.PredecessorId });
            e.HasOne(l => l.Predecessor).WithMany().HasForeignKey(l => l.PredecessorId);
        });
        modelBuilder.Entity<YearUnit>(e =>
        {
            e.ToTable("year_units");
            e.HasKey(y => new { y.AssessmentYearId, y.UnitId });
            e.HasOne(y => y.Unit).WithMany().HasForeignKey(y => y.UnitId);
            e.HasOne(y => y.Bloc).WithMany().HasForeignKey(y => y.BlocId);
            e.HasOne<AssessmentYear>().WithMany().HasForeignKey(y => y.AssessmentYearId);
            e.HasOne<FrameworkVersion>().WithMany().HasForeignKey(y => y.FrameworkId);
            e.Property(y => y.Status).HasConversion<short>();
            e.Property(y => y.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<FrameworkVersion>(e =>
        {
            e.ToTable("frameworks");
            e.HasMany(f => f.Nodes).WithOne().HasForeignKey(n => n.FrameworkId);
            e.HasOne<AssessmentYear>().WithMany().HasForeignKey(f => f.AssessmentYearId);
        });
        modelBuilder.Entity<FrameworkNodeRow>(e =>
        {
            e.ToTable("framework_nodes");
            e.HasOne(n => n.Parent).WithMany().HasForeignKey(n => n.ParentId);
            e.Property(n => n.RuleParameters).HasColumnType("jsonb");
            e.Property(n => n.Component).HasConversion<short?>();
        });
        modelBuilder.Entity<LeafScore>(e =>
        {
            e.ToTable("leaf_scores");
            e.Property(s => s.Kind).HasConversion<short>();
            e.HasOne<YearUnit>().WithMany().HasForeignKey(s => new { s.AssessmentYearId, s.UnitId });
            e.HasOne<FrameworkNodeRow>().WithMany().HasForeignKey(s => s.NodeId);
        });
        modelBuilder.Entity<UnitResultRow>(e =>
        {
            e.ToTable("unit_results");
            e.Property(r => r.Source).HasConversion<short>();
            e.HasOne<YearUnit>().WithMany().HasForeignKey(r => new { r.AssessmentYearId, r.UnitId });
            e.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId);
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    private static void OnPublicationModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UnitAreaResult>(e =>
        {
            // A view over the areas stored beside each result (M0009): read here, written by ResultsService.
            e.ToView("unit_area_results");
            e.HasKey(a => new { a.AssessmentYearId, a.UnitId, a.AreaCode });
        });
        modelBuilder.Entity<Publication>(e =>
        {
            e.ToTable("publications");
            e.Property(p => p.Status).HasConversion<short>();
            e.Property(p => p.Classes).HasColumnType("jsonb");
            e.HasMany(p => p.Units).WithOne().HasForeignKey(u => u.PublicationId);
        });
        modelBuilder.Entity<PublicationUnit>(e =>
        {
            e.ToTable("publication_units");
            e.HasKey(u => new { u.PublicationId, u.UnitId });
            e.Property(u => u.SurveyStats).HasColumnType("jsonb");
        });
        modelBuilder.Entity<PublicationNode>(e =>
        {
            e.ToTable("publication_nodes");
            e.HasKey(n => new { n.PublicationId, n.UnitId, n.Position });
            e.Property(n => n.Level).HasConversion<short>();
            e.Property(n => n.Component).HasConversion<short?>();
            e.Property(n => n.InputKind).HasConversion<short?>();
        });
        modelBuilder.Entity<FrameworkAreaLink>(e =>
        {
            e.ToTable("framework_area_links");
            e.HasKey(l => new { l.FrameworkId, l.AreaCode, l.EarlierFrameworkId, l.EarlierAreaCode });
        });
    }

    private static void OnSurveyModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SurveyGroup>().ToTable("survey_groups");
        modelBuilder.Entity<SurveyQuestionRow>(e =>
        {
            e.ToTable("survey_questions");
            e.Property(q => q.Kind).HasConversion<short>();
            e.HasOne(q => q.Group).WithMany().HasForeignKey(q => q.GroupId);
        });
        modelBuilder.Entity<SurveyLeafRow>(e =>
        {
            e.ToTable("survey_leaves");
            e.HasKey(l => new { l.AssessmentYearId, l.LeafCode });
            e.Property(l => l.Method).HasConversion<short>();
            e.HasMany(l => l.GroupWeights).WithOne().HasForeignKey(w => new { w.AssessmentYearId, w.LeafCode });
        });
        modelBuilder.Entity<SurveyLeafGroupWeight>(e =>
        {
            e.ToTable("survey_leaf_groups");
            e.HasKey(w => new { w.AssessmentYearId, w.LeafCode, w.GroupId });
        });
        modelBuilder.Entity<SurveyPopulation>(e =>
        {
            e.ToTable("survey_populations");
            e.HasKey(p => new { p.AssessmentYearId, p.UnitId, p.GroupId });
        });
        modelBuilder.Entity<SurveyImport>().ToTable("survey_imports");
        modelBuilder.Entity<SurveyRespondent>().ToTable("survey_respondents");
        modelBuilder.Entity<SurveyInvitation>().ToTable("survey_invitations");
        modelBuilder.Entity<SurveyIntervalRow>(e =>
        {
            e.ToTable("survey_intervals");
            e.HasKey(i => new { i.AssessmentYearId, i.UnitId });
        });
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
