using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Groundwork.Hosting;

/// <summary>Declares the API token scheme in the OpenAPI document so the reference page can send it.</summary>
public sealed class TokenSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "Groundwork API";
        document.Info.Description = "Self-hosted data labeling. Send 'Authorization: Token <token>' (or Bearer) on every /api route.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Token"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token: 'Authorization: Bearer <token>' or 'Authorization: Token <token>'.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Token", document)] = [] });
        return Task.CompletedTask;
    }
}
