namespace Ocado.Guardrails.Scanner.Aws;

internal sealed partial class RateLimiters
{
    /// <summary>How far ahead of their time a bucket of a short interval releases its requests (STS: 25 of 20 ms).</summary>
    private static readonly TimeSpan Ahead = TimeSpan.FromMilliseconds(500);

    /// <remarks>
    /// A bucket of a short interval (<see cref="ExactBelow"/>: STS's 20 ms, one bucket for every AssumeRole of a run) is
    /// paced at the wire. It releases up to <see cref="Ahead"/> of requests before their time, which are built and signed
    /// meanwhile and then held at the wire (<see cref="RequestSlotHandler"/>) in the order they reach it; the
    /// <see cref="WirePacer"/>'s thread sends the first one when the bucket allows it (the one before it sent an interval
    /// ago) and counts it sent as it does, under the bucket's lock. Released only when the previous one was sent, each
    /// AssumeRole had been 20 ms plus the time from its release to the wire (the thread pool's queue, the SDK's
    /// marshalling and signing, 5 ms at the median and hundreds early in a night while the JIT kept the pool busy); held
    /// ready at the wire, the next one only waits for its time.
    /// </remarks>
    private sealed partial class Bucket : WirePacer.IPaced
    {
        private readonly LinkedList<AtWire> _atWire = new();
        private int _ahead;
        private bool _paced;

        /// <summary>Paced at the wire: released ahead, held there until its time.</summary>
        private bool Exact => _interval < ExactBelow.TotalSeconds && WaitsForSends;

        /// <summary>The most requests released and not yet sent.</summary>
        private int AheadMost => Math.Max(1, (int)(Ahead.TotalSeconds / _interval));

        /// <summary>Under the lock: a request reached the wire or its attempt ended; the next may leave an interval after it.</summary>
        private void CountSent(double now)
        {
            _next = Math.Max(_next, now) + _interval;
            _ahead--;
            ReleaseAllowed(now);
        }

        /// <summary>The request is built and signed: sent now if its time has come and none is held before it, else held.</summary>
        private ValueTask SendingAsync(RequestSlot slot, CancellationToken cancellationToken)
        {
            AtWire held;
            lock (_waiting)
            {
                if (_atWire.Count == 0 && limiters.Now >= Earliest - 1e-9)
                {
                    // Counted under the lock: no other request of the bucket can take the same time.
                    slot.Sent();
                    return ValueTask.CompletedTask;
                }
                held = new AtWire(slot, this);
                held.Node = _atWire.AddLast(held);
                if (!_paced)
                {
                    _paced = true;
                    limiters._pacer.Schedule(this, limiters.TimestampAt(Earliest));
                }
            }
            held.Registration = cancellationToken.UnsafeRegister(static (state, token) => ((AtWire)state!).Bucket.Cancel((AtWire)state!, token), held);
            return new ValueTask(held.Due.Task);
        }

        /// <summary>The pacer's call: sends the first request held if its time has come; when the next one is due, if any.</summary>
        public long? SendDue()
        {
            AtWire? due = null;
            long? next;
            lock (_waiting)
            {
                if (_atWire.First is { } first && limiters.Now >= Earliest - 1e-9)
                {
                    _atWire.RemoveFirst();
                    due = first.Value;
                    due.Slot.Sent();
                }
                next = _atWire.Count > 0 ? limiters.TimestampAt(Earliest) : null;
                _paced = next is not null;
            }
            if (due is not null)
            {
                due.Registration.Unregister();
                // Continuations inline: the request's send continues on this thread, now.
                due.Due.TrySetResult();
            }
            return next;
        }

        public void Cancel(AtWire held, CancellationToken token)
        {
            lock (_waiting)
            {
                if (held.Node?.List is null)
                {
                    return;
                }
                _atWire.Remove(held.Node);
            }
            held.Due.TrySetCanceled(token);
        }
    }

    /// <summary>A request held at the wire, and what completes when it may leave (continuations inline).</summary>
    private sealed class AtWire(RequestSlot slot, Bucket bucket)
    {
        public RequestSlot Slot => slot;
        public Bucket Bucket => bucket;
        public TaskCompletionSource Due { get; } = new();
        public LinkedListNode<AtWire>? Node { get; set; }
        public CancellationTokenRegistration Registration { get; set; }
    }
}
