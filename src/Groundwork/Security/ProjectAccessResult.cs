using Groundwork.Core.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Security;

/// <summary>The project when access is granted; otherwise the status to answer with (404 or 403).</summary>
public sealed record ProjectAccessResult(Project? Project, ProjectRole? Role, int? DeniedStatus)
{
    public bool Granted => Project is not null;

    public static ProjectAccessResult NotFound(long projectId) => new(null, null, StatusCodes.Status404NotFound) { ProjectId = projectId };

    public long ProjectId { get; init; }

    /// <summary>The problem response for a denied access.</summary>
    public ProblemHttpResult Denied() => DeniedStatus == StatusCodes.Status403Forbidden
        ? TypedResults.Problem(title: "Forbidden", detail: "Your role on this project does not allow this.", statusCode: StatusCodes.Status403Forbidden)
        : TypedResults.Problem(title: "Not found", detail: $"Project {ProjectId} does not exist or is not visible to you.", statusCode: StatusCodes.Status404NotFound);
}
