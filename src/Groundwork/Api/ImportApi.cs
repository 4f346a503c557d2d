using System.Diagnostics;
using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core;
using Groundwork.Core.Import;
using Groundwork.Core.Projects;
using Groundwork.Core.Storage;
using Groundwork.Core.Tasks;
using Groundwork.Formats.Import;
using Groundwork.Hosting;
using Groundwork.Import;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Groundwork.Api;

/// <summary>
/// Bulk import. The body is read as a stream and parsed task by task into a spool file, each task checked against
/// the label config's variables; only when the whole input parsed does one transaction write it, so a bad line
/// anywhere stores nothing. A zip of media files is spooled to disk, each file streamed into the blob store and made
/// into one task; a URL list makes one task per URL.
/// </summary>
public static class ImportApi
{
    public static RouteHandlerBuilder MapImportApi(this IEndpointRouteBuilder routes, long maxImportBytes) =>
        routes.MapPost("/api/v1/projects/{projectId:long}/import", ImportAsync)
            .WithTags("Tasks")
            .RequireAuthorization()
            .WithMetadata(new BodySizeLimit(maxImportBytes))
            .DisableAntiforgery()
            .WithName("ImportTasks")
            .WithSummary("Bulk-import tasks")
            .WithDescription(
                "Body: a JSON array (application/json), JSON Lines (application/x-ndjson), CSV (text/csv) or TSV, a list of URLs (text/uri-list, one per line), " +
                "a zip of images, audio or video (application/zip), or a multipart/form-data upload of .json/.jsonl/.csv/.tsv/.txt/.zip files. " +
                "Each task is either Label Studio's task form {data, unique_id, meta, priority, batch, annotations, predictions} or a flat object that becomes its data, " +
                "and must carry every $variable the label config reads. A media file becomes a task whose object variable is its Groundwork media URL, unique_id sha256:<content hash>. " +
                "A task whose unique_id exists already is skipped. All or nothing: a malformed task is reported with its line (a bad zip entry by its name) and nothing is stored. Query: batch sets a batch name for tasks that have none.")
            .Produces<ImportResponse>();

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        long projectId,
        string? batch,
        HttpRequest request,
        ClaimsPrincipal user,
        ProjectAccess access,
        ITaskStore tasks,
        IBlobStore blobs,
        IOptions<StorageOptions> storage,
        IOptions<MediaOptions> media,
        CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(user, projectId, ProjectRole.Manager, cancellationToken);
        if (!check.Granted)
        {
            return check.Denied();
        }

        if (!StoredText.IsValid(batch))
        {
            return Problems.BadRequest("The import is malformed; nothing was stored", $"batch {StoredText.Rule}.", new Dictionary<string, object?> { ["field"] = "batch" });
        }

        var stopwatch = Stopwatch.StartNew();
        var defaults = new ImportDefaults(string.IsNullOrWhiteSpace(batch) ? null : batch);
        var spoolFolder = Path.Combine(storage.Value.DataDirectory, "spool");
        using var spool = TaskSpool.Create(spoolFolder);
        var import = TaskImport.Create(projectId, check.Project!.LabelConfig, defaults, spool, blobs, media.Value.Limits, spoolFolder);
        // A malformed task raises ImportFormatException, a bad zip entry MediaImportException; ProblemExceptionHandler
        // answers them with the line and field, or the entry.
        var problem = await SpoolAsync(request, import, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await tasks.ImportAsync(projectId, user.UserId(), spool, null, cancellationToken);
        return TypedResults.Ok(new ImportResponse(result.Created, result.Skipped, result.Annotations, result.Predictions, Math.Round(stopwatch.Elapsed.TotalSeconds, 3))
        {
            Media = import.Media is null ? null : MediaImportResponse.From(import.Media),
        });
    }

    /// <summary>The content types a zip of media arrives with.</summary>
    private static bool IsZip(string? mediaType) => mediaType is "application/zip" or "application/x-zip-compressed" or "application/x-zip";

    private static bool IsUriList(string? mediaType) => mediaType is "text/uri-list";

    private static string? MediaTypeOf(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant();

    private static ProblemHttpResult Truncated() =>
        Problems.BadRequest("The upload is malformed", "The multipart/form-data body ends before its closing boundary; nothing was stored.");

    private static async Task<ProblemHttpResult?> SpoolAsync(HttpRequest request, TaskImport import, CancellationToken cancellationToken)
    {
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                return Problems.BadRequest("The upload is malformed", "multipart/form-data needs a boundary parameter.");
            }

            try
            {
                return await SpoolMultipartAsync(new MultipartReader(boundary, request.Body) { BodyLengthLimit = null }, import, cancellationToken);
            }
            catch (IOException ex) when (ex is not BadHttpRequestException)
            {
                // The body ended before its closing boundary: malformed input, not a fault of ours.
                return Truncated();
            }
        }

        var bodyType = MediaTypeOf(request.ContentType);
        if (IsZip(bodyType))
        {
            await import.ReadZipStreamAsync(request.Body, cancellationToken);
            return null;
        }

        if (IsUriList(bodyType))
        {
            await import.ReadUriListAsync(request.Body, cancellationToken);
            return null;
        }

        var bodyReader = TaskReaders.ForContentType(request.ContentType);
        if (bodyReader is null)
        {
            return Problems.UnsupportedMediaType(
                $"Content-Type '{request.ContentType}' cannot be imported: use {string.Join(", ", TaskReaders.SupportedContentTypes)}, text/uri-list, application/zip or multipart/form-data.");
        }

        await import.ReadTasksAsync(bodyReader, request.Body, cancellationToken);
        return null;
    }

    private static async Task<ProblemHttpResult?> SpoolMultipartAsync(MultipartReader multipart, TaskImport import, CancellationToken cancellationToken)
    {
        var files = 0;
        while (await multipart.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
            {
                continue;
            }

            // Only the name's extension is used. A path in it (either separator: some clients send C:\...) is dropped.
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName.HasValue ? disposition.FileName : disposition.FileNameStar).Value ?? string.Empty;
            fileName = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
            var extension = Path.GetExtension(fileName).ToLowerInvariant();
            var partType = MediaTypeOf(section.ContentType);
            files++;
            if (extension == ".zip" || (extension.Length == 0 && IsZip(partType)))
            {
                await import.ReadZipStreamAsync(section.Body, cancellationToken);
                continue;
            }

            if (extension == ".txt" || (extension.Length == 0 && partType == "text/uri-list"))
            {
                await import.ReadUriListAsync(section.Body, cancellationToken);
                continue;
            }

            var reader = TaskReaders.ForFileName(fileName) ?? TaskReaders.ForContentType(section.ContentType);
            if (reader is null)
            {
                return Problems.UnsupportedMediaType($"Cannot import '{fileName}': use a .json, .jsonl, .ndjson, .csv, .tsv, .txt (URLs) or .zip (media) file.");
            }

            await import.ReadTasksAsync(reader, section.Body, cancellationToken);
        }

        return files == 0 ? Problems.BadRequest("The upload has no file", "Send the tasks as a file part of the multipart/form-data body.") : null;
    }
}
