using System.Net;
using Groundwork.Tests.Infrastructure;
using Parquet;

namespace Groundwork.Tests.Api;

public sealed class ParquetExportTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Export_Parquet_StreamsOneRowPerTaskWithItsLabel(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var project = (await app.Client.CreateProjectAsync()).Id();
        await app.Client.ImportAsync(project, "{\"unique_id\":\"a\",\"data\":{\"text\":\"one\"}}\n{\"unique_id\":\"b\",\"data\":{\"text\":\"two\"}}\n");
        var first = (await app.Client.GetJsonAsync($"/api/v1/projects/{project}/tasks"))["items"]![0]!.Id();
        await (await app.Client.AnnotateAsync(project, first)).ExpectAsync(HttpStatusCode.Created);

        using var response = await app.Client.GetAsync($"/api/v1/projects/{project}/export?format=parquet");
        await response.ExpectAsync(HttpStatusCode.OK);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        await using var reader = await ParquetReader.CreateAsync(file);
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var uniqueIds = new string?[2];
        var texts = new string?[2];
        var labels = new string?[2];
        await group.ReadAsync(fields["unique_id"], uniqueIds.AsMemory());
        await group.ReadAsync(fields["text"], texts.AsMemory());
        await group.ReadAsync(fields["label"], labels.AsMemory());

        Assert.Equal("application/vnd.apache.parquet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, group.RowCount);
        Assert.Equal<string?>(["a", "b"], uniqueIds.AsEnumerable());
        Assert.Equal<string?>(["one", "two"], texts.AsEnumerable());
        Assert.Equal<string?>(["a", null], labels.AsEnumerable());
    }
}
