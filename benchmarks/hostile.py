"""Time per row of hostile names: the worst must stay bounded (a batch must never stall on one row).

Each hostile name (100k characters, combining-mark floods, zero-width and bidi characters,
emoji, mixed scripts, initials only, two-letter words, CCC digit runs ...) is normalized,
matched (``Screener.match``, threshold 0: every candidate scored) and screened as a
one-row DataFrame, ``--repeat`` times; the best time of each is kept (the others measure
the machine's noise). Prints a table, slowest first, and the worst time per row; exits 1
when it exceeds ``--bound`` milliseconds.

    python benchmarks/hostile.py [--list ofac-sdn=../shared/lists/ofac_sdn_2023-12 ...] [--bound 500]

Without ``--list``: the bundled starter list. The real lists make the candidate search
larger (two-letter words such as Li, Wu, Ma appear in thousands of listed names), so run
it with them too.
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

from screening import Screener, load_list
from screening.normalize import MAX_NAME_CHARS, name_forms

SURNAMES = ["Li", "Wu", "Ma", "Bo", "Yu", "He", "Xu", "Hu", "Lu", "Al", "El", "Ng", "Oh", "Im", "Ri"]

HOSTILE: dict[str, str] = {
    "plain": "Megvii Technology Ltd",
    "100k one letter": "x" * 100_000,
    "100k words": "Megvii Technology " * 5_556,
    "100k digits": "1234567890" * 10_000,
    "100k punctuation": "!?.,;:-" * 14_286,
    "100k whitespace": " \t\u3000" * 33_334,
    "100k Han": "\u65f7\u89c6\u79d1\u6280" * 25_000,
    "100k Hangul": "\uae40\uacbd\uc625" * 33_334,
    "100k Arabic": "\u0645\u062d\u0645\u062f \u0639\u0644\u064a " * 11_112,
    "100k Cyrillic": "\u041c\u0435\u0433\u0432\u0438\u0439 " * 14_286,
    "combining flood": "Megvii" + "\u0301" * 100_000,
    "combining flood per letter": "a\u0301\u0302\u0303" * 25_000,
    "zero-width between letters": "\u200b".join("Megvii Technology Limited" * 20),
    "bidi controls": "\u202eMegvii\u202c \u2066Technology\u2069 " * 100,
    "emoji": "\U0001F600\U0001F525 Megvii \U0001F680" * 500,
    "mixed scripts": "Megvii \u65f7\u89c6 \u041c\u0435\u0433\u0432\u0438\u0439 \u0645\u064a\u063a \uba54\uadf8 " * 100,
    "control characters": "Megvii\x00\x01\x1b[31m Tech\x7f " * 500,
    "initials": "A. B. C. D. E. F. G. H. I. J. K. L. M. " * 20,
    "single letters": " ".join("abcdefghijklmnopqrstuvwxyz" * 20),
    "two-letter words": " ".join(SURNAMES * 40),
    "two-letter words, few": "Li Wu Ma Bo",
    "CCC digit groups": "1728 4320 " * 10_000,
    "legal forms only": "Co Ltd LLC Inc Corp GmbH AG SA BV " * 100,
    "place and industry words": "Beijing Shanghai Technology Digital Trading Group " * 50,
    "repeated listed name": "Hangzhou Hikvision Digital Technology Co Ltd " * 100,
    "dotted abbreviations": "S.A. U.S.A. M.A. " * 500,
    "apostrophes and hyphens": "O'Brien-Xi'an-Shi-Fu " * 500,
}


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--list", action="append", default=[], metavar="SOURCE=PATH",
                   help="a list to screen against (repeatable; default: the bundled starter list)")
    p.add_argument("--repeat", type=int, default=5, help="runs per name; the best is kept (default 5)")
    p.add_argument("--bound", type=float, default=500.0,
                   help="worst acceptable milliseconds per row, normalize + match + screen (default 500)")
    args = p.parse_args(argv)

    lists = [load_list(*spec.split("=", 1)) for spec in args.list] or None
    t = time.perf_counter()
    screener = Screener(lists)
    print(f"{screener.entity_count} entities indexed in {time.perf_counter() - t:.1f} s; "
          f"names cut at {MAX_NAME_CHARS} characters", file=sys.stderr)
    screener.match("warm up")  # lazy tables (pinyin, CCC) load once, not inside a timing
    name_forms("1728 4320 \u65f7")

    rows = []
    for label, name in HOSTILE.items():
        normalize_s = best_of(args.repeat, lambda: name_forms(name))
        match_s = best_of(args.repeat, lambda: screener.match(name, threshold=0))
        frame = pd.DataFrame({"name": [name]})
        screen_s = best_of(args.repeat, lambda: screener.screen(frame, threshold=0))
        hits = screener.match(name, threshold=0, limit=1)
        rows.append({"name": label, "chars": len(name), "normalize ms": normalize_s * 1e3,
                     "match ms": match_s * 1e3, "screen ms": screen_s * 1e3,
                     "per row ms": (normalize_s + match_s + screen_s) * 1e3,
                     "top score": hits[0].score if hits else None})
    table = pd.DataFrame(rows).sort_values("per row ms", ascending=False)
    with pd.option_context("display.width", 160, "display.max_columns", 20, "display.float_format", "{:.1f}".format):
        print(table.to_string(index=False))
    worst = table.iloc[0]
    ok = worst["per row ms"] <= args.bound
    print(f"\nworst per row: {worst['per row ms']:.1f} ms ({worst['name']}); bound {args.bound:g} ms: "
          f"{'ok' if ok else 'EXCEEDED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
