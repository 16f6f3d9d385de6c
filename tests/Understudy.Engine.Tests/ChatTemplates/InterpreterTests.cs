using Understudy.Engine.ChatTemplates;

namespace Understudy.Engine.Tests.ChatTemplates;

/// <summary>Each expected value is what Python's Jinja2 renders with HF's settings (trim_blocks, lstrip_blocks).</summary>
public class InterpreterTests
{
    [Theory]
    [InlineData("{{ 1 + 2 * 3 }}|{{ (1 + 2) * 3 }}|{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7 % -3 }}|{{ 2 ** 10 }}", "7|9|3|-4|-2|1024")]
    [InlineData("{{ 1 / 2 }}|{{ 4 / 2 }}|{{ 1e-5 }}|{{ 1e16 }}|{{ 10 / 3 }}|{{ 1 + true }}", "0.5|2.0|1e-05|1e+16|3.3333333333333335|2")]
    [InlineData("{{ 'a' ~ 1 ~ none }}|{{ 'x' * 3 }}|{{ [1] + [2] }}|{{ '%s-%d' % ('a', 3) }}", "a1None|xxx|[1, 2]|a-3")]
    [InlineData("{{ [1, 'a', None, True, 1.5, {'a': \"it's\"}] }}|{{ (1,) }}", "[1, 'a', None, True, 1.5, {'a': \"it's\"}]|(1,)")]
    [InlineData("{{ 1 == 1.0 }} {{ true == 1 }} {{ [1] == (1,) }} {{ {'a': [1]} == {'a': [1]} }}", "True True False True")]
    [InlineData("{{ 'abc'[::-1] }} {{ [1, 2, 3][:-1] }} {{ [1, 2, 3][-1] }} {{ 'hello'[1:3] }}", "cba [1, 2] 3 el")]
    [InlineData("{{ 'a' if false }}|{{ 'y' if 1 > 0 else 'n' }}|{{ 3 is divisibleby 3 }}|{{ 'ab' is equalto 'ab' }}", "|y|True|True")]
    [InlineData("{{ 'b' in 'abc' }} {{ 2 not in [1, 2] }} {{ 'k' in {'k': 1} }} {{ not none }}", "True False True True")]
    [InlineData("{{ none or 'x' }} {{ 0 and 'y' }} {{ '' or [] }}", "x 0 []")]
    public void Expressions_follow_python_semantics(string source, string expected)
    {
        Assert.Equal(expected, TemplateAssert.Render(source));
    }

    [Theory]
    [InlineData("{{ '  x  '.strip() }}|{{ 'a b  c'.split() }}|{{ 'a,b'.split(',') }}|{{ 'abc'.startswith(('x', 'a')) }}", "x|['a', 'b', 'c']|['a', 'b']|True")]
    [InlineData("{{ '\\nx\\n'.lstrip('\\n') }}|{{ 'xyx'.rstrip('x') }}|{{ 'aXa'.replace('a', 'b') }}|{{ 'Hi'.upper() }}", "x\n|xy|bXb|HI")]
    [InlineData("{{ '{} and {name}'.format(1, name='n') }}|{{ ', '.join(['a', 'b']) }}", "1 and n|a, b")]
    [InlineData("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }}{% if not loop.last %},{% endif %}{% endfor %}", "a=1,b=2")]
    [InlineData("{{ {'a': 1}.get('a') }} {{ {'a': 1}.get('z', 'd') }} {{ {'a': 1}.keys() | list }}", "1 d ['a']")]
    public void String_and_dict_methods_behave_as_in_python(string source, string expected)
    {
        Assert.Equal(expected, TemplateAssert.Render(source));
    }

    [Theory]
    [InlineData("{{ '  x ' | trim }}|{{ 'ab' | upper }}|{{ 'hello world-foo' | title }}|{{ 'hELLO' | capitalize }}", "x|AB|Hello World-Foo|Hello")]
    [InlineData("{{ [3, 1, 2] | sort | list }} {{ [1, 2] | map('string') | join(',') }} {{ [{'a': 1}, {'a': 2}] | map(attribute='a') | list }}", "[1, 2, 3] 1,2 [1, 2]")]
    [InlineData("{{ 'x' | int }} {{ '12' | int }} {{ '3.9' | int }} {{ 3.9 | int }} {{ 'abc' | float }} {{ 5 | float }}", "0 12 3 3 0.0 5.0")]
    [InlineData("{{ u | default('d') }}|{{ '' | default('d', true) }}|{{ [1, 2] | length }}|{{ 'é😀' | length }}|{{ [1, 2] | first }}{{ [1, 2] | last }}", "d|d|2|2|12")]
    [InlineData("{{ [{'r': 'user'}, {'r': 'bot'}] | selectattr('r', 'equalto', 'user') | list }}|{{ ['a', 'b'] | reject('equalto', 'a') | list }}", "[{'r': 'user'}]|['b']")]
    [InlineData("{{ 'a\\nb\\n' | indent(2) }}|{{ 'a\\nb' | indent(2, true) }}", "a\n  b\n|  a\n  b")]
    [InlineData("{{ none | string }} {{ none | tojson }} {{ true | tojson }} {{ {'k': none, 'v': 1.5, 'é': 'ü\"\\n'} | tojson }}", "None null true {\"k\": null, \"v\": 1.5, \"é\": \"ü\\\"\\n\"}")]
    [InlineData("{{ {'k': [1, {}]} | tojson(indent=2) }}", "{\n  \"k\": [\n    1,\n    {}\n  ]\n}")]
    [InlineData("{{ '\"' + ('<b>' | safe) }}|{{ ('<b>' | safe) + '&' }}|{{ '<' | e }}", "&#34;<b>|<b>&amp;|&lt;")]
    public void Filters_behave_as_in_jinja2(string source, string expected)
    {
        Assert.Equal(expected, TemplateAssert.Render(source));
    }

