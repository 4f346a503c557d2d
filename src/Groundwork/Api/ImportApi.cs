using System.Diagnostics;
using System.Security.Claims;
using Groundwork.Api.Contracts;
using Groundwork.Core;
using Groundwork.Core.Import;
using Groundwork.Core.Projects;
using Groundwork.Core.Tasks;
using Groundwork.Formats.Import;
using Groundwork.Hosting;
using Groundwork.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Groundwork.Api;

/// <summary>
/// Bulk import. The body is read as a stream and parsed task by task into a spool file; only when the
/// whole input parsed does one transaction write it, so a bad line anywhere stores nothing.
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
                "Body: a JSON array (application/json), JSON Lines (application/x-ndjson), CSV (text/csv) or TSV, or a multipart/form-data upload of .json/.jsonl/.csv/.tsv files. " +
                "Each task is either Label Studio's task form {data, unique_id, meta, priority, batch, annotations, predictions} or a flat object that becomes its data. " +
                "A task whose unique_id exists already is skipped. All or nothing: a malformed task is reported with its line and nothing is stored. Query: batch sets a batch name for tasks that have none.")
            .Produces<ImportResponse>();

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        long projectId,
        string? batch,
        HttpRequest request,
        ClaimsPrincipal user,
        ProjectAccess access,
        ITaskStore tasks,
        IOptions<StorageOptions> storage,
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
        using var spool = TaskSpool.Create(Path.Combine(storage.Value.DataDirectory, "spool"));
        // A malformed task raises ImportFormatException; ProblemExceptionHandler answers it with its line and field.
        var problem = await SpoolAsync(request, defaults, spool, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await tasks.ImportAsync(projectId, user.UserId(), spool, null, cancellationToken);
        return TypedResults.Ok(new ImportResponse(result.Created, result.Skipped, result.Annotations, result.Predictions, Math.Round(stopwatch.Elapsed.TotalSeconds, 3)));
    }

    private static ProblemHttpResult Truncated() =>
        Problems.BadRequest("The upload is malformed", "The multipart/form-data body ends before its closing boundary; nothing was stored.");

    private static async Task<ProblemHttpResult?> SpoolAsync(HttpRequest request, ImportDefaults defaults, TaskSpool spool, CancellationToken cancellationToken)
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
                return await SpoolMultipartAsync(new MultipartReader(boundary, request.Body), defaults, spool, cancellationToken);
            }
            catch (IOException ex) when (ex is not BadHttpRequestException)
            {
                // The body ended before its closing boundary: malformed input, not a fault of ours.
                return Truncated();
            }
        }

        var bodyReader = TaskReaders.ForContentType(request.ContentType);
        if (bodyReader is null)
        {
            return Problems.UnsupportedMediaType(
                $"Content-Type '{request.ContentType}' cannot be imported: use {string.Join(", ", TaskReaders.SupportedContentTypes)} or multipart/form-data.");
        }

        await foreach (var task in bodyReader.ReadAsync(request.Body, defaults, cancellationToken))
        {
            spool.Add(task);
        }

        return null;
    }

    private static async Task<ProblemHttpResult?> SpoolMultipartAsync(MultipartReader multipart, ImportDefaults defaults, TaskSpool spool, CancellationToken cancellationToken)
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
            var reader = TaskReaders.ForFileName(fileName) ?? TaskReaders.ForContentType(section.ContentType);
            if (reader is null)
            {
                return Problems.UnsupportedMediaType($"Cannot import '{fileName}': use a .json, .jsonl, .ndjson, .csv or .tsv file.");
            }

            files++;
            await foreach (var task in reader.ReadAsync(section.Body, defaults, cancellationToken))
            {
                spool.Add(task);
            }
        }

        return files == 0 ? Problems.BadRequest("The upload has no file", "Send the tasks as a file part of the multipart/form-data body.") : null;
    }
}
