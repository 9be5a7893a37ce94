using System.Globalization;
using System.Net;
using System.Text;

namespace PartnerKarte.Console.Report;

/// <summary>Small inline SVG charts: no script, no network, readable without CSS.</summary>
internal static class SvgCharts
{
    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A vertical bar chart.</summary>
    public static string Bars(string id, string title, IReadOnlyList<(string Label, double Value, string Color)> bars, string unit = "")
    {
        const int width = 520, height = 260, left = 40, bottom = 30, top = 20;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var slot = (width - left - 10) / (double)Math.Max(1, bars.Count);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-label=\"{E(title)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - 5}\" y2=\"{height - bottom}\" stroke=\"#888\"/>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, color) = bars[i];
            var h = (height - bottom - top) * value / max;
            var x = left + (i * slot) + (slot * 0.15);
            var w = slot * 0.7;
            var y = height - bottom - h;
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" data-label=\"{E(label)}\" data-value=\"{F(value)}\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(w)}\" height=\"{F(h)}\" fill=\"{color}\"><title>{E(label)}: {F(value)}{E(unit)}</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + (w / 2))}\" y=\"{F(y - 4)}\" text-anchor=\"middle\" font-size=\"12\">{F(value)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + (w / 2))}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\" font-size=\"12\">{E(label)}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A horizontal bar chart with a value label per row (KPI per partner).</summary>
    public static string HorizontalBars(string id, string title, IReadOnlyList<(string Label, double Value, string Note)> rows, double max, string unit)
    {
        const int width = 760, rowHeight = 18, left = 230, right = 200;
        var height = 20 + (rows.Count * rowHeight);
        max = Math.Max(max, 1e-9);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-label=\"{E(title)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value, note) = rows[i];
            var y = 10 + (i * rowHeight);
            var w = (width - left - right) * Math.Clamp(value / max, 0, 1);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 12}\" text-anchor=\"end\" font-size=\"12\">{E(label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" data-label=\"{E(label)}\" data-value=\"{F(value)}\" x=\"{left}\" y=\"{y + 2}\" width=\"{F(w)}\" height=\"{rowHeight - 5}\" fill=\"#3b82f6\"><title>{E(label)}: {F(value)}{E(unit)}</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + w + 6)}\" y=\"{y + 12}\" font-size=\"12\">{F(value)}{E(unit)} {E(note)}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A line chart of one series with optional gaps (null points).</summary>
    public static string Line(string id, string title, IReadOnlyList<(string Label, double? Value)> points, double min, double max, string unit)
    {
        const int width = 760, height = 260, left = 40, bottom = 30, top = 20, right = 20;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-label=\"{E(title)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>");
        var span = Math.Max(1e-9, max - min);
        double X(int i) => left + ((width - left - right) * (points.Count <= 1 ? 0.5 : i / (double)(points.Count - 1)));
        double Y(double v) => height - bottom - ((height - bottom - top) * (v - min) / span);
        foreach (var tick in new[] { min, min + (span / 2), max })
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{F(Y(tick))}\" x2=\"{width - right}\" y2=\"{F(Y(tick))}\" stroke=\"#ddd\"/><text x=\"{left - 4}\" y=\"{F(Y(tick) + 4)}\" text-anchor=\"end\" font-size=\"11\">{F(tick)}</text>");
        }

        var path = new StringBuilder();
        var pen = 'M';
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is double v)
            {
                path.Append(CultureInfo.InvariantCulture, $"{pen}{F(X(i))},{F(Y(v))} ");
                pen = 'L';
            }
            else
            {
                pen = 'M';
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"<path class=\"series\" d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"#16a34a\" stroke-width=\"2.5\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            var (label, value) = points[i];
            if (value is double v)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"point\" data-label=\"{E(label)}\" data-value=\"{F(v)}\" cx=\"{F(X(i))}\" cy=\"{F(Y(v))}\" r=\"4\" fill=\"#16a34a\"><title>{E(label)}: {F(v)}{E(unit)}</title></circle>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i))}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{E(label)}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }
}
