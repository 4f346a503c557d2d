namespace Groundwork.Core.Events;

/// <summary>
/// The ambient actor of the current request, flowing with the async call (an <see cref="AsyncLocal{T}"/>),
/// so stores can put "who" and "from where" into audit events without a parameter on every method.
/// The web host sets it once per authenticated request; the CLI may set it around a verb.
/// </summary>
public static class ActorScope
{
    private static readonly AsyncLocal<Actor?> s_current = new();

    /// <summary>The actor in scope, or null when nobody is (background work, start-up).</summary>
    public static Actor? Current => s_current.Value;

    /// <summary>Makes <paramref name="actor"/> current until the returned scope is disposed.</summary>
    public static IDisposable Begin(Actor actor)
    {
        var previous = s_current.Value;
        s_current.Value = actor;
        return new Restore(previous);
    }

    private sealed class Restore(Actor? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
