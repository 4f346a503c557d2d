using System.Globalization;
using System.Security.Claims;
using Groundwork.Core.Projects;
using Groundwork.Core.Storage;
using Groundwork.Formats.Media;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Groundwork.Api;

/// <summary>
/// Imported media, served through Groundwork (never by handing out the bucket): project members only, and an
/// annotator only the media of tasks the queue leased to them. Range requests (audio and video seeking), ETag and
/// Last-Modified with conditional requests, <c>X-Content-Type-Options: nosniff</c> and a sandboxing
/// Content-Security-Policy. Only the passive media types of <see cref="MediaTypes"/> are served inline; any other blob
/// under the media prefix goes out as an <c>application/octet-stream</c> attachment.
/// </summary>
public static class MediaApi
{
    public static RouteGroupBuilder MapMediaApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects/{projectId:long}/media").WithTags("Media").RequireAuthorization();
        group.MapGet("/{*name}", GetAsync)
            .WithName("GetMedia")
            .WithSummary("Fetch an imported media file")
            .WithDescription(
                "The URL an imported media task carries (data.<variable>). Managers and reviewers may fetch any media of the project; annotators only media of tasks leased to them " +
                "(others answer 404). Supports Range (206), If-None-Match / If-Modified-Since (304) and If-Range. Images, audio and video are served inline with their type; " +
                "anything else as an attachment.")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status206PartialContent)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetAsync(
        long projectId,
        string name,
        HttpContext context,
        ClaimsPrincipal user,
        ProjectAccess access,
        IBlobStore blobs,
        IMediaVisibility visibility,
        CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Annotator, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        var missing = Problems.NotFound($"Project {projectId} has no media \"{name}\" visible to you.");
        if (!BlobKey.IsValid(name))
        {
            return missing;
        }

        if (check.Role == ProjectRole.Annotator && !user.IsAdmin()
            && !(MediaKeys.TryParse(name, out var hash) && await visibility.WasLeasedToAsync(projectId, MediaKeys.UniqueId(hash), user.UserId(), cancellationToken)))
        {
            return missing;
        }

        var content = await blobs.OpenReadAsync(MediaKeys.BlobKey(projectId, name), cancellationToken);
        if (content is null)
        {
            return missing;
        }

        var info = content.Info;
        var type = MediaTypes.Of(name);
        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        headers[HeaderNames.CacheControl] = "private, max-age=3600";
        if (type is null)
        {
            headers[HeaderNames.ContentDisposition] = "attachment";
        }

        var etag = new EntityTagHeaderValue(string.Create(CultureInfo.InvariantCulture, $"\"{info.Length:x}-{info.LastModified.ToUnixTimeMilliseconds():x}\""));
        return TypedResults.Stream(
            content.Stream,
            type?.ContentType ?? "application/octet-stream",
            fileDownloadName: null,
            lastModified: info.LastModified,
            entityTag: etag,
            enableRangeProcessing: true);
    }
}
