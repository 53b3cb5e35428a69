"""`make screenshots`: every page of the book at 390 px and 1280 px, light and dark,
written to _build/screenshots/ for a person to look at."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, SITE, toc_pages

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}


SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
    scrollTo(0, y);
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 30)));
  }
  // a lazy image that is never shown (display: none) never loads: wait at most 5 s
  const loaded = Promise.all([...document.images].map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
  await Promise.race([loaded, new Promise(r => setTimeout(r, 5000))]);
  scrollTo(0, 0);
}"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages relative to the site (default: every ToC page)")
    parser.add_argument("--full", action="store_true", help="whole page, not only the first screen")
    args = parser.parse_args(argv)
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out = ROOT / "_build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    pages = args.pages or toc_pages()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, (w, h) in VIEWPORTS.items():
            for mode in ("light", "dark"):
                ctx = browser.new_context(viewport={"width": w, "height": h}, color_scheme=mode, device_scale_factor=1)
                page = ctx.new_page()
                for path in pages:
                    page.goto(f"{base}/{path}", wait_until="networkidle")
                    page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
                    if args.full:  # as a reader would: scroll down so that lazy drawings load, then back up
                        page.evaluate(SCROLL_THROUGH)
                        page.wait_for_load_state("networkidle")
                    file = out / f"{path.replace('/', '_').removesuffix('.html')}-{name}-{mode}.png"
                    if args.full:
                        # A screen as tall as the page: the browser skips drawing what is off screen (the
                        # cards of long tables), so a capture beyond the screen would show them empty.
                        for _ in range(3):
                            height = page.evaluate("document.documentElement.scrollHeight")
                            page.set_viewport_size({"width": w, "height": height})
                            page.wait_for_timeout(300)
                        page.screenshot(path=str(file), timeout=180000, animations="disabled")
                        page.set_viewport_size({"width": w, "height": h})
                    else:
                        page.screenshot(path=str(file), timeout=180000, animations="disabled")
                    print(file.relative_to(ROOT))
                ctx.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
