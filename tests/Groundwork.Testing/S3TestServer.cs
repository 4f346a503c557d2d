using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Groundwork.Testing;

/// <summary>
/// The S3-compatible server the tests run against: <c>.ci/run</c> starts s3rver (npm, pinned in <c>tests/s3rver</c>)
/// on loopback and sets <c>GROUNDWORK_TEST_S3</c> to its URL. Each test makes its own bucket. s3rver checks the
/// access key id but not signatures, so these tests prove the bytes and the protocol, never authentication.
/// </summary>
public static class S3TestServer
{
    public const string EnvironmentVariable = "GROUNDWORK_TEST_S3";

    /// <summary>s3rver's built-in credentials.</summary>
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    public const string Region = "us-east-1";

    private static readonly Lazy<Uri?> s_endpoint = new(Probe);

    /// <summary>The server's URL, skipping the test (failing under CI) when none answers.</summary>
    public static Uri RequireEndpoint()
    {
        var endpoint = s_endpoint.Value;
        TestEnvironment.Require(endpoint is not null, $"no S3-compatible server: set {EnvironmentVariable} (e.g. http://127.0.0.1:4568 from `node tests/s3rver/node_modules/s3rver/bin/s3rver.js -d /tmp/s3 -a 127.0.0.1 -p 4568`) or run .ci/run");
        return endpoint!;
    }

    /// <summary>Creates an empty bucket with a fresh name and returns it.</summary>
    public static async Task<string> CreateBucketAsync()
    {
        var name = "gw-test-" + Guid.NewGuid().ToString("N")[..16];
        using var client = CreateClient(RequireEndpoint());
        await client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    /// <summary>A client with the settings that work against s3rver over plain HTTP (DEPENDENCIES.md).</summary>
    public static AmazonS3Client CreateClient(Uri endpoint) => new(
        new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 0,
        });

    private static Uri? Probe()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var endpoint))
        {
            return null;
        }

        try
        {
            using var client = CreateClient(endpoint);
            client.ListBucketsAsync().GetAwaiter().GetResult();
            return endpoint;
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or System.Net.Sockets.SocketException or TaskCanceledException)
        {
            return null;
        }
    }
}
