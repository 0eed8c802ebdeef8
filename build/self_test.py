#!/usr/bin/env python3
"""The action's self-test: the steps of .github/workflows/self-test.yml, and a local runner for them.

On GitHub, the workflow calls the subcommands below around its `uses: ./` steps. Here (.ci/run, through
build/self-test.sh), `run-workflow` reads that same workflow file and performs its steps in order the way the
runner would: a `uses: ./` step runs the Action binary with the INPUT_* variables the runner sets (every input of
action.yml, its default unless the step's `with:` gives one), GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY and
GITHUB_WORKSPACE; a `run: python3 build/self_test.py ...` step runs that very command with the step's `env:`,
where `${{ toJSON(steps.<id>.outputs) }}` is replaced by the outputs that step wrote. Other steps (checkout,
set-up actions) have nothing to do here.

Subcommands:
  start-emulator [--relay-host HOST]   start the AWS emulator (loopback), create examples/' world in it, copy
                                       examples/ into $GITHUB_WORKSPACE/self-test, and export AWS_* to GITHUB_ENV.
                                       --relay-host: also relay HOST:<port> to the emulator, for a Docker action
                                       whose container cannot reach the runner's loopback ("docker-bridge" means
                                       the address of Docker's default bridge, where the runner starts the action).
  expect NAME=VALUE...                 check the outputs in $OUTPUTS (a JSON object) against the expectations.
  use-dockerfile                       point action.yml at the Dockerfile, so `uses: ./` builds this checkout
                                       instead of pulling the released image.
  stop                                 stop what start-emulator started ($SELF_TEST_PIDS).
  relay --listen HOST --target PORT    (internal) the TCP relay start-emulator spawns.
  run-workflow --binary PATH           run the workflow's steps here against PATH (the AOT binary).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "self-test.yml"
EMULATOR = ROOT / "tests" / "Gitmoxi.TestSupport" / "emulator" / "gitmoxi_emulator.py"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_examples import describe, seed  # noqa: E402  (beside this file)


def fail(message: str) -> None:
    print(f"self-test: {message}", file=sys.stderr)
    sys.exit(1)


def append_env(name: str, value: str) -> None:
    """What a step exports for the steps after it: GITHUB_ENV when the runner (or run-workflow) gives one."""
    print(f"{name}={value}")
    if path := os.environ.get("GITHUB_ENV"):
        with open(path, "a", encoding="utf-8") as file:
            file.write(f"{name}={value}\n")


def spawn(args: list[str], log: Path) -> subprocess.Popen:
    with open(log, "w", encoding="utf-8") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)


def wait_for_line(process: subprocess.Popen, log: Path, pattern: str, what: str) -> re.Match:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if match := re.search(pattern, log.read_text(encoding="utf-8"), re.MULTILINE):
            return match
        if process.poll() is not None:
            fail(f"{what} exited ({process.returncode}):\n{log.read_text(encoding='utf-8')}")
        time.sleep(0.1)
    fail(f"{what} did not start within 60 s:\n{log.read_text(encoding='utf-8')}")
    raise AssertionError  # unreachable


def docker_bridge_address() -> str:
    return subprocess.run(["docker", "network", "inspect", "bridge", "--format",
                           "{{(index .IPAM.Config 0).Gateway}}"], check=True, capture_output=True,
                          text=True).stdout.strip()


def start_emulator(relay_host: str | None) -> None:
    workspace = Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd())
    logs = Path(os.environ.get("RUNNER_TEMP") or tempfile.gettempdir()) / f"gitmoxi-self-test-{uuid.uuid4().hex[:8]}"
    logs.mkdir(parents=True)
    emulator = spawn([sys.executable, str(EMULATOR), "--port", "0", "--warm", "lambda,sts"], logs / "emulator.log")
    port = wait_for_line(emulator, logs / "emulator.log", r"^GITMOXI_EMULATOR_READY port=(\d+)", "the emulator").group(1)
    loopback = f"http://127.0.0.1:{port}"
    pids = [str(emulator.pid)]
    endpoint = loopback
    if relay_host:
        # A local run has no Docker bridge: SELF_TEST_RELAY_HOST (build/self-test.sh) names a loopback address.
        host = os.environ.get("SELF_TEST_RELAY_HOST") or (
            docker_bridge_address() if relay_host == "docker-bridge" else relay_host)
        relay = spawn([sys.executable, __file__, "relay", "--listen", host, "--target", port], logs / "relay.log")
        relay_port = wait_for_line(relay, logs / "relay.log", r"^RELAY_READY port=(\d+)", "the relay").group(1)
        pids.append(str(relay.pid))
        endpoint = f"http://{host}:{relay_port}"

    copy = workspace / "self-test" / "examples"
    shutil.copytree(ROOT / "examples", copy, dirs_exist_ok=True)
    print("\n".join(describe(seed(loopback, str(ROOT / "examples" / "demo-world.json"), str(copy)))))
    print(f"emulator at {loopback}, the action reaches it at {endpoint}; logs in {logs}")
    append_env("SELF_TEST_PIDS", ",".join(pids))
    # What the Docker action receives (the runner passes the job's environment into the container).
    append_env("AWS_ENDPOINT_URL", endpoint)
    append_env("AWS_REGION", "us-east-1")
    append_env("AWS_ACCESS_KEY_ID", "test")
    append_env("AWS_SECRET_ACCESS_KEY", "test")
    append_env("AWS_EC2_METADATA_DISABLED", "true")


def stop() -> None:
    for pid in filter(None, os.environ.get("SELF_TEST_PIDS", "").split(",")):
        try:
            os.killpg(int(pid), signal.SIGTERM)
        except ProcessLookupError:
            pass


def relay(listen: str, target: int) -> None:
    """A TCP relay from listen:<free port> to 127.0.0.1:target, one thread pair per connection."""
    server = socket.create_server((listen, 0))
    print(f"RELAY_READY port={server.getsockname()[1]}", flush=True)

    def pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    while True:
        client, _ = server.accept()
        upstream = socket.create_connection(("127.0.0.1", target))
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=pump, args=(a, b), daemon=True).start()


def expect(expectations: list[str]) -> None:
    outputs = json.loads(os.environ.get("OUTPUTS") or "{}")
    wrong = []
    for expectation in expectations:
        name, _, value = expectation.partition("=")
        actual = outputs.get(name)
        print(f"{'ok  ' if actual == value else 'FAIL'} {name}: expected {value!r}, got {actual!r}")
        if actual != value:
            wrong.append(name)
    if wrong:
        fail(f"unexpected outputs: {', '.join(wrong)} (all outputs: {json.dumps(outputs)})")


def use_dockerfile() -> None:
    action = ROOT / "action.yml"
    text = action.read_text(encoding="utf-8")
    updated = re.sub(r"(?m)^  image: docker://\S+$", "  image: Dockerfile", text)
    if updated == text:
        fail("action.yml has no `image: docker://` line to replace")
    action.write_text(updated, encoding="utf-8")
    print("action.yml now builds the Dockerfile of this checkout")


# --- the local runner --------------------------------------------------------------------------------------

def action_defaults() -> dict[str, str]:
    import yaml  # PyYAML comes with moto[server] (through responses)

    inputs = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"]
    # A default such as ${{ github.token }} is an expression the runner evaluates; here there is no GitHub: empty.
    return {name: "" if "${{" in str(spec["default"]) else str(spec["default"])
            for name, spec in inputs.items() if "default" in spec}


def read_outputs(path: Path) -> dict[str, str]:
    """GITHUB_OUTPUT's two forms: name=value and name<<DELIMITER ... DELIMITER."""
    outputs: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i + 1)
            outputs[name] = "\n".join(lines[i + 1:end])
            i = end + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        i += 1
    return outputs


