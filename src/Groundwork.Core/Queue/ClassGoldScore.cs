namespace Groundwork.Core.Queue;

/// <summary>Gold answers on tasks whose known answer carries one label class.</summary>
public sealed record ClassGoldScore(int Answered, int Correct)
{
    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;
}
