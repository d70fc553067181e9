namespace Troupe.Training.Text;

/// <summary>
/// The special cases of a spaCy-like English word split: strings that split into fixed pieces ("don't" →
/// "do" "n't", "can't" → "ca" "n't", "I've" → "I" "'ve", "gonna" → "gon" "na") or stay whole ("Mr.",
/// "e.g.", ":)"). Built the way spaCy's English tokenizer exceptions are (pronoun and verb contractions in
/// lower and title case, with and without the apostrophe, times like "5pm", abbreviations, emoticons), with
/// spaCy's exclusions ("its", "ill", "well", "were", "hell", "shed", ...), plus ’ (U+2019) variants.
/// </summary>
internal static class EnglishExceptions
{
    private static readonly string[] Excluded =
        ["Ill", "ill", "Its", "its", "Hell", "hell", "Shell", "shell", "Shed", "shed", "were", "Were", "Well", "well", "Whore", "whore"];

    private static Dictionary<string, string[]> Build()
    {
        var t = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(params string[] pieces) => t[string.Concat(pieces)] = pieces;

        foreach (var i in Cased("i"))
        {
            Add(i, "'m"); Add(i, "m"); Add(i, "'m", "a"); Add(i, "m", "a");
        }
        foreach (var p in new[] { "i", "you", "he", "she", "it", "we", "they" }.SelectMany(Cased))
        {
            Add(p, "'ll"); Add(p, "ll"); Add(p, "'ll", "'ve"); Add(p, "ll", "ve");
            Add(p, "'d"); Add(p, "d"); Add(p, "'d", "'ve"); Add(p, "d", "ve");
        }
        foreach (var p in new[] { "i", "you", "we", "they" }.SelectMany(Cased)) { Add(p, "'ve"); Add(p, "ve"); }
        foreach (var p in new[] { "you", "we", "they" }.SelectMany(Cased)) { Add(p, "'re"); Add(p, "re"); }
        foreach (var p in new[] { "he", "she", "it" }.SelectMany(Cased)) { Add(p, "'s"); Add(p, "s"); }
        foreach (var w in new[] { "who", "what", "when", "where", "why", "how", "there", "that" }.SelectMany(Cased))
        {
            Add(w, "'s"); Add(w, "s"); Add(w, "'ll"); Add(w, "ll"); Add(w, "'ll", "'ve"); Add(w, "ll", "ve");
            Add(w, "'re"); Add(w, "re"); Add(w, "'ve"); Add(w, "ve");
            Add(w, "'d"); Add(w, "d"); Add(w, "'d", "'ve"); Add(w, "d", "ve");
        }
        // "ca" / "wo" / "sha" are how spaCy splits can't / won't / shan't.
        foreach (var v in new[] { "ca", "could", "do", "does", "did", "had", "may", "might", "must", "need", "ought", "sha", "should", "wo", "would" }.SelectMany(Cased))
        {
            Add(v, "n't"); Add(v, "nt"); Add(v, "n't", "'ve"); Add(v, "nt", "ve");
        }
        foreach (var v in new[] { "could", "might", "must", "should", "would" }.SelectMany(Cased)) { Add(v, "'ve"); Add(v, "ve"); }
        foreach (var v in new[] { "ai", "are", "is", "was", "were", "have", "has", "dare" }.SelectMany(Cased)) { Add(v, "n't"); Add(v, "nt"); }
        foreach (var w in new[] { "doin", "goin", "nothin", "nuthin", "ol", "somethin" }.SelectMany(Cased)) { Add(w); Add(w + "'"); }
        foreach (var w in new[] { "cause", "em", "ll", "nuff" }) { Add(w); Add("'" + w); }
        for (var h = 1; h <= 12; h++)
            foreach (var period in new[] { "a.m.", "am", "p.m.", "pm" })
                Add(h.ToString(System.Globalization.CultureInfo.InvariantCulture), period);

        Add("y'", "all"); Add("y", "all");
        Add("how", "'d", "'y"); Add("How", "'d", "'y");
        Add("not", "'ve"); Add("not", "ve"); Add("Not", "'ve"); Add("Not", "ve");
        Add("can", "not"); Add("Can", "not");
        Add("gon", "na"); Add("Gon", "na");
        Add("got", "ta"); Add("Got", "ta");
        Add("let", "'s"); Add("Let", "'s");

        foreach (var whole in Wholes) Add(whole);
        foreach (var e in Emoticons.Split(' ', StringSplitOptions.RemoveEmptyEntries)) Add(e);
        for (var c = 'a'; c <= 'z'; c++) Add(c + ".");

        foreach (var x in Excluded) t.Remove(x);
        // Curly-apostrophe spellings split the same way.
        foreach (var (key, pieces) in t.ToArray())
            if (key.Contains('\''))
                t.TryAdd(key.Replace('\'', '\u2019'), pieces.Select(p => p.Replace('\'', '\u2019')).ToArray());
        return t;
    }

