namespace Troupe.Training.Text;

/// <summary>
/// fastai's special tokens (<c>fastai.text.core</c>), in the order <c>make_vocab</c> puts them at the
/// front of every vocab: unknown, padding, beginning/end of stream, field, character and word repetition,
/// all-caps and capitalised markers.
/// </summary>
public static class SpecialTokens
{
    public const string Unk = "xxunk";
    public const string Pad = "xxpad";
    public const string Bos = "xxbos";
    public const string Eos = "xxeos";
    public const string Fld = "xxfld";
    public const string Rep = "xxrep";
    public const string WRep = "xxwrep";
    public const string Up = "xxup";
    public const string Maj = "xxmaj";

    /// <summary>The filler <c>make_vocab</c> pads a vocab with to a multiple of 8; never looked up.</summary>
    public const string Fake = "xxfake";

    /// <summary>fastai's <c>defaults.text_spec_tok</c>, in order (xxunk is index 0, xxpad index 1, ...).</summary>
    public static IReadOnlyList<string> All { get; } = [Unk, Pad, Bos, Eos, Fld, Rep, WRep, Up, Maj];
}
