"""Summarises `perf script -F pid,tid,ip,sym,dso` of one phananh run (bench/profile.sh): per
thread (the main thread, which holds the connection and stores; the checkpoint thread; the
threads that read or judge beside it, together), its share of the samples, the functions with the most samples of their own, and the share of
the thread's samples spent under each of phananh's steps named in STEPS."""
import collections
import sys

# A step is counted once per sample, under the first of its names found in the stack.
STEPS = [
    ("read and parse the file", ["bounded::CsvRecords", "ingest::csv_report", "ingest::json_report"]),
    ("seal the identity", ["domain::vault::seal"]),
    ("open the identity", ["app::vault::Keys::open"]),
    ("language and reception check", ["app::validate::check"]),
    ("canonical JSON and row digests", ["PendingDigest::", "Report::digest", "report::json_digest"]),
    ("insert the report row", ["reports::Inserter::insert"]),
    ("load report rows", ["storage::reports::load", "reports::received_page"]),
    ("update report rows", ["storage::reports::update"]),
    ("append events (chain hash, row)", ["events::Appender::append"]),
    ("start and stop clocks", ["clocks::Keeper::apply"]),
    ("commit, pause, wait for the copy", ["bulk::Bulk::wrote", "bulk::Bulk::page_done", "Bulk::finish"]),
    ("checkpoint copy", ["walCheckpoint", "sqlite3WalCheckpoint"]),
    ("SQLite, all of it", ["sqlite3_step", "sqlite3_prepare", "walCheckpoint"]),
    ("the kernel (file reads and writes)", ["[kernel.kallsyms]"]),
]


def stacks(path):
    tid, frames = None, []
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        if not line.strip():
            if tid is not None:
                yield tid, frames
            tid, frames = None, []
        elif tid is None:
            pid, tid = line.split()[0].split("/")
            tid = "main" if pid == tid else tid
        else:
            parts = line.strip().split(None, 1)
            frames.append(parts[1] if len(parts) > 1 else parts[0])
    if tid is not None:
        yield tid, frames


by_thread = collections.defaultdict(list)
for tid, frames in stacks(sys.argv[1]):
    by_thread[tid].append(frames)
total = sum(len(s) for s in by_thread.values())
if not total:
    sys.exit("no samples")
roles = collections.defaultdict(list)
for tid, samples in by_thread.items():
    copying = sum(1 for s in samples if any("walCheckpoint" in f for f in s))
    if tid == "main":
        roles["main thread (stores)"] += samples
    elif copying > len(samples) / 2:
        roles["checkpoint thread"] += samples
    else:
        roles["reading or judging thread(s)"] += samples
for tid, samples in sorted(roles.items(), key=lambda kv: -len(kv[1])):
    share = len(samples) / total
    if share < 0.02:
        continue
    print(f"{tid}: {share:6.1%} of {total} samples")
    own = collections.Counter(s[0].split(" (")[0][:90] if s else "?" for s in samples)
    for name, n in own.most_common(8):
        print(f"    self {n / len(samples):6.1%}  {name}")
    for step, names in STEPS:
        n = sum(1 for s in samples if any(name in f for f in s for name in names))
        if n / len(samples) >= 0.01:
            print(f"    under {n / len(samples):6.1%}  {step}")
