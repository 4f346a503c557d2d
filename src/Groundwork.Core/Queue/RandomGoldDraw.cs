namespace Groundwork.Core.Queue;

/// <summary>Serves gold with probability equal to the rate, so gold is spread evenly and cannot be predicted from position.</summary>
public sealed class RandomGoldDraw : IGoldDraw
{
    public bool ServeGold(double rate) => rate >= 1 || (rate > 0 && Random.Shared.NextDouble() < rate);
}
