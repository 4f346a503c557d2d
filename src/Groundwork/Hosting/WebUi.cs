using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Groundwork.Hosting;

/// <summary>
/// Serves the browser UI: the bundle that the build copies to <c>wwwroot/</c> beside the executable, and
/// <c>index.html</c> for every client route. API, OpenAPI, reference and health paths never fall back to it.
/// UI responses carry a strict Content-Security-Policy: scripts and connections only from this origin,
/// no inline scripts, no remote origins (images and audio may come from <see cref="WebUiOptions.MediaOrigins"/>,
/// which also join connect-src because the waveform view fetches its audio).
/// </summary>
public static class WebUi
{
    private static readonly string[] s_serverPrefixes = ["/api", "/openapi", "/docs", "/healthz"];

    /// <summary>The folder the UI is served from: <c>wwwroot</c> beside the executable, whatever the current directory.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Adds the security headers, the static files and index.html for client routes.</summary>
    public static WebApplication UseGroundworkWebUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<WebUiOptions>>().Value;
        var policy = ContentSecurityPolicy(options.MediaOrigins);
        app.Use((context, next) =>
        {
            context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            if (!IsServerPath(context.Request.Path))
            {
                context.Response.Headers[HeaderNames.ContentSecurityPolicy] = policy;
                context.Response.Headers["Referrer-Policy"] = "same-origin";
                context.Response.Headers[HeaderNames.XFrameOptions] = "DENY";
            }

            return next(context);
        });

        if (!Directory.Exists(Root))
        {
            return app;
        }

        var files = new PhysicalFileProvider(Root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = static ctx => ctx.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        // Client routes get index.html. This is middleware rather than MapFallback on purpose: a fallback endpoint
        // would also catch API requests that routing turned down (wrong method or content type) and hide their
        // 405/415. Here only requests no endpoint matched, outside the server's paths, without a file extension,
        // are answered with the app.
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.GetEndpoint() is not null
                || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                || IsServerPath(path)
                || Path.HasExtension(path.Value))
            {
                await next(context);
                return;
            }

            var index = files.GetFileInfo("index.html");
            if (!index.Exists)
            {
                await next(context);
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await context.Response.SendFileAsync(index, context.RequestAborted);
            }
        });
        return app;
    }

    /// <summary>Whether the path belongs to the server (API, OpenAPI, reference, health), never to the UI.</summary>
    public static bool IsServerPath(PathString path)
    {
        foreach (var prefix in s_serverPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The UI's policy: nothing inline but styles (the annotation libraries position shapes with style attributes).</summary>
    public static string ContentSecurityPolicy(string? mediaOrigins)
    {
        var media = string.IsNullOrWhiteSpace(mediaOrigins) ? string.Empty : " " + mediaOrigins.Trim();
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + $"img-src 'self' data: blob:{media}; media-src 'self' data: blob:{media}; connect-src 'self'{media}; "
            + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'";
    }
}
