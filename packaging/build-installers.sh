#!/usr/bin/env bash
# Builds Ratchet's installers for this platform with cargo-packager:
#
#   packaging/build-installers.sh            every format this platform builds
#   packaging/build-installers.sh deb        only the given formats
#
# Linux: deb, appimage. Windows: nsis, wix. macOS: app, dmg. (AppImage,
# NSIS and WiX download helper tools on first use.) Installers land in
# target/installers; the binary is built with the `dist` profile (LTO,
# one codegen unit, stripped) and its size is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-packager >/dev/null || {
  echo "cargo-packager is missing: cargo install cargo-packager --locked" >&2
  exit 1
}
config=packaging/Packager.toml

cargo build --profile dist
bin=target/dist/ratchet
[[ -f "$bin.exe" ]] && bin="$bin.exe"
echo "binary: $bin, $(du -h "$bin" | cut -f1)"

if [[ $# -gt 0 ]]; then
  formats=$(IFS=,; echo "$*")
  cargo packager --config "$config" --formats "$formats"
else
  cargo packager --config "$config"
fi
ls -l target/installers
