#!/usr/bin/env python3
"""Writes benchmark inputs from the Wikinews corpus (CC BY 2.5, see benches/data/README.md).

  corpus.py articles OUT             one .txt per article (title, blank line, text): 295 files
  corpus.py one OUT.txt MB           one file of about MB megabytes (articles repeated)
  corpus.py many OUT MB              about MB megabytes as article files (repeated, numbered)
  corpus.py archive OUT N MB         N files totalling about MB megabytes, each recombined from
                                     paragraphs of several articles, in sub-folders of 1,000
  corpus.py line OUT.txt MB          one line of MB megabytes of words, no punctuation
  corpus.py dense OUT.txt MB         one sentence of MB megabytes crowded with quotations,
                                     speakers, attribution and loaded verbs (no stop)
Prints the number of files and bytes written.
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CANDIDATES = [
    os.path.join(HERE, "..", "benches", "data", "news_en.jsonl"),
    os.path.join(HERE, "..", "..", "shared", "data", "corpus", "news_en.jsonl"),
]


def articles():
    for path in CANDIDATES:
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                return [json.loads(line) for line in f if line.strip()]
    sys.exit("corpus not found: " + " or ".join(CANDIDATES))


def article_text(a):
    return a["title"] + "\n\n" + a["text"] + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return len(text.encode("utf-8"))


def main():
    cmd, out = sys.argv[1], sys.argv[2]
    arts = articles()
    files = total = 0
    if cmd == "articles":
        for i, a in enumerate(arts):
            total += write(os.path.join(out, f"{i:03d}.txt"), article_text(a))
            files += 1
    elif cmd == "one":
        target = float(sys.argv[3]) * 1e6
        parts, size, i = [], 0, 0
        while size < target:
            t = article_text(arts[i % len(arts)]) + "\n"
            parts.append(t)
            size += len(t.encode("utf-8"))
            i += 1
        total, files = write(out, "".join(parts)), 1
    elif cmd == "many":
        target = float(sys.argv[3]) * 1e6
        i = 0
        while total < target:
            name = os.path.join(out, f"{i // 1000:03d}", f"{i:06d}.txt")
            total += write(name, article_text(arts[i % len(arts)]))
            files += 1
            i += 1
    elif cmd == "archive":
        n, target = int(sys.argv[3]), float(sys.argv[4]) * 1e6
        rng = random.Random(7)
        paras = [p for a in arts for p in a["text"].split("\n\n") if p.strip()]
        titles = [a["title"] for a in arts]
        per_file = target / n
        for i in range(n):
            body, size = [], 0
            while not body or size < per_file:
                p = rng.choice(paras)
                n_bytes = len(p.encode("utf-8")) + 2
                if body and size + n_bytes > per_file * 1.2:
                    break
                body.append(p)
                size += n_bytes
            text = rng.choice(titles) + "\n\n" + "\n\n".join(body) + "\n"
            total += write(os.path.join(out, f"{i // 1000:03d}", f"{i:06d}.txt"), text)
            files += 1
    elif cmd == "line":
        target = int(float(sys.argv[3]) * 1e6)
        words = [w.strip(".,;:!?\"'()") for a in arts[:20] for w in a["text"].split()]
        words = [w for w in words if w.isalpha()]
        chunk = " ".join(words) + " "
        text = (chunk * (target // len(chunk) + 1))[:target]
        total, files = write(out, text), 1
    elif cmd == "dense":
        # one sentence (no stop) crowded with what the classifier and checks look at around
        # each word: quotations with speakers, attribution and loaded verbs, sources, titles
        # (a step that scans the whole sentence per cue or per quotation shows up here)
        target = int(float(sys.argv[3]) * 1e6)
        chunk = (
            '"We will go," Ruiz said, adding "we will stay" and the family said and '
            "recently, however, the tally showed that officials reportedly claimed and "
            "Ruiz spoke at the rally and the toll worries the pilots and Republican "
            'support grew and the series "Hawaii Five Zero" and later on Tuesday Ruiz '
            "met the mayor, then with President Lee, where he insisted, and "
        )
        text = (chunk * (target // len(chunk) + 1))[:target]
        total, files = write(out, text), 1
    else:
        sys.exit(__doc__)
    print(files, total)


if __name__ == "__main__":
    main()
