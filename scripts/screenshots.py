#!/usr/bin/env python3
"""Screenshots of `wangluo serve` for the README: the reading view and a claim page.

Starts `wangluo serve` on a free loopback port, opens the pages in headless Chromium (Debian's
`chromium` and `chromium-driver`, driven by Selenium from .venv) and writes docs/serve-*.png.
Run once after `cargo build` (CARGO_TARGET_DIR set):  .venv/bin/python scripts/screenshots.py
It needs a CJK font to draw the Chinese text (网络强国 in the reading view): `scripts/test`
installs Debian's fonts-wqy-zenhei beside chromium; without one it stops, rather than write
screenshots with empty boxes.
"""
import os
import subprocess
import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
BINARY = TARGET / "debug" / "wangluo"


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def has_cjk_font():
    """Whether fontconfig knows a font covering Chinese (what Chromium falls back to)."""
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return False
    return bool(listed.stdout.strip())


def main():
    if not has_cjk_font():
        print("screenshots.py: no CJK font (fc-list :lang=zh is empty); install Debian's fonts-wqy-zenhei "
              "(scripts/test does) so 网络强国 is drawn", file=sys.stderr)
        return 1
    server = subprocess.Popen([str(BINARY), "serve", "--bind", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        root = "http://" + line.split("http://")[1].split("/")[0]
        driver = browser(1200, 1500)
        try:
            shots = {
                "serve-reading-view.png": "/read/id/rathor-2024",
                "serve-claim.png": "/page/id/odni-sophisticated-cyber-adversary",
            }
            for name, path in shots.items():
                driver.get(root + path)
                driver.save_screenshot(str(REPO / "docs" / name))
                print(f"docs/{name} <- {path}")
        finally:
            driver.quit()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
