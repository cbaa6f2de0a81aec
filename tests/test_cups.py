"""cardgen print against a real CUPS scheduler of its own (a temporary server root, a free port on
127.0.0.1, queues writing to /dev/null): the job attributes CUPS recorded are the ones the kit
needs, and the document it spooled is the PDF that was built. Skipped, with the reason, where cupsd
cannot run (not root, or CUPS not installed: `make test` installs it when it may)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cardgen import cups
from cardgen.printing import Job, Plan, media_for, read_kit, read_pdf
from cardgen.printplan import Request, plan_print
from tests.conftest import run, write_note

HERE = Path(__file__).resolve().parent
TOOLS = ("cupsd", "lpadmin", "lp", "lpstat", "ipptool", "cupsdisable", "cupsreject")
MISSING = [tool for tool in TOOLS if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists()]
if MISSING:
    pytestmark = pytest.mark.skip(
        reason=f"CUPS not installed ({', '.join(MISSING)} missing; make test installs it as root)"
    )
elif os.geteuid() != 0:
    pytestmark = pytest.mark.skip(reason="a private cupsd needs root here (make test runs it when root)")

FILES_CONF = """ServerRoot {root}
RequestRoot {root}/spool
TempDir {root}/tmp
CacheDir {root}/cache
StateDir {root}/state
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
FileDevice Yes
Printcap
User lp
Group lp
SystemGroup root
"""
CUPSD_CONF = """Listen 127.0.0.1:{port}
Browsing No
LogLevel warn
PreserveJobFiles Yes
PreserveJobHistory Yes
MaxJobs 0
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
</Policy>
"""


@dataclass
class Server:
    root: Path
    address: str

    def attributes(self, job_id: str) -> dict[str, str]:
        """The attributes CUPS recorded for a job (ipptool get-job-attributes)."""
        number = job_id.rsplit("-", 1)[1]
        out = subprocess.run(
            ["ipptool", "-tv", f"ipp://{self.address}/jobs/{number}", "get-job-attributes.test"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        found = re.findall(r"^\s+([a-z-]+) \([^)]*\) = (.*)$", out.split("RECEIVED", 1)[1], re.M)
        return dict(found)

    def document(self, job_id: str) -> bytes:
        """The document CUPS spooled for a job, as received."""
        number = int(job_id.rsplit("-", 1)[1])
        return (self.root / "spool" / f"d{number:05d}-001").read_bytes()

    def jobs(self, queue: str) -> list[str]:
        """Every job of the queue, done or not, oldest first."""
        out = _lpstat(["-W", "all", "-o", queue])
        return sorted((line.split()[0] for line in out.splitlines() if line.strip()), key=_number)


def _number(job_id: str) -> int:
    return int(job_id.rsplit("-", 1)[1])


def _lpstat(args: list[str]) -> str:
    env = {**os.environ, "LC_ALL": "C"}  # lpstat speaks the user's language otherwise
    return subprocess.run(["lpstat", *args], capture_output=True, text=True, check=False, env=env).stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ppd(duplex: bool) -> str:
    text = (HERE / "data" / "cardgen-test.ppd").read_text()
    return text if duplex else "\n".join(line for line in text.splitlines() if "Duplex" not in line) + "\n"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """A cupsd of the tests' own with queues 'duplex' (a driver with a duplex unit), 'simplex'
    (none) and 'raw' (no driver); stopped and removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="cardgen-cups-"))
    root.chmod(0o755)
    for folder in ("spool", "tmp", "cache", "state", "log"):
        (root / folder).mkdir()
    port = _free_port()
    (root / "cups-files.conf").write_text(FILES_CONF.format(root=root))
    (root / "cupsd.conf").write_text(CUPSD_CONF.format(port=port))
    cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
    daemon = subprocess.Popen(
        [cupsd, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"127.0.0.1:{port}"
    saved = os.environ.get("CUPS_SERVER")
    os.environ["CUPS_SERVER"] = address
    try:
        for _ in range(100):
            if "is running" in _lpstat(["-r"]) and "not" not in _lpstat(["-r"]):
                break
            time.sleep(0.1)
        else:
            pytest.skip(f"cupsd did not start (see {root}/log/error_log)")
        for name, duplex in (("duplex", True), ("simplex", False)):
            ppd = root / f"{name}.ppd"
            ppd.write_text(_ppd(duplex))
            subprocess.run(
                ["lpadmin", "-p", name, "-E", "-v", "file:///dev/null", "-P", str(ppd)],
                check=True,
                capture_output=True,
            )
        subprocess.run(
            ["lpadmin", "-p", "raw", "-E", "-v", "file:///dev/null"], check=True, capture_output=True
        )
        yield Server(root, address)
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
        if saved is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = saved
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARDGEN_CONFIG", str(tmp_path / "config"))
    return tmp_path / "config"


def built(tmp_path: Path, changes: dict[str, object] | None = None) -> Path:
    note = write_note(tmp_path, changes)
    out = tmp_path / "out"
    result = run("build", str(note), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def sent_ids(output: str) -> list[str]:
    return re.search(r"sent \d+ jobs? to \S+: (.*)", output).group(1).split(", ")  # type: ignore[union-attr]


def test_a_folded_card_goes_to_cups_on_letter_long_edge_unscaled(server: Server, tmp_path: Path) -> None:
    out = built(tmp_path)  # the sample: a2-folded on Letter, long-edge duplex
    result = run("print", str(out), "--printer", "duplex", "--only", "card", "--copies", "2")
    assert result.exit_code == 0, result.stderr
    (job_id,) = sent_ids(result.stdout)
    attributes = server.attributes(job_id)
    assert attributes["media"] == "na_letter_8.5x11in"
    assert attributes["sides"] == "two-sided-long-edge"
    assert attributes["print-scaling"] == "none"
    assert attributes["fit-to-page"] == "false"
    assert attributes["copies"] == "2"
    assert attributes["collate"] == "true"
    assert attributes["job-state"] == "completed"  # released, not left held
    assert server.document(job_id) == (out / "card.pdf").read_bytes()


def test_a_flat_card_two_to_an_a4_sheet_prints_on_a4(server: Server, tmp_path: Path) -> None:
    out = built(tmp_path, {"card.format": "iso-a6-flat", "print.paper": "a4", "envelope.format": "c6"})
    card = read_pdf(out / "card.pdf")
    assert card.size == pytest.approx((842, 595), abs=1)  # landscape A4, two cards
    result = run("print", str(out), "--printer", "duplex", "--only", "card")
    assert result.exit_code == 0, result.stderr
    (job_id,) = sent_ids(result.stdout)
    attributes = server.attributes(job_id)
    assert attributes["media"] == "iso_a4_210x297mm"
    assert attributes["sides"] == "two-sided-long-edge"
    assert attributes["print-scaling"] == "none"
    assert attributes["copies"] == "1"
    assert server.document(job_id) == (out / "card.pdf").read_bytes()


def test_manual_duplex_prints_the_fronts_waits_then_prints_the_backs(server: Server, tmp_path: Path) -> None:
    out = built(tmp_path, {"print.duplex": "manual"})
    plan = plan_print(read_kit(out, ("card",)), Request("duplex"))
    before = set(server.jobs("duplex"))
    seen: list[tuple[str, list[str]]] = []

    def enter(message: str) -> str:  # the user reads the message, turns the stack, presses Enter
        seen.append((message, sorted(set(server.jobs("duplex")) - before, key=_number)))
        return ""

    ids = cups.run_plan(plan, "duplex", enter)
    fronts, backs = ids
    ((message, sent_by_then),) = seen
    assert sent_by_then == [fronts]  # the fronts went out before the pause, the backs only after it
    assert "printed side down" in message and "long edge" in message  # the sample's face = "up"
    for job_id, name in ((fronts, "card-fronts.pdf"), (backs, "card-backs.pdf")):
        attributes = server.attributes(job_id)
        assert (attributes["media"], attributes["sides"]) == ("na_letter_8.5x11in", "one-sided")
        assert attributes["print-scaling"] == "none"
        assert server.document(job_id) == (out / name).read_bytes()


def test_a_duplex_card_on_a_printer_without_a_duplex_unit_is_printed_odd_then_even(
    server: Server, tmp_path: Path
) -> None:
    out = built(tmp_path)
    result = run("print", str(out), "--printer", "simplex", "--only", "card", input="\n")
    assert result.exit_code == 0, result.stderr
    assert "simplex has no duplex unit" in result.stderr
    assert "Take the printed sheet and put it back in the tray" in result.stdout
    fronts, backs = sent_ids(result.stdout)
    assert [server.attributes(j)["page-ranges"] for j in (fronts, backs)] == ["1-1", "2-2"]
    assert {server.attributes(j)["sides"] for j in (fronts, backs)} == {"one-sided"}


def test_envelopes_start_with_a_test_on_plain_paper_until_the_feed_is_confirmed(
    server: Server, tmp_path: Path, config: Path
) -> None:
    out = built(tmp_path)  # A2 envelope, fed as an envelope-sized page
    first = run("print", str(out), "--printer", "duplex", "--only", "envelope", input="\ny\n\n")
    assert first.exit_code == 0, first.stderr
    test, envelopes = sent_ids(first.stdout)
    for job_id in (test, envelopes):
        attributes = server.attributes(job_id)
        assert attributes["media"] == "na_a2_4.375x5.75in"
        assert (attributes["sides"], attributes["print-scaling"]) == ("one-sided", "none")
        assert server.document(job_id) == (out / "envelope.pdf").read_bytes()
    assert server.attributes(test)["page-ranges"] == "1-1"
    assert 'feed = "none"' in (config / "feeds.toml").read_text()
    again = run("print", str(out), "--printer", "duplex", "--only", "envelope", input="\n")
    assert again.exit_code == 0, again.stderr
    assert "Test envelope" not in again.stdout and len(sent_ids(again.stdout)) == 1


def test_a_test_envelope_answered_no_prints_no_envelopes(server: Server, tmp_path: Path) -> None:
    out = built(tmp_path)
    before = server.jobs("duplex")
    result = run("print", str(out), "--printer", "duplex", "--only", "envelope", input="\nn\n")
    assert result.exit_code == 2
    assert "stopped after the test envelope; run cardgen calibrate envelope" in result.stderr
    assert len(server.jobs("duplex")) == len(before) + 1  # the test sheet only


def test_a_refused_job_cancels_the_jobs_sent_with_it(server: Server, tmp_path: Path) -> None:
    out = built(tmp_path)
    card, guide = read_pdf(out / "card.pdf"), read_pdf(out / "guide.pdf")
    too_many = Job(guide, "guide", media_for(*guide.size), copies=100_000)  # the scheduler's limit: 9999
    plan = Plan((Job(card, "card", media_for(*card.size)), too_many))
    with pytest.raises(cups.PrintError) as refused:
        cups.run_plan(plan, "duplex", lambda message: "")
    assert (
        str(refused.value) == "printer 'duplex' refused guide.pdf: Bad copies value 100000."
    )  # cupsd's words
    held = server.jobs("duplex")[-1]
    assert server.attributes(held)["job-state"] == "canceled"  # the card job sent with it never printed


def test_printers_lists_duplex_and_sizes_and_warns_what_the_kit_needs(server: Server, tmp_path: Path) -> None:
    out = built(tmp_path)
    result = run("printers", str(out))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "duplex: ready; duplex; Letter, A4, EnvA2" in lines
    assert "raw: ready; duplex unknown (no driver); sizes unknown" in lines
    simplex = lines.index("simplex: ready; no duplex unit; Letter, A4, EnvA2")
    assert lines[simplex + 1].startswith(
        "  warning: simplex has no duplex unit: cardgen print sends card.pdf's"
    )


def test_no_such_stopped_or_refusing_printer_is_a_clear_error(server: Server, tmp_path: Path) -> None:
    out = built(tmp_path)
    missing = run("print", str(out), "--printer", "nope")
    assert missing.exit_code == 2
    assert (
        missing.stderr
        == "cardgen: --printer: no CUPS printer 'nope' (printers: duplex, raw, simplex; see cardgen printers)\n"
    )
    subprocess.run(["cupsdisable", "-r", "paper jam", "raw"], check=True)
    stopped = run("print", str(out), "--printer", "raw")
    assert (
        stopped.stderr
        == "cardgen: printer 'raw' is stopped (paper jam); fix it, then start it: cupsenable raw\n"
    )
    subprocess.run(["cupsenable", "raw"], check=True)
    subprocess.run(["cupsreject", "-r", "maintenance", "raw"], check=True)
    refusing = run("print", str(out), "--printer", "raw")
    assert "printer 'raw' is not accepting jobs (maintenance); then: cupsaccept raw" in refusing.stderr
    subprocess.run(["cupsaccept", "raw"], check=True)
    assert not server.jobs("raw")  # nothing was sent


def test_the_printer_profile_named_like_the_queue_must_be_in_the_card(server: Server, tmp_path: Path) -> None:
    out = built(tmp_path)
    saved = run("calibrate", "printer", "--landscape", "--save", "duplex", "--front-dx", "0.8")
    assert saved.exit_code == 0, saved.stderr
    refused = run("print", str(out), "--printer", "duplex", "--only", "card")
    assert refused.exit_code == 2
    assert "cardgen build note.toml -o " + str(out) + " --printer duplex" in refused.stderr
    rebuilt = run("build", str(tmp_path / "note.toml"), "-o", str(out), "--printer", "duplex")
    assert rebuilt.exit_code == 0, rebuilt.stderr
    assert json.loads((out / "manifest.json").read_text())["print"]["printer"] == "duplex"
    printed = run("print", str(out), "--printer", "duplex", "--only", "card")
    assert printed.exit_code == 0, printed.stderr
    (job_id,) = sent_ids(printed.stdout)
    assert server.document(job_id) == (out / "card.pdf").read_bytes()


def test_stopping_at_the_turn_sends_no_backs_and_says_what_was_sent(server: Server, tmp_path: Path) -> None:
    out = built(tmp_path, {"print.duplex": "manual"})
    before = server.jobs("duplex")
    result = run("print", str(out), "--printer", "duplex", "--only", "card", input="")  # no Enter: EOF
    assert result.exit_code == 130
    (fronts,) = [j for j in server.jobs("duplex") if j not in before]
    assert result.stderr == f"cardgen: stopped; sent before: {fronts}, nothing after them\n"
    assert server.document(fronts) == (out / "card-fronts.pdf").read_bytes()


def test_lp_speaking_german_is_still_understood(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = built(tmp_path)
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")  # lpstat: "Zeitplandienst läuft", lp: "Anfrage-ID ist …"
    result = run("print", str(out), "--printer", "duplex", "--only", "card")
    assert result.exit_code == 0, result.stderr
    (job_id,) = sent_ids(result.stdout)
    assert server.attributes(job_id)["sides"] == "two-sided-long-edge"
