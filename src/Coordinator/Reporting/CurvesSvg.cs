using Troupe.Training.Serialization;
using System.Globalization;
using System.Net;
using System.Text;

namespace Troupe.Coordinator.Reporting;

/// <summary>
/// <c>curves.svg</c>: valid loss per epoch for every trial (thin grey lines; trials stopped early end early), the best
/// trial by the spec's metric drawn thick in colour and named in the legend. Self-contained SVG, no scripts.
/// </summary>
internal static class CurvesSvg
{
    private const int Width = 800;
    private const int Height = 480;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 40;
    private const int Bottom = 50;

    public static void Write(string runDirectory, MetricsBook book, int epochs) =>
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "curves.svg"), Render(book, epochs));

    public static string Render(MetricsBook book, int epochs)
    {
        var series = book.Trials
            .Select(t => (t.TrialId, Points: book.Curve(t.TrialId).Values.Where(m => m.ValidLoss is { } v && double.IsFinite(v)).Select(m => (X: m.Epoch + 1, Y: m.ValidLoss!.Value)).ToList()))
            .Where(s => s.Points.Count > 0)
            .ToList();
        var best = book.BestOverall()?.TrialId;
        var ys = series.SelectMany(s => s.Points.Select(p => p.Y)).ToList();
        var (lo, hi) = ys.Count == 0 ? (0.0, 1.0) : (ys.Min(), ys.Max());
        if (hi - lo < 1e-9) (lo, hi) = (lo - 0.5, hi + 0.5);
        var pad = (hi - lo) * 0.05;
        (lo, hi) = (lo - pad, hi + pad);
        var maxX = Math.Max(2, epochs);
        double X(double e) => Left + (e - 1) / (maxX - 1) * (Width - Left - Right);
        double Y(double v) => Top + (hi - v) / (hi - lo) * (Height - Top - Bottom);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">valid_loss per epoch ({series.Count} trials)</text>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        for (var i = 0; i <= 4; i++)
        {
            var v = lo + (hi - lo) * i / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(v) + 4:F1}\" text-anchor=\"end\">{v:F3}</text>\n");
        }
        var step = Math.Max(1, maxX / 10);
        for (var e = 1; e <= maxX; e += step)
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(e):F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{e}</text>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\">epoch</text>\n");
        foreach (var (id, points) in series.OrderBy(s => s.TrialId == best))
        {
            var isBest = id == best;
            var path = string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X):F1},{Y(p.Y):F1}")));
            var style = isBest ? "stroke=\"#d62728\" stroke-width=\"3\"" : "stroke=\"#999999\" stroke-width=\"1\" stroke-opacity=\"0.7\"";
            sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" {style} points=\"{path}\"><title>{WebUtility.HtmlEncode(id)}</title></polyline>\n");
        }
        if (best is not null)
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right - 4}\" y=\"{Top + 14}\" text-anchor=\"end\" fill=\"#d62728\">best: {WebUtility.HtmlEncode(best)}</text>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}
