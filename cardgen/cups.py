"""Talk to CUPS through its own commands (lpstat, lpoptions, lp, cancel): the queues with their
state and capabilities, and a plan's jobs submitted held and released together, so a refused job
leaves nothing of its group printed. $CUPS_SERVER chooses the scheduler, as for lp itself."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

from cardgen.errors import CardgenError
from cardgen.printing import Capabilities, Job, Pause, Plan

NO_CUPS = (
    "CUPS is not installed here (no '{command}' command): install it (Debian/Ubuntu: apt install "
    "cups-client; macOS has it), or print the PDFs from a viewer at 100 % (Actual size)"
)


class PrintError(CardgenError):
    """CUPS is missing or stopped, the printer does not exist or refuses the job."""


class PrintStopped(PrintError):
    """The user stopped a run at a pause (Ctrl-C)."""

    exit_status = 130


@dataclass(frozen=True)
class Queue:
    """A CUPS queue as lpstat and lpoptions describe it."""

    name: str
    enabled: bool
    accepting: bool
    reason: str
    capabilities: Capabilities
    default: bool = False


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        # LC_ALL=C: lp and lpstat translate what they print, and their words are read here
        env = {**os.environ, "LC_ALL": "C"}
        return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False, env=env)
    except FileNotFoundError:
        raise PrintError(NO_CUPS.format(command=args[0])) from None
    except subprocess.TimeoutExpired:
        raise PrintError(
            f"{args[0]} did not answer within a minute: is the CUPS scheduler running?"
        ) from None


def _scheduler() -> None:
    result = _run(["lpstat", "-r"])
    if "is running" not in result.stdout or "not running" in result.stdout:
        raise PrintError(
            "the CUPS scheduler is not running: start it (sudo systemctl start cups, or cupsd), or set "
            "CUPS_SERVER to the print server"
        )


def queue_names() -> list[str]:
    """Every queue the scheduler knows, in its order."""
    _scheduler()
    return [line.split()[0] for line in _run(["lpstat", "-e"]).stdout.splitlines() if line.strip()]


def default_queue() -> str | None:
    """The scheduler's default queue, if it has one."""
    _scheduler()
    found = re.search(r"system default destination: (\S+)", _run(["lpstat", "-d"]).stdout)
    return found.group(1) if found else None


def capabilities(name: str) -> Capabilities:
    """Duplex and page sizes from the queue's driver options (`lpoptions -l`); unknown without one."""
    options: dict[str, list[str]] = {}
    for line in _run(["lpoptions", "-p", name, "-l"]).stdout.splitlines():
        key, _, values = line.partition(":")
        options[key.split("/")[0].strip()] = [v.lstrip("*") for v in values.split()]
    if not options:
        return Capabilities()
    duplex = any(v != "None" for v in options.get("Duplex", []))
    return Capabilities(duplex, tuple(options.get("PageSize", [])))


def queue(name: str) -> Queue:
    """The named queue's state and capabilities; an error listing the queues when there is none."""
    names = queue_names()
    if name not in names:
        known = ", ".join(names) or "none: add one with your system's printer settings or lpadmin"
        raise PrintError(f"no CUPS printer '{name}' (printers: {known}; see cardgen printers)", key="queue")
    state = _run(["lpstat", "-p", name]).stdout
    accepting = _run(["lpstat", "-a", name]).stdout
    reason = " ".join(line.strip() for line in state.splitlines()[1:]).strip()
    return Queue(
        name,
        enabled=" disabled " not in f" {state} ",
        accepting=" not accepting " not in f" {accepting} ",
        reason=reason,
        capabilities=capabilities(name),
        default=default_queue() == name,
    )


def ready(name: str) -> Queue:
    """The queue, checked to take jobs now; an error saying how to start it otherwise."""
    found = queue(name)
    why = f" ({found.reason})" if found.reason else ""
    if not found.enabled:
        raise PrintError(f"printer '{name}' is stopped{why}; fix it, then start it: cupsenable {name}")
    if not found.accepting:
        raise PrintError(f"printer '{name}' is not accepting jobs{why}; then: cupsaccept {name}")
    return found


def _submit(job: Job, name: str) -> str:
    args = job.lp_args(name)
    result = _run([*args[:1], "-H", "hold", *args[1:]])
    found = re.search(r"request id is (\S+)", result.stdout)
    if result.returncode or not found:
        message = (result.stderr or result.stdout).strip().removeprefix("lp: ")
        raise PrintError(f"printer '{name}' refused {job.pdf.path.name}: {message}")
    return found.group(1)


def run_plan(
    plan: Plan,
    name: str,
    ask: Callable[[str], str],
    confirmed: Callable[[], None] = lambda: None,
) -> list[str]:
    """Carry out the plan on queue `name`; returns the job ids. The jobs between two pauses are
    submitted held and released only when all of them were accepted (else those are cancelled).
    `ask` shows a pause's message and returns the answer; `confirmed` runs after a yes."""
    ready(name)
    done: list[str] = []
    group: list[str] = []
    try:
        for step in plan.steps:
            if isinstance(step, Job):
                group.append(_submit(step, name))
                continue
            _release(group)
            done += group
            group = []
            _pause(step, ask)
            if step.confirm:
                confirmed()
        _release(group)
    except BaseException as error:
        if group:
            _run(["cancel", *group])
        sent = f"; sent before: {', '.join(done)}, nothing after them" if done else "; nothing was sent"
        if isinstance(error, KeyboardInterrupt):
            raise PrintStopped("stopped" + sent) from None
        if isinstance(error, PrintError) and done:
            raise PrintError(f"{error}{sent}") from None
        raise
    return done + group


def _pause(step: Pause, ask: Callable[[str], str]) -> None:
    if not step.confirm:
        ask(step.message)
        return
    answer = ask(f"{step.message} [y/N]")
    if not answer.strip().lower().startswith("y"):
        raise PrintError(f"stopped after the test envelope; {step.refusal}")


def _release(ids: list[str]) -> None:
    for job_id in ids:
        result = _run(["lp", "-i", job_id, "-H", "resume"])
        if result.returncode:
            raise PrintError(f"could not release job {job_id}: {result.stderr.strip()}")


def summary(found: Queue) -> str:
    """One line: the queue, its state, duplex and page sizes."""
    state = (
        "ready"
        if found.enabled and found.accepting
        else "stopped"
        if not found.enabled
        else "not accepting jobs"
    )
    if found.reason and state != "ready":
        state += f" ({found.reason})"
    caps = found.capabilities
    duplex = {None: "duplex unknown (no driver)", True: "duplex", False: "no duplex unit"}[caps.duplex]
    sizes = ", ".join(caps.sizes) if caps.sizes else "sizes unknown"
    return f"{found.name}{' (default)' * found.default}: {state}; {duplex}; {sizes}"
