#!/usr/bin/env python3
"""Renders every real chat template over a corpus of conversations with Jinja2, exactly as Hugging Face
transformers does (ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True), loopcontrols,
tojson with ensure_ascii=False, raise_exception, strftime_now), and writes the renders as golden fixtures.

Usage: make_template_goldens.py MODELS_DIR   (MODELS_DIR = the folder UNDERSTUDY_TEST_MODELS names)
Writes chat_template_goldens.json next to this script. The templates themselves are not copied.
"""
import json
import os
import sys
from datetime import datetime

import jinja2
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

# strftime_now reads this fixed local time so renders are reproducible; the C# tests use the same clock.
FIXED_NOW = datetime(2025, 3, 7, 9, 5, 0)

# Templates that are plain files, with the special tokens of their model (from each model's tokenizer_config.json).
STANDALONE = {
    "chat-templates/Qwen-Qwen2.5-7B-Instruct.jinja": (None, "<|im_end|>"),
    "chat-templates/deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja": ("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"),
    "chat-templates/google-gemma-2-2b-it.jinja": ("<bos>", "<eos>"),
    "chat-templates/meta-llama-Llama-3.1-8B-Instruct.jinja": ("<|begin_of_text|>", "<|eot_id|>"),
    "chat-templates/meta-llama-Llama-3.2-3B-Instruct.jinja": ("<|begin_of_text|>", "<|eot_id|>"),
    "chat-templates/microsoft-Phi-3.5-mini-instruct.jinja": ("<s>", "<|endoftext|>"),
    "chat-templates/mistralai-Mistral-Nemo-Instruct-2407.jinja": ("<s>", "</s>"),
    "tokenizers/mistral/chat_template.v1_spm.jinja": ("<s>", "</s>"),
    "tokenizers/mistral/chat_template.v3_spm.jinja": ("<s>", "</s>"),
}

TOKENIZER_CONFIGS = [
    "tokenizers/gemma3/tokenizer_config.json",
    "tokenizers/llama3/tokenizer_config.json",
    "tokenizers/llama3_1/tokenizer_config.json",
    "tokenizers/qwen3/tokenizer_config.json",
]

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string", "description": "City name, e.g. Paris"}, "celsius": {"type": "boolean"}},
            "required": ["city"],
        },
    },
}

