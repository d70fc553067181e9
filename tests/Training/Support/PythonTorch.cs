using System.Diagnostics;

namespace Troupe.Training.Tests.Support;

/// <summary>
/// The reference engine: Debian's python3-torch (PyTorch 1.13.1) run with <c>/usr/bin/python3</c> (<c>make bench</c>
/// installs it). <see cref="Unavailable"/> says why specs needing it skip, or is null when <c>import torch</c> works.
/// </summary>
internal static class PythonTorch
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Why = new(Probe);

    public static string? Unavailable => Why.Value;

    /// <summary>Runs python with <paramref name="args"/>; throws with its output when it fails.</summary>
    public static string Run(params string[] args)
    {
        var (code, output) = Execute(args, TimeSpan.FromMinutes(2));
        if (code != 0) throw new InvalidOperationException($"{Python} {string.Join(' ', args)} exited {code}:\n{output}");
        return output;
    }

    private static string? Probe()
    {
        if (!File.Exists(Python)) return $"{Python} is absent (python3-torch, which `make bench` installs, is needed)";
        try
        {
            var (code, output) = Execute(["-c", "import torch"], TimeSpan.FromMinutes(1));
            return code == 0 ? null : $"`{Python} -c \"import torch\"` failed ({code}): install python3-torch (`make bench` does). {output.Trim()}";
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            return $"`{Python} -c \"import torch\"` could not run: {e.Message}";
        }
    }

    private static (int Code, string Output) Execute(IReadOnlyList<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        // One thread each: the test host shares two cores with other work.
        info.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Python} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Python} {string.Join(' ', args)} ran past {timeout}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>A theory that skips, saying why, where python3-torch is missing.</summary>
public sealed class PythonTorchTheoryAttribute : TheoryAttribute
{
    public PythonTorchTheoryAttribute()
    {
        if (PythonTorch.Unavailable is { } why) Skip = why;
    }
}
