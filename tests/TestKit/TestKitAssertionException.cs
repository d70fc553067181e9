namespace Troupe.TestKit;

/// <summary>A TestKit expectation failed; the message says what was expected, what came, and after how long.</summary>
public sealed class TestKitAssertionException : Exception
{
    public TestKitAssertionException(string message, Exception? inner = null) : base(message, inner) { }
}
