namespace Troupe.Coordinator.Commands;

/// <summary>An exception's message as a CLI user should read it (without .NET's " (Parameter 'x')" suffix).</summary>
internal static class ErrorText
{
    public static string Of(Exception e) => e is ArgumentException { ParamName: { } p } && e.Message.EndsWith($" (Parameter '{p}')", StringComparison.Ordinal)
        ? e.Message[..^$" (Parameter '{p}')".Length]
        : e.Message;
}
