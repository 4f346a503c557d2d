using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Review;

/// <summary>Shared steps of the review tests: the review queue and decisions through the API.</summary>
internal static class ReviewTestKit
{
    /// <summary>Takes the next annotation to review; null when there is nothing (204).</summary>
    public static async Task<JsonNode?> ReviewNextAsync(this HttpClient client, long projectId)
    {
        using var response = await client.PostAsync($"/api/v1/projects/{projectId}/review/next", null);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        await response.ExpectAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    /// <summary>Posts a decision (the JSON body as given) on an annotation.</summary>
    public static Task<HttpResponseMessage> DecideAsync(this HttpClient client, long projectId, long annotationId, string body) =>
        client.PostAsync($"/api/v1/projects/{projectId}/annotations/{annotationId}/reviews", new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>The annotation id of a review-queue item.</summary>
    public static long AnnotationId(JsonNode item) => item["annotation"]!.Id();

    public static async Task<JsonArray> ReviewsAsync(this HttpClient client, long projectId, string query = "") =>
        (await client.GetJsonAsync($"/api/v1/projects/{projectId}/reviews{query}"))["items"]!.AsArray();

    public static string ChoiceOf(JsonNode? result) => result![0]!["value"]!["choices"]![0]!.GetValue<string>();
}
