#!/usr/bin/env bash
# Builds the Debian package target/deb/planwright_<version>_<arch>.deb, offline once
# scripts/setup-desktop.sh has run (system packages, ui/node_modules; cargo's registry cache
# for `--locked` crates):
#   1. the UI (ui/, `npm run build`) without test hooks — the app users run carries none;
#   2. the release desktop app (the UI embedded: custom-protocol) and the release `planwright`
#      CLI, in one cargo build;
#   3. a package tree assembled by hand: /usr/bin/planwright-desktop and /usr/bin/planwright
#      (stripped), the icon in /usr/share/icons/hicolor/<size>/apps/ (sizes made from
#      src-tauri/icons/icon.png with Pillow), the desktop entry (checked by
#      desktop-file-validate), the sample plans in /usr/share/planwright/plans (what the app
#      seeds the user's workspace from), the copyright file; Depends computed by
#      dpkg-shlibdeps from the binaries' shared libraries;
#   4. `dpkg-deb --build --root-owner-group`.
# Prints the package's path on its last line.
#   scripts/build-deb.sh [--no-build]   (--no-build: package the binaries already built)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$HOME/.cargo/bin:$PATH"

BUILD=1
[ "${1:-}" = "--no-build" ] && BUILD=0

META=$(cargo metadata --format-version 1 --no-deps --offline)
VERSION=$(python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "planwright-desktop"))' <<<"$META")
TARGET_DIR=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])' <<<"$META")
ARCH=$(dpkg --print-architecture)
PKG=planwright
OUT="$TARGET_DIR/deb"
DEB="$OUT/${PKG}_${VERSION}_${ARCH}.deb"

if [ "$BUILD" = 1 ]; then
  echo "== build-deb: the UI, without test hooks"
  (cd ui && env -u VITE_TEST_HOOKS npm run build)
  if grep -rlE '__scripted|__planwright|__edgeLayerMs|__counters|__pickDragPoint|VITE_TEST_HOOKS' ui/dist; then
    echo "build-deb: test or measurement hooks found in ui/dist" >&2
    exit 1
  fi
  echo "== build-deb: the release desktop app and the planwright CLI"
  cargo build --release --locked -p planwright-desktop -p planwright-cli --features planwright-desktop/custom-protocol
fi
for bin in planwright-desktop planwright; do
  [ -x "$TARGET_DIR/release/$bin" ] || { echo "build-deb: $TARGET_DIR/release/$bin is missing" >&2; exit 1; }
done

echo "== build-deb: the package tree"
TREE="$OUT/${PKG}_${VERSION}_${ARCH}"
rm -rf "$TREE"
mkdir -p "$TREE/DEBIAN" "$TREE/usr/bin" "$TREE/usr/share/applications" "$TREE/usr/share/planwright" "$TREE/usr/share/doc/$PKG"

for bin in planwright-desktop planwright; do
  install -m 0755 "$TARGET_DIR/release/$bin" "$TREE/usr/bin/$bin"
  strip --strip-unneeded --remove-section=.comment --remove-section=.note "$TREE/usr/bin/$bin"
done

# The icon: the sizes up to the source's own (128 px), never enlarged. Debian's python3 with
# python3-pil (setup-desktop.sh), whatever python3 comes first on PATH.
/usr/bin/python3 - "$ROOT/src-tauri/icons/icon.png" "$TREE/usr/share/icons/hicolor" <<'EOF'
import os, sys
from PIL import Image
src, hicolor = sys.argv[1], sys.argv[2]
image = Image.open(src).convert("RGBA")
for size in (16, 24, 32, 48, 64, 128):
    if size > min(image.size):
        continue
    folder = os.path.join(hicolor, f"{size}x{size}", "apps")
    os.makedirs(folder, exist_ok=True)
    image.resize((size, size), Image.LANCZOS).save(os.path.join(folder, "planwright.png"), optimize=True)
EOF

cat >"$TREE/usr/share/applications/planwright.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Name=Planwright
GenericName=Interaction Plan Editor
Comment=Draw, check and simulate contact-center interaction plans
Exec=planwright-desktop
Icon=planwright
Terminal=false
Categories=Office;
Keywords=contact center;interaction plan;IVR;simulator;
StartupWMClass=planwright-desktop
EOF
desktop-file-validate "$TREE/usr/share/applications/planwright.desktop"

# The sample plans, schedules, scenarios, tests and schemas; not what a run leaves in plans/.
cp -r plans "$TREE/usr/share/planwright/plans"
rm -rf "$TREE/usr/share/planwright/plans/exports"
find "$TREE/usr/share/planwright/plans" -name '.planwright-tmp-*' -delete

cat >"$TREE/usr/share/doc/$PKG/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Planwright
License: MIT

Files: *
Copyright: The Planwright authors
License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of this
 software and associated documentation files (the "Software"), to deal in the Software
 without restriction, including without limitation the rights to use, copy, modify, merge,
 publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
 to whom the Software is furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all copies or
 substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
EOF

find "$TREE" -type d -exec chmod 0755 {} +
find "$TREE/usr/share" -type f -exec chmod 0644 {} +

# Depends: the packages holding the binaries' shared libraries. dpkg-shlibdeps wants a
# debian/control of a source package to read; a minimal one in a temp folder does.
SHLIBS=$(mktemp -d)
trap 'rm -rf "$SHLIBS"' EXIT
mkdir "$SHLIBS/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$PKG" "$PKG" >"$SHLIBS/debian/control"
# (Its warning that the binaries are not under debian/<package>/ is about that layout only.)
DEPENDS=$(cd "$SHLIBS" && dpkg-shlibdeps -O "$TREE/usr/bin/planwright-desktop" "$TREE/usr/bin/planwright" 2> >(grep -v 'should already be installed' >&2) | sed -n 's/^shlibs:Depends=//p')
[ -n "$DEPENDS" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

cat >"$TREE/DEBIAN/control" <<EOF
Package: $PKG
Version: $VERSION
Architecture: $ARCH
Maintainer: Planwright maintainers <maintainers@planwright.dev>
Installed-Size: $(du -sk --exclude=DEBIAN "$TREE" | cut -f1)
Depends: $DEPENDS
Section: misc
Priority: optional
Description: visual editor and offline simulator of contact-center interaction plans
 Planwright draws, checks and simulates interaction plans in the style of Vonage Contact
 Center's Interaction Plans Architect: applets wired exit to applet on a canvas, live plans
 with post-interaction routes, schedules, plan tests and batch what-if simulations kept in a
 local SQLite store.
 .
 This package holds the desktop editor (planwright-desktop, with a menu entry) and the
 planwright command-line tool (validate, fmt, simulate, batch, test, diff, render). The
 sample plans are in /usr/share/planwright/plans; the editor copies them into the user's
 workspace (~/.local/share/planwright/plans) the first time it starts.
EOF

rm -f "$DEB"
dpkg-deb --build --root-owner-group -Zxz "$TREE" "$DEB" >/dev/null
echo "build-deb: $(du -h "$DEB" | cut -f1) — Depends: $DEPENDS"
echo "$DEB"
