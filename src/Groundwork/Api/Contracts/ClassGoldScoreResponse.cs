namespace Groundwork.Api.Contracts;

public sealed record ClassGoldScoreResponse(int Answered, int Correct, double Accuracy);
