"""Compare OCR engines on the card corpus: the same images, the same field extraction
(afterword.core.cardread.fields), only the engine differs.

    python bench/cards/compare_engines.py rapidocr            # the engine Afterword ships
    python bench/cards/compare_engines.py tesseract           # Debian tesseract-ocr + pytesseract
    python bench/cards/compare_engines.py rapidocr_onnxruntime  # the older package (PP-OCRv4)

Each engine runs in a process of its own (so peak memory is its own); run it with a
Python where that engine is installed and PYTHONPATH=desktop. Prints one table row.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "desktop"))
sys.path.insert(0, str(HERE))
from score import FIELDS, field_right  # noqa: E402

from afterword.core.cardread import engine as afterword_engine  # noqa: E402
from afterword.core.cardread.engine import ReadText, TextLine  # noqa: E402
from afterword.core.cardread.fields import extract_fields  # noqa: E402
from afterword.core.cardread.image import load_card_bytes, open_card_image  # noqa: E402

CARDS = REPO / "tests" / "data" / "cards"


class TesseractReader:
    """Tesseract 5: orientation from its OSD, then lines from image_to_data."""

    def __init__(self) -> None:
        import pytesseract

        self.tess = pytesseract

    def read(self, image) -> ReadText:
        import numpy as np
        from PIL import Image

        picture = Image.fromarray(image)
        turn = 0
        try:
            osd = self.tess.image_to_osd(picture, output_type=self.tess.Output.DICT)
            turn = int(osd.get("rotate", 0)) % 360
        except self.tess.TesseractError:
            pass
        if turn:
            picture = picture.rotate(-turn, expand=True)
        data = self.tess.image_to_data(np.asarray(picture), output_type=self.tess.Output.DICT)
        lines: dict[tuple, list[int]] = {}
        for i, word in enumerate(data["text"]):
            if word.strip() and float(data["conf"][i]) > 30:
                key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
                lines.setdefault(key, []).append(i)
        out = []
        for indexes in lines.values():
            x0 = min(data["left"][i] for i in indexes)
            y0 = min(data["top"][i] for i in indexes)
            x1 = max(data["left"][i] + data["width"][i] for i in indexes)
            y1 = max(data["top"][i] + data["height"][i] for i in indexes)
            text = " ".join(data["text"][i] for i in indexes)
            quad = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
            out.append(TextLine(text, (x0, y0, x1, y1), 1.0, quad))
        return ReadText(out, turn)


class OldRapidOCR:
    """rapidocr_onnxruntime 1.4 (PP-OCRv4 models in its wheel), behind the 3.x calls our
    reader makes, so orientation and the rest are handled alike."""

    def __init__(self) -> None:
        from rapidocr_onnxruntime import RapidOCR

        self.engine = RapidOCR()

    def __call__(self, image, use_det=True, use_cls=True, use_rec=True):
        import numpy as np

        result, _ = self.engine(image, use_det=use_det, use_cls=use_cls, use_rec=use_rec)

        class Out:
            pass

        out = Out()
        if not use_rec:  # classification alone: [[label, score]]
            out.cls_res = [(str(r[0]), float(r[1])) for r in (result or [])]
            return out
        result = result or []
        out.boxes = np.array([r[0] for r in result]) if result else np.zeros((0, 4, 2))
        out.txts = tuple(r[1] for r in result)
        out.scores = tuple(float(r[2]) for r in result)
        return out


def make_reader(name: str):
    if name == "rapidocr":
        return afterword_engine.RapidTextReader()
    if name == "tesseract":
        return TesseractReader()
    if name == "rapidocr_onnxruntime":
        reader = afterword_engine.RapidTextReader.__new__(afterword_engine.RapidTextReader)
        import threading

        reader._ocr, reader._lock = OldRapidOCR(), threading.Lock()
        return reader
    raise SystemExit(f"unknown engine {name}")


def cpu_seconds() -> float:
    """This process and its children (Tesseract runs as a program of its own)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(name: str) -> None:
    import numpy as np

    truth = json.loads((CARDS / "truth.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    reader = make_reader(name)
    load = time.perf_counter() - start
    right = dict.fromkeys(FIELDS, 0)
    walls, cpus, crashes = [], [], 0
    for card, want in truth.items():
        image = np.asarray(open_card_image(load_card_bytes(CARDS / card)))
        wall, cpu = time.perf_counter(), cpu_seconds()
        try:
            got = extract_fields(reader.read(image).lines, "US").fields.as_json()
        except Exception as exc:  # an engine that crashes on a card scores nothing for it
            print(f"{card}: {type(exc).__name__}: {exc}", file=sys.stderr)
            crashes += 1
            continue
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu_seconds() - cpu)
        for field in FIELDS:
            right[field] += field_right(field, got[field], want[field])
    n = len(truth)
    peak = max(resource.getrusage(who).ru_maxrss for who in
               (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    per_field = " ".join(f"{field}={right[field] / n:.0%}" for field in FIELDS)
    print(json.dumps({"engine": name, "overall": round(sum(right.values()) / (n * len(FIELDS)), 3),
                      "median_wall_s": round(statistics.median(walls), 2),
                      "median_cpu_s": round(statistics.median(cpus), 2),
                      "load_s": round(load, 2), "peak_mb": round(peak), "crashes": crashes,
                      "fields": per_field}))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "rapidocr")
