using System.Data.Common;
using Groundwork.Core.Annotations;
using Groundwork.Core.Projects;
using Groundwork.Core.Reviews;
using Groundwork.Core.Tasks;
using Groundwork.Core.Users;

namespace Groundwork.Data.Stores;

/// <summary>Maps rows to domain records. Column lists live beside the mappers so the two never drift apart.</summary>
internal static class Rows
{
    public const string ProjectColumns = "id, name, label_config, instructions, overlap, created_by, created_at, updated_at, lease_seconds, gold_rate, gold_threshold, gold_window, qualification_pass_mark, consensus_method, adaptive_target, adaptive_max, review_policy, review_sample_rate, review_threshold";

    public const string TokenColumns = "id, user_id, name, prefix, created_at, last_used_at, revoked_at";

    public const string UserColumns = "id, email, name, is_admin, created_at, disabled_at";

    public static string TaskColumns(GroundworkDatabase db, string alias = "") =>
        $"{alias}id, {alias}project_id, {db.JsonColumn(alias + "data")}, {alias}unique_id, {db.JsonColumn(alias + "metadata")}, {alias}priority, {alias}batch, {alias}status, {alias}overlap, {alias}annotation_count, {alias}created_at, {alias}updated_at, {alias}lease_count";

    public static string AnnotationColumns(GroundworkDatabase db) =>
        $"id, task_id, project_id, author_id, {db.JsonColumn("result")}, lead_time, origin, created_at, updated_at, review_state, {db.JsonColumn("fixed_result")}";

    public static Project Project(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.GetInt32(4),
        r.IsDBNull(5) ? null : r.GetInt64(5),
        r.GetFieldValue<DateTimeOffset>(6),
        r.GetFieldValue<DateTimeOffset>(7))
    {
        Queue = new ProjectQueueSettings(
            r.GetInt32(8),
            r.GetDouble(9),
            r.IsDBNull(10) ? null : r.GetDouble(10),
            r.GetInt32(11),
            r.IsDBNull(12) ? null : r.GetDouble(12)),
        Quality = new ProjectQualitySettings(
            r.GetString(13),
            r.IsDBNull(14) ? null : r.GetDouble(14),
            r.IsDBNull(15) ? null : r.GetInt32(15)),
        Review = new ProjectReviewSettings(
            ReviewPolicyNames.Parse(r.GetString(16)),
            r.GetDouble(17),
            r.IsDBNull(18) ? null : r.GetDouble(18)),
    };

    public static LabelingTask Task(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4),
        r.GetInt32(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        TaskStatusNames.Parse(r.GetString(7)),
        r.IsDBNull(8) ? null : r.GetInt32(8),
        r.GetInt32(9),
        r.GetFieldValue<DateTimeOffset>(10),
        r.GetFieldValue<DateTimeOffset>(11))
    {
        LeaseCount = r.GetInt32(12),
    };

    public static Annotation Annotation(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        r.GetInt64(2),
        r.GetInt64(3),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetDouble(5),
        r.GetString(6),
        r.GetFieldValue<DateTimeOffset>(7),
        r.GetFieldValue<DateTimeOffset>(8))
    {
        ReviewState = r.FieldCount > 9 && !r.IsDBNull(9) ? r.GetString(9) : null,
        FixedResultJson = r.FieldCount > 10 && !r.IsDBNull(10) ? r.GetString(10) : null,
    };

    public static User User(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetBoolean(3),
        r.GetFieldValue<DateTimeOffset>(4),
        r.FieldCount > 5 && !r.IsDBNull(5) ? r.GetFieldValue<DateTimeOffset>(5) : null);

    public static ApiToken Token(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        r.GetString(2),
        r.GetString(3),
        r.GetFieldValue<DateTimeOffset>(4),
        r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6));
}
