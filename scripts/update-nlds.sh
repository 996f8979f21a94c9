#!/bin/sh
# Updates the vendored NL Design System components (the Rijkshuisstijl community's components-css, EUPL-1.2) in
# static/vendor/rijkshuisstijl-community/components-css/: the built stylesheet, its licence and a note of the
# version. Needs npm and the npm registry once, here; the application itself never fetches anything (no CDN, no
# build step on `make run`).
#
#   scripts/update-nlds.sh            # the latest version
#   scripts/update-nlds.sh 12.0.0     # a given version
#
# Only the components: never @rijkshuisstijl-community/design-tokens, fonts or logos (their licence reserves the
# Rijkshuisstijl to the Rijksoverheid; a deployment entitled to it installs them through THEME_DIR, see README).
set -eu
PACKAGE=@rijkshuisstijl-community/components-css
VERSION=${1:-$(npm view "$PACKAGE" version)}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET="$ROOT/static/vendor/rijkshuisstijl-community/components-css"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null && tar xzf ./*.tgz)
test "$(sed -n 's/.*"license": *"\([^"]*\)".*/\1/p' "$WORK/package/package.json")" = "EUPL-1.2" \
  || { echo "!! $PACKAGE $VERSION is not EUPL-1.2: not vendored" >&2; exit 1; }

mkdir -p "$TARGET"
cp "$WORK/package/dist/index.css" "$TARGET/index.css"
cp "$WORK/package/LICENSE.md" "$TARGET/LICENSE.md"
cat > "$TARGET/VERSION" <<NOTE
$PACKAGE $VERSION (EUPL-1.2)
from the npm registry with \`npm pack\` by scripts/update-nlds.sh on $(date -u +%Y-%m-%d); files: dist/index.css, LICENSE.md
NOTE
echo "$PACKAGE $VERSION in ${TARGET#"$ROOT"/}"
