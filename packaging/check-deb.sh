#!/usr/bin/env bash
# Builds Ratchet's .deb, installs it on this machine, starts the installed
# program under a virtual display, takes a screenshot, checks the file
# association, and uninstalls it. Run as root (dpkg -i) on Debian or Ubuntu:
#
#   packaging/check-deb.sh            writes target/installers/check-deb.png
#
# Needs: cargo-packager (cargo install cargo-packager --locked), and Xvfb,
# xdotool and ImageMagick's `import` (../shared/tools/install-test-tools,
# or: apt-get install xvfb xauth x11-utils imagemagick xdotool).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/installers
mkdir -p "$out"

packaging/build-installers.sh deb
deb=$(ls -t "$out"/*.deb | head -1)
echo "built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb"

dpkg -i "$deb"
trap 'dpkg -r ratchet >/dev/null 2>&1 || true' EXIT
test -x /usr/bin/ratchet || { echo "check-deb: /usr/bin/ratchet is missing" >&2; exit 1; }
grep -q 'MimeType=application/x-ratchet-workbook' /usr/share/applications/ratchet.desktop \
  || { echo "check-deb: the desktop entry does not claim .ratchet files" >&2; exit 1; }
test -f /usr/share/mime/packages/ratchet.xml \
  || { echo "check-deb: the MIME type is not installed" >&2; exit 1; }
/usr/bin/ratchet --version

# The installed program, started as a user would, with a fresh home.
home=$(mktemp -d)
screenshot=${SCREENSHOT:-../shared/tools/screenshot}
if [[ ! -x "$screenshot" ]]; then
  echo "check-deb: the screenshot helper $screenshot is missing (set SCREENSHOT)" >&2
  exit 1
fi
RATCHET_HOME="$home" "$screenshot" "$out/check-deb.png" --size 1280x820 --wait 5 \
  --title Ratchet -- /usr/bin/ratchet
echo "screenshot of the installed app: $out/check-deb.png"

dpkg -r ratchet
trap - EXIT
test ! -e /usr/bin/ratchet || { echo "check-deb: uninstall left /usr/bin/ratchet" >&2; exit 1; }
echo "installed, started, screenshotted and uninstalled: ok"
