using Bogus;

namespace Ocado.Guardrails.Scanner.Demo;

internal static class FakerExtensions
{
    /// <summary>One element of a read-only list (Bogus's PickRandom overloads take arrays and mutable lists only).</summary>
    public static T Pick<T>(this Faker faker, IReadOnlyList<T> items) => items[faker.Random.Int(0, items.Count - 1)];
}
