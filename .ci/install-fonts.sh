#!/usr/bin/env bash
# Free CJK fonts with TrueType outlines for the PDF report (src/render/html.ts names them):
#   仿宋 body   FandolFang (Debian texlive-lang-chinese; CFF outlines, converted to TrueType here)
#   小标宋 title FandolSong Bold (same package, converted)
#   黑体        FandolHei (same package, converted); WenQuanYi Zen Hei (fonts-wqy-zenhei) for
#               characters FandolHei lacks
#   楷体        AR PL KaitiM GB (fonts-arphic-gkai00mp)
#   宋体        AR PL SungtiL GB (fonts-arphic-gbsn00lp), the page number
# Why TrueType: Chromium's PDF backend (Skia) embeds TrueType-outline fonts as CID TrueType but
# draws CFF-outline OpenType fonts (Noto CJK .ttc/.otf, Fandol .otf) and synthetic bold as Type 3
# bitmaps-as-glyph-procedures, which print shops and PDF/A checks reject.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest=/usr/local/share/fonts/jixiao
have="$(fc-list 2>/dev/null || true)"
if [ -f "$dest/FandolFang-Regular.ttf" ] && [ -f "$dest/FandolSong-Bold.ttf" ] \
  && [ -f "$dest/FandolHei-Regular.ttf" ] \
  && grep -q 'WenQuanYi Zen Hei' <<<"$have" && grep -q 'AR PL KaitiM GB' <<<"$have" \
  && grep -q 'AR PL SungtiL GB' <<<"$have"; then
  # Fonts converted before the character-map tidy (otf2ttf.py) are tidied in place once.
  if [ ! -f "$dest/CMAP-TIDY" ]; then
    /usr/bin/python3 "$here/otf2ttf.py" --tidy "$dest/FandolFang-Regular.ttf" \
      "$dest/FandolSong-Bold.ttf" >/dev/null
    touch "$dest/CMAP-TIDY"
    fc-cache -f "$dest" >/dev/null
  fi
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends fontconfig fonts-wqy-zenhei fonts-arphic-gkai00mp \
  fonts-arphic-gbsn00lp python3-fonttools python3-munkres >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Only the Fandol files are taken from the package: installing it would pull in TeX Live.
chmod 777 "$work"
(cd "$work" && apt-get download -qq texlive-lang-chinese && dpkg -x texlive-lang-chinese_*.deb x)
fandol="$work/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
mkdir -p "$dest"
for f in FandolFang-Regular FandolSong-Bold FandolHei-Regular; do
  /usr/bin/python3 "$here/otf2ttf.py" "$fandol/$f.otf" "$dest/$f.ttf"
done
cp "$work/x/usr/share/doc/texlive-doc/fonts/fandol/README" "$dest/FANDOL-README" 2>/dev/null || true
touch "$dest/CMAP-TIDY"
fc-cache -f "$dest" >/dev/null
