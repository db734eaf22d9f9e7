using System.Collections;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// A lazy LINQ result a rule built, enumerated through a guard. LINQ operators keep a reference to
/// their source and enumerate it from their own MoveNext: a rule that nests a million of them
/// (<c>s = s.Distinct()</c> in a loop) makes the BCL recurse a million deep with no rule frame in
/// between, a stack overflow that kills the process. With this wrapper every level passes through
/// <see cref="RuleGuard.Enter()"/>, which ends the evaluation first; it also ticks per element.
/// </summary>
internal sealed class GuardedSequence<T>(IEnumerable<T> source) : IEnumerable<T>
{
    public IEnumerator<T> GetEnumerator()
    {
        RuleGuard.Enter();
        return new Enumerator(source.GetEnumerator());
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator(IEnumerator<T> inner) : IEnumerator<T>
    {
        public T Current => inner.Current;

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            RuleGuard.Enter();
            return inner.MoveNext();
        }

        public void Reset() => inner.Reset();

        public void Dispose()
        {
            // Disposing a nested chain recurses as deep as enumerating it, and runs while a guard's
            // exception unwinds from near the end of the stack: stop when the stack is short. LINQ's
            // iterators over in-memory data hold nothing that must be released.
            if (RuleGuard.StackLeft())
            {
                inner.Dispose();
            }
        }
    }
}
