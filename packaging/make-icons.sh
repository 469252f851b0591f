#!/usr/bin/env bash
# Renders assets/icon/ratchet.svg to every icon file the installers use:
# PNGs (16–1024 px), ratchet.ico (Windows) and ratchet.icns (macOS).
# Needs ImageMagick (`convert`) and Python's Pillow; the results are
# committed, so building an installer does not need this.
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/icon
cargo run --release --example render_icon -- "$out/ratchet.svg" "$out"
convert "$out"/ratchet-{16,24,32,48,64,128,256}.png "$out/ratchet.ico"
python3 - "$out" <<'PY'
import sys
from PIL import Image
out = sys.argv[1]
Image.open(f"{out}/ratchet-1024.png").save(
    f"{out}/ratchet.icns",
    sizes=[(16, 16), (32, 32), (64, 64), (128, 128), (256, 256), (512, 512), (1024, 1024)],
)
PY
echo "icons written to $out"