    private static IEnumerable<string> Cased(string lower) => [lower, char.ToUpperInvariant(lower[0]) + lower[1..]];

    private static readonly string[] Wholes =
    [
        "'S", "'s", "\u2018S", "\u2018s", "and/or", "w/o", "'re", "'Cause", "'cause", "'cos", "'Cos", "'coz", "'Coz",
        "'cuz", "'Cuz", "'bout", "ma'am", "Ma'am", "o'clock", "O'clock", "lovin'", "Lovin'", "lovin", "Lovin",
        "havin'", "Havin'", "havin", "Havin", "doin'", "Doin'", "doin", "Doin", "goin'", "Goin'", "goin", "Goin",
        "Mt.", "Ak.", "Ala.", "Apr.", "Ariz.", "Ark.", "Aug.", "Calif.", "Colo.", "Conn.", "Dec.", "Del.", "Feb.",
        "Fla.", "Ga.", "Ia.", "Id.", "Ill.", "Ind.", "Jan.", "Jul.", "Jun.", "Kan.", "Kans.", "Ky.", "La.", "Mar.",
        "Mass.", "May.", "Mich.", "Minn.", "Miss.", "N.C.", "N.D.", "N.H.", "N.J.", "N.M.", "N.Y.", "Neb.", "Nebr.",
        "Nev.", "Nov.", "Oct.", "Okla.", "Ore.", "Pa.", "S.C.", "Sep.", "Sept.", "Tenn.", "Va.", "Wash.", "Wis.",
        "'d", "a.m.", "Adm.", "Bros.", "co.", "Co.", "Corp.", "D.C.", "Dr.", "e.g.", "E.g.", "E.G.", "Gen.", "Gov.",
        "i.e.", "I.e.", "I.E.", "Inc.", "Jr.", "Ltd.", "Md.", "Messrs.", "Mo.", "Mont.", "Mr.", "Mrs.", "Ms.",
        "p.m.", "Ph.D.", "Rep.", "Rev.", "Sen.", "St.", "vs.", "'", "''", "C++",
    ];

    private const string Emoticons =
        ":) :-) :)) :-)) :))) :-))) (: (-: =) (= \") :] :-] [: [-: [= =] :o) (o: :} :-} 8) 8-) (-8 ;) ;-) (; (-; " +
        ":( :-( :(( :-(( :((( :-((( ): )-: =( >:( :') :'-) :'( :'-( :/ :-/ =/ =| :| :-| ]= =[ :1 :P :-P :p :-p " +
        ":O :-O :o :-o :0 :-0 :() >:o :* :-* :3 :-3 =3 :> :-> :X :-X :x :-x :D :-D ;D ;-D =D xD XD xDD XDD 8D " +
        "8-D ^_^ ^__^ ^___^ >.< >.> <.< ._. ;_; -_- -__- v.v V.V v_v V_V o_o o_O O_o O_O 0_o o_0 0_0 o.O O.o " +
        "O.O o.o 0.0 o.0 0.o @_@ <3 <33 <333 </3 (^_^) (-_-) (._.) (>_<) (*_*) (\u00AC_\u00AC) \u0CA0_\u0CA0 " +
        "\u0CA0\uFE35\u0CA0 (\u0CA0_\u0CA0) \u00AF\\(\u30C4)/\u00AF";

    // Declared last: static fields initialise in order and Build reads the tables above.
    public static IReadOnlyDictionary<string, string[]> Table { get; } = Build();
}
