"""Render the business-card corpus: tests/data/cards/*.jpg and truth.json.

    python bench/cards/generate.py            (needs Pillow and numpy)

Each card of people.py is drawn in one of a few layouts with its own fonts and colours,
then shot as a scan (light background, a small tilt) or as a photo (a darker table,
perspective, a quarter or half turn, shadow, uneven light, blur, noise) and saved as a
small JPEG. The committed images are what the tests read; this script only remakes them.
Fonts are looked up among what a Debian machine may have (fonts-dejavu-core always;
fonts-liberation2, fonts-urw-base35, fonts-crosextra-carlito/-caladea, fonts-open-sans
add variety when present).
"""

from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).parent))
from people import PEOPLE  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "tests" / "data" / "cards"

FONT_DIRS = [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype")]
# (regular, bold) pairs by file name; the first that exists is the fallback.
FONT_PAIRS = [
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    ("NimbusSans-Regular.otf", "NimbusSans-Bold.otf"),
    ("NimbusRoman-Regular.otf", "NimbusRoman-Bold.otf"),
    ("URWGothic-Book.otf", "URWGothic-Demi.otf"),
    ("URWBookman-Light.otf", "URWBookman-Demi.otf"),
    ("C059-Roman.otf", "C059-Bold.otf"),
    ("P052-Roman.otf", "P052-Bold.otf"),
    ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    ("Caladea-Regular.ttf", "Caladea-Bold.ttf"),
    ("OpenSans-Regular.ttf", "OpenSans-Bold.ttf"),
    ("NimbusSansNarrow-Regular.otf", "NimbusSansNarrow-Bold.otf"),
]

INKS = [(20, 20, 20), (35, 45, 70), (60, 60, 60), (15, 40, 35)]
BRANDS = [(0, 90, 160), (170, 40, 40), (20, 110, 80), (110, 60, 150), (200, 110, 0), (30, 30, 30)]
PAPERS = [(255, 255, 255), (250, 248, 240), (244, 246, 250), (255, 253, 245)]


def find_fonts() -> list[tuple[Path, Path]]:
    files = {p.name: p for folder in FONT_DIRS if folder.exists() for p in folder.rglob("*")}
    pairs = [(files[r], files[b]) for r, b in FONT_PAIRS if r in files and b in files]
    if not pairs:
        sys.exit("no fonts found: install fonts-dejavu-core")
    return pairs


def fit(draw: ImageDraw.ImageDraw, text: str, path: Path, size: int, width: int) -> ImageFont.FreeTypeFont:
    """The font at `size`, or smaller until the text fits `width`."""
    while True:
        font = ImageFont.truetype(str(path), size)
        if draw.textlength(text, font=font) <= width or size <= 14:
            return font
        size -= 2


def render_card(lines, rng: random.Random, fonts, layout: int, look: dict) -> Image.Image:
    regular, bold = fonts[rng.randrange(len(fonts))]
    size = (1050, 600) if rng.random() < 0.6 else (1004, 650)
    paper = rng.choice(PAPERS)
    ink, brand = rng.choice(INKS), rng.choice(BRANDS)
    if look.get("dark"):  # light print on a dark card
        paper, ink, brand = (28, 36, 58), (236, 236, 230), (120, 200, 255)
    if look.get("portrait"):
        size, layout = (600, 1050), 1
    card = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(card)
    w, h = size
    margin = rng.randint(50, 70)
    head = [(s, t) for s, t in lines if s != "body"]
    body = [t for s, t in lines if s == "body"]
    sizes = {"company": rng.randint(36, 46), "name": rng.randint(48, 60), "title": rng.randint(26, 32)}
    body_size = rng.randint(23, 27) if len(body) < 8 else 22
    styles = {"company": (bold, brand), "name": (bold, ink), "title": (regular, ink)}

    def put(text, path, px, colour, x, y, anchor="la", width=w - 2 * margin):
        font = fit(draw, text, path, px, width)
        draw.text((x, y), text, font=font, fill=colour, anchor=anchor)
        return font.size

    if layout == 3:  # a coloured header band with the firm in white
        band = rng.randint(110, 130)
        draw.rectangle([0, 0, w, band], fill=brand)
        company = next(t for s, t in head if s == "company")
        put(company, bold, sizes["company"], paper, margin, band // 2, "lm")
        head = [(s, t) for s, t in head if s != "company"]
        y = band + 30
    else:
        y = margin
    if layout in (0, 3, 4):  # left-aligned head, body below (layout 4: body in a right column)
        for style, text in head:
            path, colour = styles[style]
            px = put(text, path, sizes[style], colour, margin, y)
            y += int(px * 1.35) + (12 if style != "title" else 4)
        if layout == 4:
            by = h - margin - len(body) * int(body_size * 1.3)
            for text in body:
                put(text, regular, body_size, ink, w - margin, by, "ra", width=w // 2 + 40)
                by += int(body_size * 1.3)
        else:
            by = max(y + 20, h - margin - len(body) * int(body_size * 1.3))
            step = int(body_size * 1.3)
            if by + len(body) * step > h - 20:
                step = max(body_size + 2, (h - 20 - by) // max(len(body), 1))
            for text in body:
                put(text, regular, body_size, ink, margin, by)
                by += step
    elif layout == 1:  # everything centred
        total = sum(int(sizes[s] * 1.35) + 8 for s, _ in head) + len(body) * int(body_size * 1.28)
        y = max(30, (h - total) // 2)
        for style, text in head:
            path, colour = styles[style]
            px = put(text, path, sizes[style], colour, w // 2, y, "ma")
            y += int(px * 1.35) + 8
        for text in body:
            put(text, regular, body_size, ink, w // 2, y, "ma")
            y += int(body_size * 1.28)
    else:  # layout 2: firm top right, name and title bottom left, body top left
        company = next((t for s, t in head if s == "company"), None)
        if company:
            put(company, bold, sizes["company"], brand, w - margin, margin, "ra", width=w // 2)
        by = margin + (60 if company else 0)
        for text in body:
            put(text, regular, body_size, ink, margin, by, width=w // 2 + 80)
            by += int(body_size * 1.3)
        people = [(s, t) for s, t in head if s != "company"]
        y = h - margin - sum(int(sizes[s] * 1.3) for s, _ in people)
        for style, text in people:
            path, colour = styles[style]
            put(text, path, sizes[style], colour, w - margin, y, "ra", width=w // 2 - 20)
            y += int(sizes[style] * 1.3)
    return card


def perspective_coeffs(src, dst):
    """PIL's PERSPECTIVE data mapping output points `dst` back to input points `src`."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=float)
    b = np.array([c for p in src for c in p], dtype=float)
    return np.linalg.solve(a, b).tolist()


def table(size, rng: random.Random, dark: bool) -> Image.Image:
    w, h = size
    base = np.array(rng.choice([(92, 64, 45), (70, 72, 78), (120, 96, 70), (48, 50, 56)]) if dark
                    else rng.choice([(236, 236, 232), (225, 228, 232)]), dtype=float)
    yy, xx = np.mgrid[0:h, 0:w]
    grain = 10 * np.sin(yy / rng.uniform(6, 14) + 3 * np.sin(xx / 180.0)) if dark else 0
    img = base[None, None, :] + (grain[..., None] if dark else 0)
    img = img + np.random.default_rng(rng.randrange(1 << 30)).normal(0, 3, (h, w, 1))
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))


def shoot(card: Image.Image, rng: random.Random, kind: str, turn: int, out_size,
          look: dict) -> Image.Image:
    """Place the card on a background as a scan or a photo."""
    W, H = out_size
    cw, ch = card.size
    if turn:
        card = card.rotate(turn, expand=True)
        cw, ch = card.size
    scale = rng.uniform(0.62, 0.78) * min(W / cw, H / ch)
    tilt = math.radians(rng.uniform(-2.5, 2.5) if kind == "scan" else rng.uniform(-7, 7))
    cx, cy = W / 2 + rng.uniform(-0.05, 0.05) * W, H / 2 + rng.uniform(-0.05, 0.05) * H
    corners = [(-cw / 2, -ch / 2), (cw / 2, -ch / 2), (cw / 2, ch / 2), (-cw / 2, ch / 2)]
    dst = []
    for x, y in corners:
        x, y = x * scale, y * scale
        rx, ry = x * math.cos(tilt) - y * math.sin(tilt), x * math.sin(tilt) + y * math.cos(tilt)
        jitter = 0 if kind == "scan" else 0.06 * min(W, H)
        dst.append((cx + rx + rng.uniform(-jitter, jitter), cy + ry + rng.uniform(-jitter, jitter)))
    src = [(0, 0), (cw, 0), (cw, ch), (0, ch)]
    coeffs = perspective_coeffs(src, dst)
    warped = card.transform((W, H), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", card.size, 255).transform((W, H), Image.Transform.PERSPECTIVE, coeffs,
                                                     Image.Resampling.BILINEAR)
    shot = table((W, H), rng, dark=kind == "photo")
    if kind == "photo":  # a soft shadow below and to one side of the card
        shadow = mask.filter(ImageFilter.GaussianBlur(18))
        off = (rng.randint(8, 24), rng.randint(8, 24))
        shade = Image.new("RGB", (W, H), (10, 10, 10))
        shifted = Image.new("L", (W, H), 0)
        shifted.paste(shadow, off)
        shot = Image.composite(shade, shot, shifted.point(lambda v: int(v * 0.55)))
    shot.paste(warped, (0, 0), mask)
    arr = np.asarray(shot).astype(float)
    if kind == "photo":  # light falling off from one corner, sometimes a strong shade
        yy, xx = np.mgrid[0:H, 0:W]
        lx, ly = rng.uniform(0, W), rng.uniform(0, H)
        dist = np.hypot(xx - lx, yy - ly) / math.hypot(W, H)
        light = 1.05 - rng.uniform(0.25, 0.45) * dist
        arr *= light[..., None]
        arr *= np.array([1.0, rng.uniform(0.96, 1.0), rng.uniform(0.88, 0.98)])  # warm lamp
    arr += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 2.5 if kind == "scan" else 5,
                                                                  arr.shape)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if look.get("glare"):  # a bright streak of light across the card
        yy, xx = np.mgrid[0:H, 0:W]
        streak = np.exp(-(((xx - 0.8 * yy - W * 0.2) / (0.07 * W)) ** 2))
        arr = np.asarray(img).astype(float) + 150 * streak[..., None]
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    blur = rng.uniform(0.3, 0.8) if kind == "scan" else rng.uniform(0.6, 1.6)
    if look.get("low"):  # a small shot, soft: what an old phone at arm's length gives
        img = img.resize((W * 2 // 3, H * 2 // 3), Image.Resampling.BILINEAR)
        blur = 1.4
    return img.filter(ImageFilter.GaussianBlur(blur))


def plan(index: int, rng: random.Random) -> dict:
    """What becomes of card `index`: layout, scan or photo, turn, output size."""
    kind = "scan" if index % 3 == 0 else "photo"
    turns = {4: 90, 9: 180, 13: 270, 17: 180, 22: 90, 27: 270, 31: 180, 36: 90, 38: 180}
    size = (2400, 1800) if index in (5, 20) else rng.choice([(1400, 1050), (1280, 960), (1200, 1600)])
    return {"layout": index % 5, "kind": kind, "turn": turns.get(index, 0), "size": size}


def main() -> None:
    fonts = find_fonts()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("card-*.jpg"):
        old.unlink()
    truth = {}
    for index, person in enumerate(PEOPLE):
        rng = random.Random(1000 + index)
        how = plan(index, rng)
        look = person.get("look", {})
        card = render_card(person["lines"], rng, fonts, how["layout"], look)
        shot = shoot(card, rng, how["kind"], how["turn"], how["size"], look)
        name = f"card-{index + 1:02d}.jpg"
        shot.save(OUT / name, quality=72, optimize=True)
        truth[name] = {**person["truth"], "_shot": {**{k: v for k, v in how.items() if k != "size"},
                                                    **look}}
    (OUT / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")
    total = sum(p.stat().st_size for p in OUT.glob("card-*.jpg"))
    print(f"wrote {len(truth)} cards to {OUT} ({total / 2**20:.1f} MiB)")


if __name__ == "__main__":
    main()
