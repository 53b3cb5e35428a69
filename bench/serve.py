"""A static server for measuring pages as a reader gets them: gzip-compressed text,
cache headers, on 127.0.0.1 only."""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import threading
from functools import lru_cache
from pathlib import Path

COMPRESSIBLE = {".html", ".js", ".css", ".svg", ".json", ".csv", ".txt", ".xml", ".inv", ".bib", ".ipynb"}
mimetypes.add_type("text/csv", ".csv")
mimetypes.add_type("image/svg+xml", ".svg")


@lru_cache(maxsize=4096)
def _gzipped(path: str, mtime: float) -> bytes:
    # mtime=0 keeps the output identical run to run (no timestamp in the header).
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


def handler_for(root: Path):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(root), **kw)

        def log_message(self, *args):
            pass

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix in COMPRESSIBLE and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = _gzipped(str(path), path.stat().st_mtime)
                self.send_response(200)
                self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "public, max-age=3600")
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                import io

                return io.BytesIO(body)
            return super().send_head()

        def end_headers(self):
            if "Cache-Control" not in "".join(str(h) for h in getattr(self, "_headers_buffer", [])):
                self.send_header("Cache-Control", "public, max-age=3600")
            super().end_headers()

    return Handler


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for(Path(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
