"""Time the language server: from a change in the editor to the diagnostics it gets back.

    python bench/lsp.py                 # 31 changes to a 170-statement framework
    python bench/lsp.py --changes 101

Starts ``skillframe lsp`` as an editor does (a child process on stdin and stdout), opens a
170-statement framework written by bench/generate.py in a collection of its own, then sends one
``textDocument/didChange`` at a time (the whole text, a citation misspelt and mended in turn) and
waits for the ``textDocument/publishDiagnostics`` of that version. Prints the median and the 90th
percentile of that latency, the time the same check takes inside one process (the floor the
protocol adds to), and then a burst: ten changes sent at once, as fast typing sends them, and how
many checks the server ran for them. The machine's load is printed before and after: other
programs slow every step.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

from run import edit_file

TARGET_MS = 100.0


class Client:
    """The least of an LSP client: framed JSON-RPC on the server's stdin and stdout."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin: IO[bytes] = self.process.stdin
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stdout: IO[bytes]) -> None:
        while True:
            length = 0
            while True:
                line = stdout.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stdout.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.stdin.flush()

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.messages.get(timeout=120)
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def diagnostics(self, uri: str, version: int) -> tuple[list[Any], int]:
        """The diagnostics published for ``uri`` at ``version``, and how many publications of
        that file came before them (earlier versions, when changes were coalesced)."""
        earlier = 0
        while True:
            message = self.messages.get(timeout=120)
            if message.get("method") != "textDocument/publishDiagnostics":
                continue
            params = message["params"]
            if params["uri"] != uri:
                continue
            if params.get("version") == version:
                return params["diagnostics"], earlier
            earlier += 1

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=30)


def cpu_seconds(pid: int) -> float | None:
    """The CPU time (user + system) a process has used so far, where /proc tells it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def in_process(path: Path, texts: list[str], runs: int) -> float:
    """The median time of the same check in this process (no protocol), in milliseconds."""
    from skillframe.config import discover
    from skillframe.lint import Linter

    config = discover(path)
    times = []
    for index in range(runs):
        start = time.perf_counter()
        Linter().check_text(texts[index % 2], path, config)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--changes", type=int, default=31, help="changes to time, one at a time")
    args = parser.parse_args(argv)
    print(load())
    with tempfile.TemporaryDirectory() as temp:
        path, _ = edit_file(Path(temp))
        clean = path.read_text(encoding="utf-8")
        cited = clean.index("cite: [") + len("cite: [")
        misspelt = clean[:cited] + "zz" + clean[cited:]
        texts = [clean, misspelt]
        uri = path.resolve().as_uri()
        client = Client([sys.executable, "-m", "skillframe", "lsp"])
        client.request(
            "initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}}
        )
        client.notify("initialized", {})
        statements = clean.count("\n      - id: ")
        print(f"framework: {statements} statements, {len(clean):,} characters, {path.name}")
        start = time.perf_counter()
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": clean}},
        )
        client.diagnostics(uri, 1)
        print(f"didOpen -> publishDiagnostics: {(time.perf_counter() - start) * 1000:.0f} ms")
        times = []
        version = 1
        cpu_before = cpu_seconds(client.process.pid)
        for change in range(args.changes):
            version += 1
            text = texts[(change + 1) % 2]
            start = time.perf_counter()
            client.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": text}],
                },
            )
            found, _ = client.diagnostics(uri, version)
            times.append((time.perf_counter() - start) * 1000)
            # The misspelt citation is the change; other findings of the generated text stay.
            assert any(d.get("code") == "SF201" for d in found) == (text is misspelt), found
        times.sort()
        median = statistics.median(times)
        p90 = times[int(len(times) * 0.9) - 1]
        verdict = "within" if median <= TARGET_MS else "OVER"
        print(
            f"didChange -> publishDiagnostics, {len(times)} changes one at a time: "
            f"median {median:.0f} ms, p90 {p90:.0f} ms, best {times[0]:.0f} ms "
            f"({verdict} the {TARGET_MS:.0f} ms target)"
        )
        cpu_after = cpu_seconds(client.process.pid)
        if cpu_before is not None and cpu_after is not None:
            per_change = (cpu_after - cpu_before) * 1000 / len(times)
            print(
                f"the server's CPU time per change: {per_change:.0f} ms on average (what the "
                "latency comes down to when no other program wants the processor)"
            )
        floor = in_process(path, texts, 11)
        print(f"the same check in one process (Linter.check_text): median {floor:.0f} ms")
        burst = 10
        start = time.perf_counter()
        for change in range(burst):
            version += 1
            client.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": texts[change % 2]}],
                },
            )
        _, earlier = client.diagnostics(uri, version)
        elapsed = (time.perf_counter() - start) * 1000
        print(
            f"a burst of {burst} changes sent at once: the last one's diagnostics after "
            f"{elapsed:.0f} ms, {earlier + 1} checks run for the {burst} changes"
        )
        client.close()
    print(load())
    return 0


if __name__ == "__main__":
    sys.exit(main())
