// Stand-ins for the few xUnit types the README's xUnit example uses, with xUnit's names and shapes, so the example is
// compiled against FeatureFlags' real API without making xUnit a dependency of this repository (its tests are NUnit).
// They prove the FeatureFlags calls, not xUnit's: check-consumer does not run xUnit.
namespace Xunit
{
    [AttributeUsage(AttributeTargets.Method)]
    public class FactAttribute : Attribute
    {
    }

    public static class Assert
    {
        public static void True(bool condition) => throw new NotSupportedException();

        public static void False(bool condition) => throw new NotSupportedException();

        public static void Equal<T>(T expected, T actual) => throw new NotSupportedException();
    }
}
