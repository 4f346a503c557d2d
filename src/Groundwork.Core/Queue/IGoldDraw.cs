namespace Groundwork.Core.Queue;

/// <summary>Decides, on each request for work, whether this one is a gold question (at the project's rate).</summary>
public interface IGoldDraw
{
    bool ServeGold(double rate);
}
