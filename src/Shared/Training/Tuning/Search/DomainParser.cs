namespace Troupe.Training.Tuning;

/// <summary>
/// Reads a spec's parameter values: <c>loguniform(a, b)</c>, <c>uniform(a, b)</c>, <c>randint(a, b)</c>,
/// <c>choice(v, ...)</c>, <c>grid(v, ...)</c>, or a literal (<c>0.1</c>, <c>64</c>, <c>true</c>, <c>adam</c>) as a
/// <see cref="FixedValue"/>. Values inside choice/grid are literals; quote a string that holds a comma, a
/// parenthesis or spaces at its ends (<c>"a, b"</c>).
/// </summary>
internal static class DomainParser
{
    /// <summary>The domain function names, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Functions { get; } = ["loguniform", "uniform", "choice", "randint", "grid"];

    /// <exception cref="FormatException">The text is not a valid domain; the message carries the offset.</exception>
    public static Domain Parse(string text)
    {
        if (TryParse(text, out var domain, out var error)) return domain;
        throw new FormatException($"{error.Message} (at offset {error.Offset} of '{text}')");
    }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what was expected and where.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Domain? domain,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out DomainError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        domain = null;
        error = null;
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        var nameEnd = start;
        while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] == '_')) nameEnd++;
        var open = nameEnd;
        while (open < text.Length && text[open] == ' ') open++;
        if (nameEnd == start || open >= text.Length || text[open] != '(' || !char.IsAsciiLetter(text[start]))
        {
            if (text.Trim().Length == 0)
            {
                error = new DomainError("expected a value or a domain such as loguniform(1e-3, 1e-1), got nothing", 0);
                return false;
            }
            var trimmed = text.Trim();
            // A quoted literal is a string whatever it holds: "64" stays the string 64, "a, b" keeps its comma.
            domain = trimmed.Length >= 2 && trimmed[0] is '"' or '\'' && trimmed[^1] == trimmed[0]
                ? new FixedValue(ParamValue.Of(trimmed[1..^1]))
                : new FixedValue(ParamValue.Parse(trimmed));
            return true;
        }

        var name = text[start..nameEnd];
        if (!Functions.Contains(name))
        {
            error = new DomainError($"expected a domain {string.Join(", ", Functions.Select(f => f + "(...)"))}, got '{name}(...)'", start);
            return false;
        }
        if (!TryReadArguments(text, open + 1, out var args, out error)) return false;
        if (args.Count == 0)
        {
            error = new DomainError($"{name}: expected {Arity(name)}, got none", open + 1);
            return false;
        }
        return TryBuild(name, args, start, out domain, out error);
    }

    /// <summary>A literal as <see cref="Parse"/> reads it back: strings that would read as something else are quoted.</summary>
    public static string Literal(ParamValue value)
    {
        if (value.Kind != ParamKind.String) return value.ToString();
        var s = value.AsString();
        var plain = s.Length > 0 && s.Trim() == s && s.IndexOfAny([',', '(', ')', '"', '\'']) < 0 && ParamValue.Parse(s).Kind == ParamKind.String;
        return plain ? s : Quote(s);
    }

    internal static string Quote(string s) => s.Contains('"') ? $"'{s}'" : $"\"{s}\"";

    private static string Arity(string name) => name is "choice" or "grid" ? "one or more values" : "two numbers (lower, upper)";

    private sealed record Argument(ParamValue Value, int Offset, bool Quoted);

    private static bool TryReadArguments(string text, int position, out List<Argument> args, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out DomainError? error)
    {
        args = [];
        error = null;
        var i = position;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length)
            {
                error = new DomainError("expected ')' to close the domain, got the end of the value", text.Length);
                return false;
            }
            if (text[i] == ')' && args.Count == 0) { i++; break; }
            var argStart = i;
            if (text[i] is '"' or '\'')
            {
                var close = text.IndexOf(text[i], i + 1);
                if (close < 0)
                {
                    error = new DomainError($"expected a closing {text[i]} for the string, got the end of the value", i);
                    return false;
                }
                args.Add(new Argument(ParamValue.Of(text[(i + 1)..close]), argStart, true));
                i = close + 1;
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or ')')) i++;
                var raw = text[argStart..i].Trim();
                if (raw.Length == 0)
                {
                    error = new DomainError($"expected a value, got '{(i < text.Length ? text[i] : ' ')}'", argStart);
                    return false;
                }
                if (raw.IndexOfAny(['(', '"', '\'']) >= 0)
                {
                    error = new DomainError($"expected a literal value (quote strings holding parentheses or quotes), got '{raw}'", argStart);
                    return false;
                }
                args.Add(new Argument(ParamValue.Parse(raw), argStart, false));
            }
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i < text.Length && text[i] == ',') { i++; continue; }
            if (i < text.Length && text[i] == ')') { i++; break; }
            error = new DomainError(i < text.Length
                ? $"expected ',' or ')' after a value, got '{text[i]}'"
                : "expected ')' to close the domain, got the end of the value", i);
            return false;
        }
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        if (i < text.Length)
        {
            error = new DomainError($"expected nothing after ')', got '{text[i..]}'", i);
            return false;
        }
        return true;
    }

    private static bool TryBuild(string name, List<Argument> args, int start, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Domain? domain,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out DomainError? error)
    {
        domain = null;
        error = null;
        if (name is "choice" or "grid")
        {
            var values = args.Select(a => a.Value).ToList();
            domain = name == "choice" ? new Choice(values) : new GridSearch(values);
            return true;
        }
        if (args.Count != 2)
        {
            error = new DomainError($"{name}: expected {Arity(name)}, got {args.Count} value{(args.Count == 1 ? "" : "s")}", start);
            return false;
        }
        foreach (var a in args)
        {
            var ok = name == "randint" ? a.Value.Kind == ParamKind.Int && !a.Quoted : a.Value.IsNumber && !a.Quoted;
            if (!ok)
            {
                error = new DomainError($"{name}: expected {(name == "randint" ? "an integer" : "a number")}, got '{Literal(a.Value)}'", a.Offset);
                return false;
            }
        }
        string? problem;
        if (name == "randint")
        {
            long lo = args[0].Value.AsInt(), hi = args[1].Value.AsInt();
            problem = RandInt.Check(lo, hi);
            if (problem is null) domain = new RandInt(lo, hi);
        }
        else
        {
            double lo = args[0].Value.AsDouble(), hi = args[1].Value.AsDouble();
            problem = name == "uniform" ? Uniform.Check(lo, hi) : LogUniform.Check(lo, hi);
            if (problem is null) domain = name == "uniform" ? new Uniform(lo, hi) : new LogUniform(lo, hi);
        }
        if (domain is null)
        {
            error = new DomainError($"{name}: {problem}", args[0].Offset);
            return false;
        }
        return true;
    }
}
