"""Throughput of the extraction engine against bare spaCy on the same texts.

    python bench/extraction.py [FOLDER_OF_TXT] [--repeat N] [--batch-size N]

Without a folder it uses the seed article, repeated. Both sides run the same spaCy model:
bare = `spacy.load(model).pipe(texts)`, engine = `extract_batch(texts)` (the same model plus the
engine's components, claims built and resolved). The engine disables no model component.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from bench.harness import spacy_model_name  # noqa: E402
from claims.extraction import extract_batch, load_pipeline  # noqa: E402

SEED = ROOT / "tests" / "extraction" / "data" / "kremlin-drone-report.txt"


def _texts(folder: str | None, repeat: int) -> list[str]:
    if folder:
        paths = sorted(Path(folder).glob("*.txt"))
        if not paths:
            raise SystemExit(f"no .txt files in {folder}")
        texts = [p.read_text(encoding="utf-8") for p in paths]
    else:
        texts = [SEED.read_text(encoding="utf-8")] * 40
    return texts * repeat


def _time(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="best of N rounds each")
    args = parser.parse_args(argv)

    texts = _texts(args.folder, args.repeat)
    model = spacy_model_name()
    bare = spacy.load(model)
    engine = load_pipeline(model)
    words = sum(len(t.split()) for t in texts)

    def run_bare() -> None:
        for _doc in bare.pipe(texts, batch_size=args.batch_size):
            pass

    def run_engine() -> None:
        for _claims in extract_batch(texts, batch_size=args.batch_size):
            pass

    run_bare(), run_engine()  # warm up both before timing
    # Rounds alternate so that a busy machine slows both sides alike; the best round counts.
    bare_times, engine_times = [], []
    for _ in range(args.rounds):
        bare_times.append(_time(run_bare))
        engine_times.append(_time(run_engine))
    bare_s, engine_s = min(bare_times), min(engine_times)
    print(f"model {model}; {len(texts)} texts, {words} words; best of {args.rounds} rounds")
    print(f"bare spaCy pipeline: {', '.join(bare.pipe_names)}")
    print(f"engine pipeline:     {', '.join(engine.pipe_names)} (no component disabled)")
    for name, seconds in (("bare spaCy", bare_s), ("engine", engine_s)):
        print(f"{name:11s} {words / seconds:9.0f} words/s  {len(texts) / seconds:7.1f} docs/s")
    print(f"ratio engine/bare {bare_s / engine_s:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
