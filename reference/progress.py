import sys
import time


def progress_bar(iterable, label, stream=None, every=0.5):
    """Yield from `iterable`, drawing a simple progress line on `stream` (stderr)."""
    stream = stream or sys.stderr
    count = 0
    last = 0.0
    for item in iterable:
        count += 1
        now = time.monotonic()
        if now - last >= every:
            stream.write(f"\r{label}: {count:,}")
            stream.flush() if hasattr(stream, "flush") else None
            last = now
        yield item
    stream.write(f"\r{label}: {count:,} done\n")
