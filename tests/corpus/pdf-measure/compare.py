import os, re, sys, collections
base = "/tmp/meas"
def words(t): return re.findall(r"\w+", t.lower())
res = {}
for tool in sys.argv[1:]:
    rows = [l.rstrip("\n").split("\t") for l in open(f"{base}/{tool}.tsv")]
    tot_ref = tot_found = 0; fails = []; ms = 0; pages = 0
    for r in rows:
        name, status, n, t = r[0], r[1], int(r[2]), float(r[3])
        ref = collections.Counter(words(open(f"{base}/poppler/{name}.txt").read()))
        if status != "ok":
            fails.append(f"{name}:{status}:{r[4][:60] if len(r)>4 else ''}")
            tot_ref += sum(ref.values()); continue
        ms += t; pages += n
        got = collections.Counter(words(open(f"{base}/{tool}/{name}.txt").read()))
        found = sum(min(c, got[w]) for w, c in ref.items())
        tot_ref += sum(ref.values()); tot_found += found
        share = found / max(1, sum(ref.values()))
        if share < 0.95 or name.startswith("nounicode"): print(f"  {tool} {name}: {share:.1%} ({sum(got.values())} words, poppler {sum(ref.values())})")
    print(f"{tool}: words {tot_found/tot_ref:.1%}, failures {len(fails)} {fails}, ms/page {ms/max(1,pages):.2f} over {pages} pages")

def norm_line(l): return " ".join(l.split())
print("row fidelity: share of pdftotext lines with >1 cell whose full text is one line of the candidate")
for tool in sys.argv[1:]:
    tot = ok = 0
    for f in os.listdir(f"{base}/poppler"):
        if f.startswith("nounicode") or not os.path.exists(f"{base}/{tool}/{f}"): continue
        cand = set(norm_line(l) for l in open(f"{base}/{tool}/{f}"))
        candtext = "\n".join(cand)
        for l in open(f"{base}/poppler/{f}"):
            if len(re.split(r"\s{2,}", l.strip())) < 2: continue
            tot += 1
            if any(norm_line(l) in c for c in cand): ok += 1
    print(f"  {tool}: {ok}/{tot} = {ok/max(1,tot):.1%}")
