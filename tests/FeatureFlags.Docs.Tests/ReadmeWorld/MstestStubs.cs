// Stand-ins for the few MSTest types the README's MSTest example uses, with MSTest's names and shapes, so the example is
// compiled against FeatureFlags' real API without adding a second test framework to this repository's test projects.
namespace Microsoft.VisualStudio.TestTools.UnitTesting
{
    [AttributeUsage(AttributeTargets.Class)]
    public class TestClassAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public class TestMethodAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public class TestInitializeAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method)]
    public class TestCleanupAttribute : Attribute
    {
    }

    public sealed class Assert
    {
        public static void IsTrue(bool condition) => throw new NotSupportedException();

        public static void IsFalse(bool condition) => throw new NotSupportedException();

        public static void AreEqual<T>(T expected, T actual) => throw new NotSupportedException();
    }
}
