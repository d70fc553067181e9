namespace Troupe.Training.Text;

/// <summary>fastai's <c>BaseTokenizer</c>: splits on one separator character (a space by default), keeping empty pieces like Python's <c>str.split(' ')</c>.</summary>
internal sealed class SpaceTokenizer(char separator = ' ') : IBaseTokenizer
{
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(separator);
    }
}
