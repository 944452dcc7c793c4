"""Open each tutorial in a real JupyterLab in headless Chromium, run all cells, check what rendered.

Run with:  pytest -m browser tests/test_browser.py     (./test runs it when notebooks exist)
Needs Debian's chromium (/usr/bin/chromium or $CHROMIUM) and the `playwright` Python package;
Playwright's own browser download is never used. Screenshots go to $BROWSER_ARTIFACTS (./test:
artifacts/browser/), else to pytest's tmp dir.

For every notebook in notebooks/ (served as copies with their outputs stripped), through the UI:
Run > Run All Cells, then File > Save, and then:
- every code cell ran, and errors appear exactly in the cells tagged `raises-exception`;
- each cell gives at least the kinds of rich output it has stored (SVG, PNG, widget);
- in the page, every inline SVG image decoded (naturalWidth > 0), PNG figures are images, widgets
  rendered as live widgets (not their text fallback), and moving a slider with the keyboard makes
  the kernel change the text of the output it sits in (not only the slider's own readout).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
TOKEN = "minigrad-browser-test"
RICH = {"image/svg+xml", "image/png", "application/vnd.jupyter.widget-view+json"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    """Pids whose parent is `pid` (Linux /proc), to check nothing is left behind."""
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d.name))
            except (OSError, IndexError, ValueError):
                pass
    return out


def _api(lab: dict, path: str, method: str = "GET"):
    req = urllib.request.Request(f"{lab['base']}{path}?token={TOKEN}", method=method,
                                 data=b"" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
    return json.loads(body) if body else None


def _kinds(cell) -> set[str]:
    """The kinds of output a code cell has: mime types of rich outputs, 'error' for an exception."""
    kinds = set()
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            kinds.add("error")
        kinds |= RICH & set(out.get("data", {}))
    return kinds


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not NOTEBOOKS:
        pytest.skip("no notebooks/*.ipynb yet")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("jupyterlab")
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "root"
    # Serve copies with outputs stripped (helper files too), so whatever renders was produced by this run.
    skip = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    shutil.copytree(ROOT / "notebooks", root, ignore=skip)
    for src in NOTEBOOKS:
        nb = nbformat.read(src, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nb.metadata.pop("widgets", None)
        nbformat.write(nb, root / src.name)
    # User settings: no news toast; start the notebook's kernel without the "Select Kernel" dialog.
    settings = {"apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
                "notebook-extension/tracker": {"autoStartDefaultKernel": True, "windowingMode": "none"}}
    for name, value in settings.items():
        f = tmp / "settings" / "@jupyterlab" / f"{name}.jupyterlab-settings"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(value))
    port = _free_port()
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_DATA_DIR=str(tmp / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), JUPYTER_PLATFORM_DIRS="1",
               PYTHONHASHSEED="0")
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
           "--ServerApp.allow_root=True",  # CI runs as root; JupyterLab refuses root without it
           "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           f"--LabApp.user_settings_dir={tmp / 'settings'}", f"--LabApp.workspaces_dir={tmp / 'ws'}"]
    log = open(tmp / "server.log", "w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    base = f"http://127.0.0.1:{port}"
    t0 = time.monotonic()
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() - t0 > 60:
                proc.kill()
                pytest.fail("JupyterLab did not start:\n" + (tmp / "server.log").read_text()[-3000:])
            time.sleep(0.25)
    print(f"jupyterlab up in {time.monotonic() - t0:.1f}s (pid {proc.pid}, port {port})")
    yield {"base": base, "tmp": tmp, "root": root, "proc": proc, "nbformat": nbformat}
    # Shut down: REST shutdown (stops kernels too), then by pid if still alive.
    kids = _children(proc.pid)
    try:
        _api({"base": base}, "/api/shutdown", "POST")
    except OSError:
        pass
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for pid in kids:  # kernels this server started, if any outlived it (checked by cmdline)
        try:
            if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)
                print(f"had to kill leftover kernel {pid}")
        except (FileNotFoundError, ProcessLookupError):
            pass
    log.close()


@pytest.fixture(scope="module")
def browser_context(lab):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(lab["tmp"] / "chromium-profile"), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
        yield ctx
        ctx.close()


@pytest.fixture
def page(lab, browser_context):
    pg = browser_context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    pg.close()
    for session in _api(lab, "/api/sessions") or []:  # stop this notebook's kernel before the next one
        try:
            _api(lab, f"/api/sessions/{session['id']}", "DELETE")
        except OSError:
            pass


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{menu}$")).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{item}$")).first.click()


def _read_saved(nbformat, path: Path, old_mtime: float, timeout: float = 30.0):
    """The notebook as Jupyter saved it: wait for the save to start, then read it once it parses.

    Jupyter's atomic writing writes the file in place (keeping a backup beside it), so a read
    straight after the mtime changes can see a half-written, even empty, file.
    """
    deadline = time.monotonic() + timeout
    while path.stat().st_mtime == old_mtime and time.monotonic() < deadline:
        time.sleep(0.25)
    while True:
        try:
            return nbformat.read(path, as_version=4)
        except (nbformat.reader.NotJSONError, ValueError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_renders_in_jupyterlab(lab, page, path):
    nbformat, name = lab["nbformat"], path.name
    stored = nbformat.read(path, as_version=4)
    t0 = time.monotonic()
    # A workspace of its own, so the tabs of notebooks opened before are not restored beside it.
    page.goto(f"{lab['base']}/lab/workspaces/test-{path.stem}/tree/{name}?token={TOKEN}&reset")
    page.wait_for_selector(".jp-Notebook .jp-CodeCell")
    # The status bar reads "Python 3 (ipykernel) | Idle" once the kernel is up.
    idle = page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\(ipykernel\) \| Idle"))
    idle.wait_for(timeout=90_000)
    t_open = time.monotonic() - t0
    code = [c for c in stored.cells if c.cell_type == "code"]
    assert page.locator(".jp-Notebook .jp-CodeCell").count() == len(code)
    n_code = sum(bool(c.source.strip()) for c in code)  # empty cells get no [n] prompt
    _menu(page, "Run", "Run All Cells")
    # Done when every non-empty code cell has a numbered prompt, e.g. "[7]:", and the kernel is idle again.
    page.wait_for_function(
        """n => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
                  .filter(p => /\\[\\d+\\]/.test(p.textContent)).length >= n""",
        arg=n_code, timeout=600_000)
    idle.wait_for(timeout=120_000)
    t_run = time.monotonic() - t0 - t_open

    # What rendered in the page.
    svgs = page.eval_on_selector_all(
        ".jp-OutputArea-output .jp-RenderedSVG img, .jp-OutputArea-output img[src^='data:image/svg']",
        "els => els.map(e => ({w: e.naturalWidth, src: decodeURIComponent(e.src).slice(0, 200)}))")
    assert all(s["w"] > 0 for s in svgs), f"SVG images that did not decode: {svgs}"
    n_png = page.locator(".jp-OutputArea-output img[src^='data:image/png']").count()
    n_widgets = page.locator(".jp-OutputArea-output .jupyter-widgets").count()
    assert page.locator(".jp-OutputArea-output", has_text="Error displaying widget").count() == 0
    stored_kinds = set().union(*(_kinds(c) for c in stored.cells if c.cell_type == "code"))
    if "image/svg+xml" in stored_kinds:
        assert svgs, "the stored notebook has SVG graphs; none rendered"
    if "image/png" in stored_kinds:
        assert n_png, "the stored notebook has PNG figures; none rendered"
    if "application/vnd.jupyter.widget-view+json" in stored_kinds:
        assert n_widgets, "the stored notebook has widgets; none rendered as live widgets"
    sliders = page.locator(".jp-OutputArea-output .widget-slider")
    if sliders.count():
        # The kernel answers the widget: the text around the slider (other than its own readout) changes.
        area = page.locator(".jp-OutputArea-output", has=page.locator(".widget-slider")).first
        text_js = """el => { const c = el.cloneNode(true);
                             c.querySelectorAll('.widget-readout').forEach(r => r.remove());
                             return c.innerText; }"""
        before = area.evaluate(text_js)
        sliders.first.locator(".noUi-handle, input[type=range]").first.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            f"""([el, before]) => ({text_js})(el) !== before""", arg=[area.element_handle(), before],
            timeout=30_000)

    shot = Path(os.environ.get("BROWSER_ARTIFACTS", lab["tmp"])) / f"{path.stem}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=False)

    # Save through the UI and check what the run produced, cell by cell.
    saved_file = lab["root"] / name
    mtime = saved_file.stat().st_mtime
    _menu(page, "File", "Save Notebook")
    fresh = _read_saved(nbformat, saved_file, mtime)
    problems = []
    for i, (old, new) in enumerate(zip(stored.cells, fresh.cells)):
        if old.cell_type != "code" or not old.source.strip():
            continue
        tagged = "raises-exception" in old.metadata.get("tags", [])
        got, want = _kinds(new), _kinds(old)
        if new.execution_count is None:
            problems.append(f"cell {i}: did not run")
        if ("error" in got) != tagged:
            err = next((f"raised {o.ename}: {o.evalue}" for o in new.outputs if o.output_type == "error"), "")
            problems.append(f"cell {i}: " + ("tagged raises-exception: no error" if tagged else err))
        if old.get("outputs") and not (want - {"error"}) <= got:
            problems.append(f"cell {i}: stored {sorted(want)}, got {sorted(got)}")
    assert not problems, f"{name}:\n" + "\n".join(problems)
    print(f"{name}: opened in {t_open:.1f}s, ran {n_code} cells in {t_run:.1f}s; "
          f"{len(svgs)} SVG, {n_png} PNG, "
          f"{n_widgets} widgets; screenshot {shot}")