def read_env_file(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)


def run_workflow(binary: str) -> None:
    import yaml

    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    defaults = action_defaults()
    expression = re.compile(r"\$\{\{\s*toJSON\(steps\.([A-Za-z0-9_-]+)\.outputs\)\s*\}\}")
    with tempfile.TemporaryDirectory(prefix="gitmoxi-self-test-") as temp:
        temp_path = Path(temp)
        workspace = temp_path / "workspace"
        workspace.mkdir()
        github_env = temp_path / "github_env"
        github_env.touch()
        base_env = {key: value for key, value in os.environ.items()
                    if not key.startswith(("GITHUB_", "INPUT_", "AWS_", "RUNNER_"))}
        base_env |= {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace), "GITHUB_ENV": str(github_env),
                     "GITHUB_EVENT_NAME": "push", "RUNNER_TEMP": str(temp_path),
                     "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"}
        outputs: dict[str, dict[str, str]] = {}
        ran = 0
        try:
            for number, step in enumerate(job["steps"], 1):
                name = step.get("name") or step.get("uses") or step.get("run", "").splitlines()[0]
                env = base_env | read_env_file(github_env)
                if step.get("uses") == "./":
                    print(f"\n== step {number}: {name} (the Action binary, as `uses: ./`)", flush=True)
                    step_files = temp_path / f"step{number}"
                    step_files.mkdir()
                    output_file, summary_file = step_files / "output", step_files / "summary"
                    output_file.touch()
                    summary_file.touch()
                    inputs = defaults | {key: str(value) for key, value in (step.get("with") or {}).items()}
                    env |= {f"INPUT_{key.replace(' ', '_').upper()}": value for key, value in inputs.items()}
                    env |= {"GITHUB_OUTPUT": str(output_file), "GITHUB_STEP_SUMMARY": str(summary_file)}
                    result = subprocess.run([binary], cwd=workspace, env=env)
                    outputs[step["id"]] = read_outputs(output_file)
                    print(f"outputs: {json.dumps(outputs[step['id']])}")
                    if result.returncode != 0:
                        fail(f"step {number} ({name}) failed with exit code {result.returncode}")
                    ran += 1
                elif (command := step.get("run", "")).startswith("python3 build/self_test.py"):
                    if command.split()[2] == "use-dockerfile":
                        continue  # the image's entrypoint is the binary run above
                    print(f"\n== step {number}: {name}", flush=True)
                    step_env = {key: expression.sub(lambda m: json.dumps(outputs.get(m.group(1), {})), str(value))
                                for key, value in (step.get("env") or {}).items()}
                    result = subprocess.run(shlex.split(command), cwd=ROOT, env=env | step_env)
                    if result.returncode != 0:
                        fail(f"step {number} ({name}) failed")
                    ran += 1
        finally:
            os.environ["SELF_TEST_PIDS"] = read_env_file(github_env).get("SELF_TEST_PIDS", "")
            stop()
    print(f"\nself-test: {ran} steps of {WORKFLOW.relative_to(ROOT)} passed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("start-emulator")
    start.add_argument("--relay-host")
    commands.add_parser("expect").add_argument("expectations", nargs="+")
    commands.add_parser("use-dockerfile")
    commands.add_parser("stop")
    relay_parser = commands.add_parser("relay")
    relay_parser.add_argument("--listen", required=True)
    relay_parser.add_argument("--target", type=int, required=True)
    commands.add_parser("run-workflow").add_argument("--binary", required=True)
    args = parser.parse_args()
    match args.command:
        case "start-emulator":
            start_emulator(args.relay_host)
        case "expect":
            expect(args.expectations)
        case "use-dockerfile":
            use_dockerfile()
        case "stop":
            stop()
        case "relay":
            relay(args.listen, args.target)
        case "run-workflow":
            run_workflow(str(Path(args.binary).resolve()))


if __name__ == "__main__":
    main()
