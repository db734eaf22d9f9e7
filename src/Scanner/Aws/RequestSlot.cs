namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// One request's place in its (account, region, service) bucket, from the limiter's release until the request is sent.
/// AWS counts a request when it arrives, so the bucket counts it from the moment it reaches the wire
/// (<see cref="RequestSlotHandler"/>), not from its release: signing, the AWS SDK's marshalling and a loaded thread pool
/// all come in between, and a request released on time but sent late was followed by the next one too closely.
/// The bucket releases no other request until this one is sent (or given up).
/// </summary>
/// <remarks>
/// The SDK's clients (EC2, DynamoDB, STS) build and send their requests themselves, so the slot reaches the handler
/// through the call's async flow: the caller makes it <see cref="Current"/> after the wait (an async method's own
/// <see cref="AsyncLocal{T}"/> changes do not flow back to its caller) and disposes it when the attempt ends.
/// A bucket with a short interval (STS's 20 ms) releases its requests before their time (<see cref="Gate"/>), so that
/// each is marshalled and signed while the ones before it wait: the handler holds it at the wire until its time.
/// </remarks>
internal sealed class RequestSlot : IDisposable
{
    private static readonly AsyncLocal<RequestSlot?> InFlow = new();

    private readonly Action<RequestSlot> _sent;
    private int _done;

    internal RequestSlot(Action<RequestSlot> sent) => _sent = sent;

    /// <summary>The slot of the request the current async flow is about to send, if any.</summary>
    public static RequestSlot? Current
    {
        get => InFlow.Value;
        set => InFlow.Value = value;
    }

    /// <summary>What completes when the bucket releases the request (null: released at once).</summary>
    internal TaskCompletionSource? Released { get; set; }

    /// <summary>Released before its time (a bucket of a short interval): what holds it at the wire until then.</summary>
    internal Func<RequestSlot, CancellationToken, ValueTask>? Gate { get; set; }

    /// <summary>The request leaves for the wire now: its bucket counts it from here. Only the first call counts.</summary>
    public void Sent()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            _sent(this);
        }
    }

    /// <summary>
    /// The request is built and signed and would leave for the wire now: completes, <see cref="Sent"/>, once its time has
    /// come. A request on time is sent at once; one released early is sent at its time by the <see cref="WirePacer"/>,
    /// whose thread runs the send itself (the continuation runs inline): no thread pool queue between its time and the wire.
    /// Whoever reaches the wire without calling this (an attempt that failed first) is counted at its dispose.
    /// </summary>
    public ValueTask SendingAsync(CancellationToken cancellationToken)
    {
        if (Gate is { } gate)
        {
            return gate(this, cancellationToken);
        }
        Sent();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The attempt is over. A request never seen on the wire (it failed before it was sent, or went through an HTTP
    /// client without <see cref="RequestSlotHandler"/>) is counted from now: late, so never too early.
    /// </summary>
    public void Dispose()
    {
        if (ReferenceEquals(Current, this))
        {
            Current = null;
        }
        Sent();
    }
}
