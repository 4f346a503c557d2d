using System.Net;
using System.Net.Sockets;

namespace Groundwork.Webhooks;

/// <summary>
/// Opens the webhook client's connections. Unless private networks are allowed, it resolves the host
/// itself and connects only to a public address, so a subscription (or a DNS answer that changes after
/// it was made) cannot point the server at itself, its cloud metadata service or the internal network.
/// </summary>
public sealed class WebhookConnector(bool allowPrivateNetworks)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = allowPrivateNetworks ? addresses : addresses.Where(NetworkAddresses.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                $"{endpoint.Host} resolves only to loopback or private addresses, which webhooks may not reach (set Groundwork:Webhooks:AllowPrivateNetworks to allow them)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
