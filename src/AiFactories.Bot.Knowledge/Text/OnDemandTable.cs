using System.Runtime.CompilerServices;

namespace AiFactories.Bot.Knowledge.Text;

/// <summary>
/// A value per item of the corpus (a sentence's tokens, the places it names, whether it holds a
/// date), computed the first time an answer needs it and kept: loading does not pay for every
/// sentence up front, which a one-shot question and a reload would. Safe between threads: two
/// first readers may both compute the value, and one of the two equal results is kept.
/// </summary>
internal sealed class OnDemandTable<T>(int count, Func<int, T> compute)
{
    private readonly StrongBox<T>?[] _values = new StrongBox<T>?[count];

    public T this[int index] =>
        (Volatile.Read(ref _values[index]) ?? Interlocked.CompareExchange(ref _values[index], new StrongBox<T>(compute(index)), null) ?? _values[index]!).Value!;
}
