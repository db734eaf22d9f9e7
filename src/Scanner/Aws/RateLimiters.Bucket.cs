namespace Ocado.Guardrails.Scanner.Aws;

internal sealed partial class RateLimiters
{
    /// <summary>
    /// One bucket: its theoretical arrival time (the next start it can give, <c>burst - 1</c> intervals early at most) and
    /// the requests waiting, in order. A request is released at once or on a tick once the bucket allows it, and the next
    /// one only after the released one was sent: the schedule follows the sends that happened, not the releases planned,
    /// so the gap AWS sees between two arrivals never shrinks below the interval because one request was signed, built or
    /// resumed late. A bucket of a short interval works otherwise (<see cref="Exact"/>, the file beside this one).
    /// </summary>
    private sealed partial class Bucket(double rate, int burst, RateLimiters limiters)
    {
        private readonly double _interval = 1 / rate;
        private readonly LinkedList<RequestSlot> _waiting = new();
        private RequestSlot? _unsent;
        private double _next;
        private bool _disposed;

        /// <summary>At a rate beyond one request a tick, the tick is the precision: waiting for each send would cap the rate at the tick's.</summary>
        private bool WaitsForSends => _interval >= Tick.TotalSeconds;

        /// <summary>The earliest time the next request may reach the wire.</summary>
        private double Earliest => _next - ((burst - 1) * _interval);

        /// <summary>A nanosecond of float error forgiven: a timer due at the start's exact time finds it allowed.</summary>
        private bool Allows(double now) => Exact
            ? _ahead < AheadMost
            : now >= Earliest - 1e-9 && (_unsent is null || !WaitsForSends);

        /// <summary>A slot released at once (no <see cref="RequestSlot.Released"/>), or one that waits to be released.</summary>
        public RequestSlot Reserve(double now)
        {
            var slot = new RequestSlot(Sent);
            lock (_waiting)
            {
                if (_waiting.Count == 0 && Allows(now))
                {
                    Take(slot, now);
                    return slot;
                }
                slot.Released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.AddLast(slot);
                limiters._queued.TryAdd(this, 0);
                return slot;
            }
        }

        public void Release(double now, bool disposed = false)
        {
            List<AtWire> canceled;
            lock (_waiting)
            {
                ReleaseAllowed(now, disposed);
                if (!disposed)
                {
                    return;
                }
                canceled = [.. _atWire];
                _atWire.Clear();
            }
            foreach (var held in canceled)
            {
                held.Due.TrySetException(new OperationCanceledException("the rate limiter was disposed"));
            }
        }

        /// <summary>Under the lock: releases the waiting requests the bucket allows now, in order.</summary>
        private void ReleaseAllowed(double now, bool disposed = false)
        {
            while (_waiting.First is { } first && (disposed || Allows(now)))
            {
                _waiting.RemoveFirst();
                if (disposed)
                {
                    first.Value.Released!.TrySetException(new OperationCanceledException("the rate limiter was disposed"));
                    continue;
                }
                Take(first.Value, now);
                first.Value.Released!.TrySetResult();
            }
            if (_waiting.Count == 0)
            {
                // Under the bucket's lock, as Reserve adds it: a request queued meanwhile keeps its bucket visited.
                limiters._queued.TryRemove(this, out _);
            }
            _disposed |= disposed;
        }

        /// <summary>Under the lock: the request is released now (a bucket of a short interval holds it at the wire until its time).</summary>
        private void Take(RequestSlot slot, double now)
        {
            if (Exact)
            {
                _ahead++;
                slot.Gate = SendingAsync;
                return;
            }
            _next = Math.Max(now, _next) + _interval;
            _unsent = slot;
        }

        /// <summary>The request left for the wire now: the next one leaves an interval after it, at the earliest.</summary>
        private void Sent(RequestSlot slot)
        {
            var now = limiters.Now;
            lock (_waiting)
            {
                if (Exact)
                {
                    CountSent(now);
                    return;
                }
                _next = Math.Max(_next, now + _interval);
                if (_unsent == slot)
                {
                    _unsent = null;
                }
            }
        }

        /// <summary>A request whose caller gave up while it waited: out of the queue, or, released already, no longer holding the next one back.</summary>
        public void Abandon(RequestSlot slot)
        {
            lock (_waiting)
            {
                if (_waiting.Remove(slot))
                {
                    return;
                }
                if (_unsent == slot)
                {
                    _unsent = null;
                }
            }
            if (slot.Gate is not null)
            {
                // Released ahead already: counted now, as if sent (late, so never early), which frees its place ahead.
                slot.Sent();
            }
        }
    }
}
