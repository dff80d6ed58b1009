"""Text recognition behind one small interface: an image in, text lines with their boxes out.

The engine is RapidOCR (PP-OCR models run by onnxruntime). Its models ship inside the
`rapidocr` wheel and are named here by path, so nothing is ever fetched at run time;
the import is lazy, so starting Afterword never pays for it.
"""

from __future__ import annotations

import math
import os
import statistics
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from afterword.core.cardread.errors import CardReadError

# Memory: text detection at this size (longest side, pixels) takes ~230 MB; recognition
# takes memory in proportion to lines read at once times the widest of them, so a few
# at a time. Recognition reads each line from the full image: small print keeps its detail.
DETECT_SIDE = 960
LINES_AT_ONCE = 3
# Each onnxruntime thread keeps scratch memory: a few threads are as fast on a card.
THREADS = max(1, min(4, os.cpu_count() or 1))
MODEL_FILES = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx",
               "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx"}


@dataclass(frozen=True)
class TextLine:
    """One line of text as read. `quad` is where it is on the upright image (four corners,
    for drawing); `box` is (x0, y0, x1, y1) after straightening the card's tilt, so lines
    of a tilted card still sit one under the other (for the layout)."""

    text: str
    box: tuple[float, float, float, float]
    score: float
    quad: tuple[tuple[float, float], ...] = ()

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def mid_y(self) -> float:
        return (self.box[1] + self.box[3]) / 2


@dataclass(frozen=True)
class ReadText:
    """The lines on an image, with boxes in the upright image: the image turned
    `turn` degrees clockwise (0, 90, 180 or 270)."""

    lines: list[TextLine]
    turn: int = 0


class TextReader(Protocol):
    """What the card reader needs from an OCR engine."""

    def read(self, image: Any) -> ReadText:
        """The text on `image` (an RGB numpy array, height x width x 3)."""
        ...


def _rapidocr_models() -> Path:
    try:
        import rapidocr
    except ImportError:
        raise CardReadError("reading cards needs the text recognition engine: "
                            "pip install rapidocr onnxruntime") from None
    return Path(rapidocr.__file__).resolve().parent / "models"


class RapidTextReader:
    """RapidOCR with its bundled models; orientation is set right before lines are read."""

    def __init__(self) -> None:
        models = _rapidocr_models()
        missing = [name for name in MODEL_FILES.values() if not (models / name).is_file()]
        if missing:
            raise CardReadError(f"the text recognition models are missing: {', '.join(missing)}")
        from rapidocr import RapidOCR

        params: dict[str, Any] = {"Global.log_level": "critical", "Global.max_side_len": 2000,
                                  "Det.limit_type": "max", "Det.limit_side_len": DETECT_SIDE,
                                  "Rec.rec_batch_num": LINES_AT_ONCE, "Cls.cls_batch_num": LINES_AT_ONCE,
                                  "EngineConfig.onnxruntime.intra_op_num_threads": THREADS,
                                  "EngineConfig.onnxruntime.inter_op_num_threads": 1}
        for step, name in MODEL_FILES.items():
            params[f"{step}.model_path"] = str(models / name)
        self._ocr = RapidOCR(params=params)
        self._lock = threading.Lock()  # one image at a time: the sessions are not re-entrant

    def read(self, image: Any) -> ReadText:
        import numpy as np

        turn = 0
        with self._lock:
            image = np.ascontiguousarray(image[:, :, ::-1])  # RapidOCR takes BGR
            result = self._run(image)
            if _mostly_vertical(result):
                image = np.ascontiguousarray(np.rot90(image, k=-1))  # a quarter turn clockwise
                result = self._run(image)
                turn = 90
            height, width = image.shape[:2]
            upside_down = self._upside_down(image, result)
        quads = [[(float(x), float(y)) for x, y in points] for points, _, _ in result]
        if upside_down:
            quads = [[(width - x, height - y) for x, y in quad] for quad in quads]
        tilt = _tilt(quads)
        lines = [TextLine(text.strip(), _straight_box(quad, tilt, width, height), float(score),
                          tuple(quad))
                 for quad, (_, text, score) in zip(quads, result, strict=True)]
        if upside_down:
            turn = (turn + 180) % 360
        return ReadText([line for line in lines if line.text], turn)

    def _run(self, image: Any) -> list[tuple[Any, str, float]]:
        out = self._ocr(image, use_det=True, use_cls=True, use_rec=True)
        if out is None or not getattr(out, "txts", None):
            return []
        return list(zip(out.boxes.tolist(), out.txts, out.scores, strict=True))

    def _upside_down(self, image: Any, result: list) -> bool:
        """Ask the orientation classifier about the longest lines: is the card upside down?"""
        votes = 0
        longest = sorted(result, key=lambda r: -_box_size(r[0])[0])[:5]
        for points, _, _ in longest:
            crop = _crop(image, points)
            if crop is None:
                continue
            out = self._ocr(crop, use_det=False, use_cls=True, use_rec=False)
            labels = getattr(out, "cls_res", None) or []
            if labels:
                label, confidence = labels[0][0], labels[0][1]
                if confidence > 0.6:
                    votes += 1 if str(label) == "180" else -1
        return votes > 0


def _box_size(points: list) -> tuple[float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return max(xs) - min(xs), max(ys) - min(ys)


def _tilt(quads: list) -> float:
    """The card's tilt in radians: the median slope of the longer lines' top edges."""
    angles = []
    for quad in quads:
        (x0, y0), (x1, y1) = quad[0], quad[1]
        w, h = _box_size(quad)
        if w > 2 * h:
            angle = math.atan2(y1 - y0, x1 - x0)
            if angle > math.pi / 2:
                angle -= math.pi
            elif angle < -math.pi / 2:
                angle += math.pi
            angles.append(angle)
    return statistics.median(angles) if angles else 0.0


def _straight_box(quad: list, tilt: float, width: int, height: int) -> tuple[float, float, float, float]:
    """The line's box once the image is turned back by `tilt` about its centre."""
    cx, cy = width / 2, height / 2
    cos, sin = math.cos(-tilt), math.sin(-tilt)
    xs, ys = [], []
    for x, y in quad:
        xs.append(cx + (x - cx) * cos - (y - cy) * sin)
        ys.append(cy + (x - cx) * sin + (y - cy) * cos)
    return (min(xs), min(ys), max(xs), max(ys))


def _mostly_vertical(result: list) -> bool:
    """Lines standing on end: the card was photographed a quarter turn round."""
    tall = wide = 0.0
    for points, text, _ in result:
        w, h = _box_size(points)
        weight = len(text)
        if h > 1.5 * w:
            tall += weight
        elif w > 1.5 * h:
            wide += weight
    return tall > wide


def _crop(image: Any, points: list) -> Any:
    """The text line inside a detected box, straightened (the box may be tilted)."""
    import cv2
    import numpy as np

    quad = np.array(points, dtype=np.float32)
    width = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    if width < 8 or height < 8:
        return None
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    return cv2.warpPerspective(image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE)


_reader: TextReader | None = None
_reader_lock = threading.Lock()


def default_reader() -> TextReader:
    """The engine, loaded once per process on first use."""
    global _reader
    with _reader_lock:
        if _reader is None:
            _reader = RapidTextReader()
        return _reader
