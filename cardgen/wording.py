"""Wording: a note's message text, from literal text or a jinja2 template run in a sandbox."""

from __future__ import annotations

import datetime as dt
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from cardgen import catalog
from cardgen.errors import InputError, did_you_mean
from cardgen.model import Note

DEFAULT_CLOSING = "Warm regards,"


def longdate(value: Any) -> str:
    """A date as 'Friday, December 5' (the year is left out: a note is about the coming weeks)."""
    if isinstance(value, dt.date):
        return f"{value:%A, %B} {value.day}"
    return str(value)


def first_name(full_name: str) -> str:
    """The first word of a name, skipping a courtesy title such as 'Dr.'."""
    words = [w for w in full_name.split() if w.rstrip(".").lower() not in {"mr", "mrs", "ms", "dr", "prof"}]
    return words[0] if words else full_name


def template_context(note: Note) -> dict[str, Any]:
    """What a template sees: sender, recipient, the [message] fields and derived defaults."""
    fields = dict(note.message.fields)
    builtin = catalog.templates().get(note.message.template or "")
    for optional in builtin.fields if builtin else ():
        if not optional.required:
            fields.setdefault(optional.name, "")
    recipient = note.recipient.as_dict()
    sender = note.sender.as_dict()
    fields.setdefault("greeting", f"Dear {first_name(note.recipient.name)},")
    fields.setdefault("closing", DEFAULT_CLOSING)
    fields.setdefault("signature", first_name(note.sender.name) if note.sender.name else "")
    return {**fields, "sender": sender, "recipient": recipient}


def _resolve_template(note: Note) -> tuple[SandboxedEnvironment, str, str]:
    """The environment, the template's name and how to name it in messages."""
    name = note.message.template or ""
    builtin = catalog.layouts_dir() / "templates"
    if name.endswith(".j2") or "/" in name or "\\" in name:
        path = (note.path.parent / name).resolve()
        if not path.is_file():
            raise InputError(f"no file {path}; give a path relative to the note", key="template")
        # A user's template may include files from its own folder and the built-in templates only.
        return _environment(str(path.parent), str(builtin)), path.name, str(path.name)
    if name not in catalog.templates():
        hint = did_you_mean(name, catalog.templates()) or "; see cardgen list templates"
        raise InputError(f"unknown template '{name}'{hint}", key="template")
    return _environment(str(builtin)), f"{name}.j2", name


@cache
def _environment(*folders: str) -> SandboxedEnvironment:
    """One environment per search path, so each template is compiled once per run."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(list(folders)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["longdate"] = longdate
    return env


def render_message(note: Note) -> str:
    """The message text: paragraphs separated by one blank line, lines without trailing spaces."""
    if note.message.text is not None:
        return tidy(note.message.text)
    env, filename, label = _resolve_template(note)
    try:
        template = env.get_template(filename)
        text = template.render(template_context(note))
    except jinja2.TemplateSyntaxError as error:
        raise InputError(f"'{label}' line {error.lineno}: {error.message}", key="template") from None
    except Exception as error:  # a user's template can fail in any way: say where, never a traceback
        where = f"'{label}'" + (f" line {line}" if (line := _template_line(filename)) else "")
        missing = re.fullmatch(r"'([A-Za-z_][A-Za-z0-9_]*)' is undefined", str(error))
        if isinstance(error, jinja2.UndefinedError) and missing:
            field = missing.group(1)
            raise InputError(
                f'missing: the template {where} needs it; add {field} = "…" under [message] '
                f"in {note.path.name}",
                key=f"message.{field}",
            ) from None
        if isinstance(error, jinja2.TemplateNotFound):
            raise InputError(
                f"{where}: cannot include '{error.name}': a template may include only files from its own "
                "folder and the built-in templates",
                key="template",
            ) from None
        raise InputError(f"{where}: {type(error).__name__}: {error}", key="template") from None
    return tidy(text)


def _template_line(filename: str) -> int | None:
    """The template line being rendered when the current exception was raised (jinja maps it)."""
    traceback = sys.exc_info()[2]
    line = None
    while traceback is not None:
        if Path(traceback.tb_frame.f_code.co_filename).name == filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def tidy(text: str) -> str:
    """Strip each line, keep single line breaks, and collapse runs of blank lines to one."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def paragraphs(text: str) -> list[list[str]]:
    """The message as paragraphs, each a list of its forced lines."""
    blocks = (block.strip("\n") for block in text.split("\n\n"))
    return [block.split("\n") for block in blocks if block]


SHORT_LINE = 40  # characters: a greeting or a sign-off line is shorter; longer lines are the message


def letter_parts(text: str) -> list[tuple[str, list[str]]]:
    """The paragraphs with the part of the letter each is: "greeting" (a short first paragraph of one
    line), "sign-off" (a last paragraph of at most three short lines: the closing and the signature,
    when a paragraph of message comes before it) or "body"."""
    blocks = paragraphs(text)
    roles = ["body"] * len(blocks)
    if len(blocks) > 1 and len(blocks[0]) == 1 and len(blocks[0][0]) <= SHORT_LINE:
        roles[0] = "greeting"
    last = blocks[-1] if blocks else []
    if roles.count("body") > 1 and len(last) <= 3 and all(len(line) <= SHORT_LINE for line in last):
        roles[-1] = "sign-off"
    return list(zip(roles, blocks, strict=True))
