namespace Troupe.Training.Tuning;

/// <summary>Why a domain expression does not parse: the message (expected X, got Y) and the 0-based character offset it points at.</summary>
internal sealed record DomainError(string Message, int Offset);
