"""Take the README screenshot (docs/screenshot.png) in Debian's Chromium from a running demo.

    make run PORT=8101 &                      # or any running InvestBridge with the demo loaded
    .venv/bin/python scripts/screenshot.py --url http://127.0.0.1:8101 [--language ru] [--page home|dashboard]

"home" shows the public landing page; "dashboard" signs in as the demo officer first.
"""

import argparse
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_OFFICER = "officer@investbridge.demo"
DEMO_PASSWORD = "investbridge-demo"  # noqa: S105 (the published demo sign-in)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="where the demo is served")
    parser.add_argument("--language", default="ru", choices=["ru", "zh-hans", "en"])
    parser.add_argument("--page", default="home", choices=["home", "dashboard"])
    parser.add_argument("--output", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args()

    chromium = shutil.which("chromium")
    if chromium is None:
        print("Debian's chromium is not installed (apt-get install chromium).", file=sys.stderr)
        return 1
    base = args.url.rstrip("/")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": args.width, "height": args.height},
            device_scale_factor=1,
            locale={"ru": "ru-RU", "zh-hans": "zh-CN", "en": "en-GB"}[args.language],
        )
        page = context.new_page()
        if args.page == "dashboard":
            page.goto(f"{base}/{args.language}/accounts/login/")
            page.locator("input[name=username]").fill(DEMO_OFFICER)
            page.locator("input[name=password]").fill(DEMO_PASSWORD)
            page.get_by_test_id("sign-in-form").locator("button[type=submit]").click()
            page.wait_for_url("**/dashboard/")
            page.goto(f"{base}/{args.language}/dashboard/")
        else:
            page.goto(f"{base}/{args.language}/")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=args.output, full_page=False)
        browser.close()
    print(f"Saved {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
