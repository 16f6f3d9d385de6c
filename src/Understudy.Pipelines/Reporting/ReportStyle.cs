namespace Understudy.Pipelines.Reporting;

/// <summary>The report's inline stylesheet (no external fonts or URLs: the file must read offline).</summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --bg: #f9fafb; --accent: #2563eb; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
        header { background: #0f172a; color: #f8fafc; padding: 28px 40px; }
        header h1 { margin: 0 0 4px; font-size: 26px; }
        header p { margin: 2px 0; color: #cbd5e1; }
        nav { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 40px; z-index: 1; }
        nav a { color: var(--accent); margin-right: 18px; text-decoration: none; font-size: 14px; }
        main { max-width: 1360px; margin: 0 auto; padding: 8px 40px 48px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 8px 24px 20px; margin: 20px 0; }
        h2 { font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
        h3 { font-size: 16px; margin-top: 24px; }
        .cards { display: flex; flex-wrap: wrap; gap: 14px; margin: 16px 0; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 12px 18px; min-width: 170px; }
        .card .label { color: var(--muted); font-size: 13px; }
        .card .value { font-size: 22px; font-weight: 600; }
        table { border-collapse: collapse; width: 100%; margin: 12px 0; font-size: 14px; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #f3f4f6; font-weight: 600; }
        table.numbers td:not(:first-child) { font-variant-numeric: tabular-nums; }
        .text { white-space: pre-wrap; word-break: break-word; max-height: 14em; overflow: auto; font-size: 13px; }
        table.answers td { width: 18%; } table.answers td:nth-child(4), table.answers td:nth-child(5) { width: 4%; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; }
        figure { margin: 8px 0; flex: 1 1 560px; max-width: 680px; }
        figure svg { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
        details { margin: 10px 0; } summary { cursor: pointer; font-weight: 600; }
        .pass { color: #047857; font-weight: 600; } .fail { color: #b91c1c; font-weight: 600; }
        .missing, .note { color: var(--muted); font-style: italic; }
        .verdict { font-size: 16px; font-weight: 600; }
        .two { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 20px; }
        footer { color: var(--muted); font-size: 12px; text-align: center; padding: 20px; }
        """;
}
