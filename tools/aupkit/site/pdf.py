"""The whole manual as one PDF: the built site's print page, printed by headless Chromium (or Chrome, Edge).

Chromium lays out the page with the site's own print styles and the
``@page`` rules of ``aup-print.css`` (running header, "Page N of M" in the
manual's language), embeds the fonts, tags the PDF and adds an outline from
the headings. Nothing is fetched from the network: the page is read from disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ConfigError, SiteBuildError

BROWSER_VARIABLE = "AUP_BROWSER"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge")
WINDOWS_BROWSERS = (
    r"Google\Chrome\Application\chrome.exe",
    r"Microsoft\Edge\Application\msedge.exe",
)
MAC_BROWSERS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
)
PRINT_TIMEOUT = 180  # seconds; a 200-page manual prints in well under a minute


def find_browser() -> Path | None:
    """The browser that prints: ``$AUP_BROWSER``, else a Chromium, Chrome or Edge found in the usual places."""
    chosen = os.environ.get(BROWSER_VARIABLE)
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise ConfigError(
                f"{BROWSER_VARIABLE}={chosen}: there is no such program",
                details=(f"set {BROWSER_VARIABLE} to the path of Chromium, Chrome or Edge, or unset it",),
            )
        return Path(found)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return Path(found)
    roots = [os.environ.get(name) for name in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")]
    candidates = [Path(root) / tail for root in roots if root for tail in WINDOWS_BROWSERS] + [Path(p) for p in MAC_BROWSERS]
    return next((path for path in candidates if path.is_file()), None)


def no_browser_message() -> str:
    return (
        "no Chromium, Chrome or Edge was found to print the PDF: install one (Debian/Ubuntu: apt install chromium) "
        f"or set {BROWSER_VARIABLE} to its path"
    )


def print_pdf(browser: Path, page: Path, output: Path, *, timeout: float = PRINT_TIMEOUT) -> None:
    """Print ``page`` (an HTML file of the built site) to ``output``; raise with the browser's words on failure."""
    with tempfile.TemporaryDirectory(prefix="aup-browser-") as profile:
        command = [
            str(browser),
            "--headless",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            "--export-tagged-pdf",
            "--run-all-compositor-stages-before-draw",
            f"--print-to-pdf={output}",
            page.resolve().as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(2, "--no-sandbox")  # Chromium refuses to run as root with its sandbox (CI containers)
        try:
            done = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=timeout)  # noqa: S603
        except subprocess.TimeoutExpired:
            raise SiteBuildError(f"the PDF was not made: {browser.name} took more than {timeout:.0f} s") from None
        except OSError as error:
            raise SiteBuildError(f"the PDF was not made: {browser} could not start ({error.strerror})") from None
    if done.returncode != 0 or not output.is_file() or output.stat().st_size == 0:
        lines = [line for line in (done.stderr or "").splitlines() if line.strip()][-10:]
        raise SiteBuildError(
            f"the PDF was not made: {browser.name} exited with {done.returncode}",
            details=tuple(f"  {line}" for line in lines),
        )
