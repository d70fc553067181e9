using System.Collections;

namespace Troupe.Actors;

/// <summary>
/// The logging scope of an actor: one property, <c>ActorPath</c>, so structured loggers index it and
/// console loggers (with scopes on) print it.
/// </summary>
public sealed class ActorScope(ActorPath path) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string PropertyName = "ActorPath";

    public ActorPath Path { get; } = path;

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(PropertyName, Path.ToString()) : throw new ArgumentOutOfRangeException(nameof(index), index, $"expected 0, got {index}");

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{PropertyName}:{Path}";
}
