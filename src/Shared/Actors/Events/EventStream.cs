using System.Collections.Concurrent;

namespace Troupe.Actors;

/// <summary>
/// Publish/subscribe by type: an event goes to every subscriber of its type, of a base class or of an
/// interface it implements, once per subscriber. Subscribers are refs; an actor is unsubscribed
/// when it stops. The resolved subscriber list per event type is cached until the next change.
/// </summary>
public sealed class EventStream
{
    private readonly object gate = new();
    private readonly Dictionary<Type, HashSet<IActorRef>> subscriptions = new();
    private readonly ConcurrentDictionary<Type, IActorRef[]> cache = new();

    /// <summary>False when already subscribed to <paramref name="channel"/>.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (gate)
        {
            if (!subscriptions.TryGetValue(channel, out var set)) subscriptions[channel] = set = new HashSet<IActorRef>();
            if (!set.Add(subscriber)) return false;
            cache.Clear();
            return true;
        }
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (gate)
        {
            if (!subscriptions.TryGetValue(channel, out var set) || !set.Remove(subscriber)) return false;
            if (set.Count == 0) subscriptions.Remove(channel);
            cache.Clear();
            return true;
        }
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (gate)
        {
            var changed = false;
            foreach (var (channel, set) in subscriptions.ToList())
            {
                if (!set.Remove(subscriber)) continue;
                changed = true;
                if (set.Count == 0) subscriptions.Remove(channel);
            }
            if (changed) cache.Clear();
        }
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        if (!cache.TryGetValue(type, out var subscribers)) subscribers = Resolve(type);
        foreach (var subscriber in subscribers) subscriber.Tell(@event, null);
    }

    private IActorRef[] Resolve(Type type)
    {
        lock (gate)
        {
            var result = new HashSet<IActorRef>();
            foreach (var (channel, set) in subscriptions)
                if (channel.IsAssignableFrom(type)) result.UnionWith(set);
            var array = result.ToArray();
            cache[type] = array;
            return array;
        }
    }
}
