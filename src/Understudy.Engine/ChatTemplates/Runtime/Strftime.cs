using System.Globalization;
using System.Text;

namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>Python's <c>datetime.strftime</c> for the directives templates use (<c>strftime_now("%d %b %Y")</c>).</summary>
internal static class Strftime
{
    public static string Format(DateTime time, string format)
    {
        var builder = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                builder.Append(format[i]);
                continue;
            }
            char directive = format[++i];
            builder.Append(directive switch
            {
                'd' => time.ToString("dd", c),
                '-' when i + 1 < format.Length && format[i + 1] == 'd' => Skip(ref i, time.Day.ToString(c)),
                'm' => time.ToString("MM", c),
                'y' => time.ToString("yy", c),
                'Y' => time.Year.ToString(c),
                'H' => time.ToString("HH", c),
                'I' => time.ToString("hh", c),
                'M' => time.ToString("mm", c),
                'S' => time.ToString("ss", c),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'b' or 'h' => time.ToString("MMM", c),
                'B' => time.ToString("MMMM", c),
                'a' => time.ToString("ddd", c),
                'A' => time.ToString("dddd", c),
                'j' => time.DayOfYear.ToString("000", c),
                'f' => (time.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", c),
                'w' => ((int)time.DayOfWeek).ToString(c),
                'Z' => "",
                'z' => "",
                '%' => "%",
                _ => throw new TemplateRuntimeException($"strftime directive '%{directive}' is not supported"),
            });
        }
        return builder.ToString();
    }

    private static string Skip(ref int index, string text)
    {
        index++;
        return text;
    }
}