    [Theory]
    [InlineData("{% for x in [1, 2, 3, 4] if x is even %}{{ loop.index }}/{{ loop.length }}:{{ x }} {% endfor %}", "1/2:2 2/2:4 ")]
    [InlineData("{% for x in [] %}x{% else %}empty{% endfor %}|{% for a in u %}x{% else %}none{% endfor %}", "empty|none")]
    [InlineData("{% for x in [1, 2, 3] %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 3 %}{% break %}{% endif %}{{ x }}{% endfor %}", "1")]
    [InlineData("{% for i in [1, 2] %}{% if i == 2 %}[{{ x }}]{% endif %}{% set x = i %}{% endfor %}({{ x }})", "[]()")]
    [InlineData("{% set ns = namespace(a=1) %}{% for i in [1, 2] %}{% set ns.a = ns.a + i %}{% endfor %}{{ ns.a }}", "4")]
    [InlineData("{% set a, b = [1, 2] %}{{ b }}{{ a }}|{% set s %}in{{ 'side' }}{% endset %}{{ s }}", "21|inside")]
    [InlineData("{% macro m(a, b='q') %}[{{ a }}{{ b }}{{ top }}]{% endmacro %}{% set top = 't' %}{{ m(1) }}{{ m(b=2, a=3) }}", "[1qt][32t]")]
    [InlineData("{% for x in ['a', 'b'] %}{% for y in [1] %}{{ loop.index }}{% endfor %}{{ loop.index }}{{ loop.first }}{% endfor %}", "11True12False")]
    [InlineData("{% if false %}a{% elif true %}b{% else %}c{% endif %}", "b")]
    public void Statements_follow_jinja2_scoping(string source, string expected)
    {
        Assert.Equal(expected, TemplateAssert.Render(source));
    }

    [Theory]
    [InlineData("  {% if true %}\n  x\n  {% endif %}\n  y {{ 1 }}  {% if true %}z{% endif %}\n", "  x\n  y 1  z")]
    [InlineData("  {#- c -#}  x {# c2 #}\n  y", "x   y")]
    [InlineData("{% if true %}\n  a\n{% endif %}\n{%+ if true %}b{% endif %}", "  a\nb")]
    [InlineData("a  {{- ' b ' -}}  c\n", "a b c")]
    [InlineData("{% if true -%}\n\n   x{%- endif %}\n\n", "x")]
    [InlineData("{{ {'a': {'b': 1}} }}", "{'a': {'b': 1}}")]
    public void Whitespace_control_matches_trim_and_lstrip_blocks(string source, string expected)
    {
        Assert.Equal(expected, TemplateAssert.Render(source));
    }

    [Fact]
    public void Variables_of_the_render_call_are_visible_to_the_template()
    {
        ChatTemplate template = ChatTemplate.Parse(
            "{{ bos_token }}{% for m in messages %}<{{ m.role }}>{{ m['content'] }}{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}{{ tools is none }}{{ flag }}");
        string output = template.Render([ChatTemplateMessage.System("s"), ChatTemplateMessage.User("u")], addGenerationPrompt: true,
            bosToken: "<s>", eosToken: "</s>", extraVariables: new Dictionary<string, object?> { ["flag"] = 7 });
        Assert.Equal("<s><system>s<user>u<assistant>True7", output);
    }

    [Fact]
    public void Strftime_now_reads_the_given_clock()
    {
        var clock = new FixedClock(new DateTime(2025, 3, 7, 9, 5, 0));
        Assert.Equal("07 Mar 2025 09:05 Friday", ChatTemplate.Parse("{{ strftime_now('%d %b %Y %H:%M %A') }}", clock).Render([], false));
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(now, DateTimeKind.Utc));

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
