import os, re, sys
base="/tmp/meas"
def cells(l): return [c for c in re.split(r"\s{2,}", l.strip()) if c]
for tool in sys.argv[1:]:
    tot=ok=0
    for f in os.listdir(f"{base}/poppler"):
        if f.startswith("nounicode") or not os.path.exists(f"{base}/{tool}/{f}"): continue
        cand=[cells(l) for l in open(f"{base}/{tool}/{f}")]
        for l in open(f"{base}/poppler/{f}"):
            c=cells(l)
            if len(c)<2: continue
            tot+=1
            if c in cand: ok+=1
    print(f"  {tool}: columns kept apart in {ok}/{tot} = {ok/max(1,tot):.1%} of pdftotext's multi-column lines")