CONVERSATIONS = [
    {"name": "system_and_user", "add_generation_prompt": True, "messages": [
        {"role": "system", "content": "You are a concise assistant."},
        {"role": "user", "content": "What is the capital of France?"}]},
    {"name": "single_user_no_generation_prompt", "add_generation_prompt": False, "messages": [
        {"role": "user", "content": "Hello!"}]},
    {"name": "multi_turn", "add_generation_prompt": True, "messages": [
        {"role": "user", "content": "Name a prime number."},
        {"role": "assistant", "content": "7 is prime."},
        {"role": "user", "content": "And one greater than 100?"}]},
    {"name": "multi_turn_ending_with_assistant", "add_generation_prompt": False, "messages": [
        {"role": "system", "content": "Answer in one word."},
        {"role": "user", "content": "Colour of the sky?"},
        {"role": "assistant", "content": "Blue."},
        {"role": "user", "content": "Colour of grass?"},
        {"role": "assistant", "content": "Green."}]},
    {"name": "unicode_and_whitespace", "add_generation_prompt": True, "messages": [
        {"role": "user", "content": "  Ünïcödé: 日本語, العربية, emoji 👩‍👩‍👧‍👦🇫🇷 and tabs\there  \n"},
        {"role": "assistant", "content": "\nReçu ✅ — “quotes” and 'apostrophes' \\ backslash\n\n"},
        {"role": "user", "content": "Merci 🙏"}]},
    {"name": "empty_contents", "add_generation_prompt": True, "messages": [
        {"role": "system", "content": ""},
        {"role": "user", "content": ""},
        {"role": "assistant", "content": ""},
        {"role": "user", "content": "Still there?"}]},
    {"name": "template_syntax_in_content", "add_generation_prompt": True, "messages": [
        {"role": "user", "content": "Print {{ bos_token }} and {% if x %} literally; JSON: {\"a\": [1, 2]} <|im_end|>"}]},
    {"name": "reasoning_in_assistant", "add_generation_prompt": True, "messages": [
        {"role": "user", "content": "2+2?"},
        {"role": "assistant", "content": "<think>\nAdd two and two.\n</think>\n\n4"},
        {"role": "user", "content": "Times 3?"}]},
    {"name": "roles_do_not_alternate", "add_generation_prompt": True, "messages": [
        {"role": "user", "content": "First question."},
        {"role": "user", "content": "Second question in a row."}]},
    {"name": "starts_with_assistant", "add_generation_prompt": False, "messages": [
        {"role": "assistant", "content": "I speak first."},
        {"role": "user", "content": "Odd."}]},
    {"name": "tools_and_tool_call", "add_generation_prompt": True, "extra": {"tools": [WEATHER_TOOL]}, "messages": [
        {"role": "user", "content": "Weather in Paris?"},
        {"role": "assistant", "content": "", "tool_calls": [
            {"id": "call12345", "type": "function", "function": {"name": "get_weather", "arguments": {"city": "Paris", "celsius": True}}}]},
        {"role": "tool", "tool_call_id": "call12345", "content": "{\"temperature\": 18.5, \"sky\": \"clear\"}"}]},
    {"name": "content_parts", "add_generation_prompt": True, "messages": [
        {"role": "system", "content": [{"type": "text", "text": "Describe images briefly."}]},
        {"role": "user", "content": [{"type": "image"}, {"type": "text", "text": " What is shown? "}]}]},
    {"name": "consecutive_tool_results", "add_generation_prompt": True, "messages": [
        {"role": "user", "content": "Weather in Paris and Rome?"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call00001", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}},
            {"id": "call00002", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Rome\"}"}}]},
        {"role": "tool", "tool_call_id": "call00001", "content": "18"},
        {"role": "tool", "tool_call_id": "call00002", "content": "21.5"}]},
    {"name": "extra_variables", "add_generation_prompt": True, "extra": {"enable_thinking": False, "date_string": "01 Jan 2025"}, "messages": [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hi"}]},
]


def make_environment():
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(format):
        return FIXED_NOW.strftime(format)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def render(env, source, conversation, bos, eos):
    variables = {"messages": conversation["messages"], "tools": None, "documents": None,
                 "add_generation_prompt": conversation["add_generation_prompt"]}
    if bos is not None:
        variables["bos_token"] = bos
    if eos is not None:
        variables["eos_token"] = eos
    variables.update(conversation.get("extra", {}))
    try:
        return {"conversation": conversation["name"], "output": env.from_string(source).render(**variables)}
    except jinja2.exceptions.TemplateError as error:
        kind = "raise_exception" if type(error) is jinja2.exceptions.TemplateError else type(error).__name__
        return {"conversation": conversation["name"], "error": {"kind": kind, "message": str(error)}}
    except Exception as error:  # TypeError etc.: the template cannot render this conversation
        return {"conversation": conversation["name"], "error": {"kind": type(error).__name__, "message": str(error)}}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("UNDERSTUDY_TEST_MODELS")
    if not root:
        sys.exit("usage: make_template_goldens.py MODELS_DIR (or set UNDERSTUDY_TEST_MODELS)")
    env = make_environment()
    templates = []
    for relative, (bos, eos) in STANDALONE.items():
        with open(os.path.join(root, relative), encoding="utf-8") as f:
            templates.append((relative, f.read(), bos, eos))
    for relative in TOKENIZER_CONFIGS:
        with open(os.path.join(root, relative), encoding="utf-8") as f:
            config = json.load(f)
        special = lambda key: config.get(key)["content"] if isinstance(config.get(key), dict) else config.get(key)
        templates.append((relative, config["chat_template"], special("bos_token"), special("eos_token")))

    fixture = {
        "generator": "make_template_goldens.py (Python jinja2 %s, HF apply_chat_template settings)" % jinja2.__version__,
        "now": FIXED_NOW.isoformat(),
        "conversations": CONVERSATIONS,
        "templates": [
            {"source": relative, "bos_token": bos, "eos_token": eos,
             "renders": [render(env, source, c, bos, eos) for c in CONVERSATIONS]}
            for relative, source, bos, eos in templates
        ],
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "chat_template_goldens.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote %s: %d templates x %d conversations" % (out, len(templates), len(CONVERSATIONS)))


if __name__ == "__main__":
    main()
