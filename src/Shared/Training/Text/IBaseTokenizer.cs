namespace Troupe.Training.Text;

/// <summary>The split a <see cref="Tokenizer"/> runs between its rules and post-rules (fastai's <c>tok</c>).</summary>
public interface IBaseTokenizer
{
    IReadOnlyList<string> Tokenize(string text);
}
