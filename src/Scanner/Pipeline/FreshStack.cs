namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Hands a stage's result to its caller on a fresh stack. An awaited task's continuation runs where the task
/// finished, on top of the finishing method's frame, and that frame (with its state machine, which is cleared only
/// once it returns) keeps everything the stage held reachable while the caller goes on: the principal graph and the IAM
/// views under the writing of every report, the findings as evaluated under the history read back from the store
/// (a heap dump after the evaluation found the graph rooted only in that frame). A hop to the thread pool unwinds it.
/// </summary>
internal static class FreshStack
{
    public static async Task<T> After<T>(Task<T> stage)
    {
        var result = await stage;
        await Task.Yield();
        return result;
    }
}
