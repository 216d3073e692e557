#!/usr/bin/env python3
"""`make bench`: what readers and editors feel, measured against targets. A benchmark, not a test.

1. build time of the site (both languages) against a plain Material + mkdocs-static-i18n baseline that
   builds the same rendered pages, median of several builds;
2. scaling: the guides multiplied 10 and 50 times, build time and peak memory, and `make check`;
3. page weight of the guide with the most sketches (HTML, CSS, JavaScript) against the same page in the baseline,
   whose sketches keep their captions and not their drawings; and each guide's sketch bytes;
4. Lighthouse scores (mobile) for the home page and that guide in both languages;
5. live-reload latency: saving a guide's data file under `mkdocs serve` until the page changes.

Everything runs on copies in a temporary folder. Prints a table, writes bench-results/latest.json and
latest.md, and puts the table in README.md between its bench markers (--no-readme to leave it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import traceback
from contextlib import ExitStack
from pathlib import Path

from benchmarks import lighthouse, livereload, projects, report, serve, weight
from benchmarks.measure import Run, median, mkdocs_build, run_measured
from benchmarks.report import Row, kilobytes, ratio, seconds

ROOT = projects.ROOT
PARTS = ("build", "pdf", "scale", "weight", "lighthouse", "livereload")
BUILD_RATIO_TARGET = 1.15
CHECK_SECONDS_TARGET = 2.0
RELOAD_SECONDS_TARGET = 1.0  # from saving a guide to the preview showing it (issue 15)
RELOAD_ROUNDS = 2  # `mkdocs serve` started this many times for each of the site and its baseline
WEIGHT_EXTRA_TARGET = 20_000  # bytes: 20 KB more than the baseline's page, leaving out the sketches' drawings
SKETCHED_EXTRA_GZIP_TARGET = 15_000  # bytes gzipped: the guide with the most sketches, drawings and all (issue 13)
LINEAR_GROWTH_LIMIT = 1.3  # marginal cost per guide may grow this much from the smallest to the largest step
LIGHTHOUSE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
# The guide with the most sketches must lose nothing to them (issue 13).
GUIDE_LIGHTHOUSE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LIGHTHOUSE_PAGES = ("", "en/", "guides/{slug}/", "en/guides/{slug}/")


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def timed_builds(project: Path, out: Path, env: dict[str, str], runs: int, what: str) -> list[Run]:
    results = []
    for _ in range(runs):
        run = run_measured(mkdocs_build(project, out, env), project, env)
        if not run.ok:
            raise RuntimeError(f"{what}: mkdocs build failed:\n{run.output}")
        results.append(run)
    return results


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path, real_url: str, baseline_url: str):
        self.args, self.work = args, work
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.results: dict = {}
        self.real = projects.copy_project(work / "real")
        self.real_site, self.baseline_site = work / "real-site", work / "baseline-site"
        self.real_env, self.baseline_env = projects.build_env(real_url), projects.build_env(baseline_url)
        self.real_url, self.baseline_url = real_url, baseline_url
        self.slugs = [str(projects.yaml_rt().load(guide.read_text(encoding="utf-8"))["slug"])
                      for guide in sorted((self.real / "data" / "guides").glob("*.yaml"))]
        # The page weight and Lighthouse take the guide with the most sketches (issue 13: apply).
        sketched = projects.sketch_counts(self.real)
        self.slug = max(self.slugs, key=lambda slug: sketched.get(slug, 0))
        self.guide_count = len(list((self.real / "data" / "guides").glob("*.yaml")))
        self.real_runs: list[Run] = []
        self.loads: list[float] = []  # the 1-minute load average as each part starts

    def busy_note(self) -> None:
        cpus = os.cpu_count() or 1
        self.loads.append(os.getloadavg()[0])
        self.results["load_average"] = self.loads
        if max(self.loads) > cpus:
            self.notes.insert(0, f"The machine was busy during this run (1-minute load average up to "
                                 f"{max(self.loads):.1f} on {cpus} CPUs): seconds are inflated, and Lighthouse's "
                                 "performance (simulated on this CPU) is lower; CPU-time ratios are the fairer "
                                 "figures.")

    def part(self, name: str, function) -> None:  # noqa: ANN001
        if name in self.args.skip:
            self.rows.append(Row(name, "skipped (--skip)", verdict="n/a"))
            return
        log(f"{name} ...")
        self.loads.append(os.getloadavg()[0])
        try:
            function()
        except lighthouse.Unavailable as error:
            self.rows.append(Row(name, f"not available: {error}", verdict="n/a"))
            self.notes.append(f"{name}: not available: {error}")
        except Exception as error:  # noqa: BLE001 - one failed part must not lose the others' figures
            self.rows.append(Row(name, "failed (see notes)", verdict="n/a"))
            self.notes.append(f"{name} failed: {str(error).strip()[:1500]}")
            log(traceback.format_exc())

    # 1. build time against the baseline
    def build(self) -> None:
        baseline = projects.make_baseline(self.real, self.work, self.real_env)
        log("warm-up builds (compiled files, jieba's dictionary cache)")
        timed_builds(self.real, self.real_site, self.real_env, 1, "site")
        timed_builds(baseline, self.baseline_site, self.baseline_env, 1, "baseline")
        real_runs: list[Run] = []
        baseline_runs: list[Run] = []
        for index in range(self.args.runs):
            # Interleaved, and each goes first in turn, so that a slow moment of the machine hits both alike.
            log(f"build {index + 1}/{self.args.runs}: site and baseline")
            pair = [(self.real, self.real_site, self.real_env, "site", real_runs),
                    (baseline, self.baseline_site, self.baseline_env, "baseline", baseline_runs)]
            for project, out, env, what, runs in (pair if index % 2 == 0 else pair[::-1]):
                runs += timed_builds(project, out, env, 1, what)
        self.real_runs = real_runs
        real_s, base_s = median([r.seconds for r in real_runs]), median([r.seconds for r in baseline_runs])
        real_cpu = median([r.cpu_seconds for r in real_runs])
        base_cpu = median([r.cpu_seconds for r in baseline_runs])
        self.results["build"] = {
            "site_seconds": [r.seconds for r in real_runs], "baseline_seconds": [r.seconds for r in baseline_runs],
            "site_cpu_seconds": [r.cpu_seconds for r in real_runs],
            "baseline_cpu_seconds": [r.cpu_seconds for r in baseline_runs],
            "site_median": real_s, "baseline_median": base_s, "ratio": real_s / base_s,
            "cpu_ratio": real_cpu / base_cpu,
            "site_peak_mb": max(r.peak_mb for r in real_runs),
            "baseline_peak_mb": max(r.peak_mb for r in baseline_runs)}
        self.rows.append(Row(f"build, both languages (median of {self.args.runs})",
                             f"{seconds(real_s)} (CPU {seconds(real_cpu)})",
                             f"baseline {seconds(base_s)} (CPU {seconds(base_cpu)})",
                             f"{ratio(real_s / base_s)} (CPU {ratio(real_cpu / base_cpu)})",
                             f"≤ {BUILD_RATIO_TARGET}×", Row.met(real_s / base_s <= BUILD_RATIO_TARGET)))

    # 1b. the PDF export (make pdf) beside the build it starts from, in the same run
    def pdf(self) -> None:
        self.ensure_built()
        out = self.work / "pdf"
        command = [sys.executable, str(self.real / "scripts" / "pdf.py"), "--site", str(self.real_site),
                   "--out", str(out), "--jobs", "1"]
        run = run_measured(command, self.real, self.real_env)
        if not run.ok:
            raise RuntimeError(f"scripts/pdf.py failed:\n{run.output}")
        files = sorted(out.glob("*.pdf"))
        build_s = median([r.seconds for r in self.real_runs]) if self.real_runs else None
        self.results["pdf"] = {"seconds": run.seconds, "cpu_seconds": run.cpu_seconds, "files": len(files),
                               "bytes": sum(f.stat().st_size for f in files), "site_build_seconds": build_s}
        self.rows.append(Row(f"PDF export ({len(files)} files, one at a time)",
                             f"{seconds(run.seconds)} (CPU {seconds(run.cpu_seconds)})",
                             f"site build {seconds(build_s)}" if build_s else "",
                             ratio(run.seconds / build_s) if build_s else ""))

    # 2. scaling
    def scale(self) -> None:
        sizes = {}
        largest = None
        for factor in self.args.scale:
            if factor == 1 and self.real_runs:
                runs, project = self.real_runs, self.real  # 1× is the real site, already measured
            else:
                project = projects.copy_project(self.work / f"scale-{factor}x")
                projects.multiply_guides(project, factor)
                count = 1 if factor == 1 else self.args.scale_runs
                log(f"{factor}×: {self.guide_count * factor} guides, {count} build(s)")
                runs = timed_builds(project, self.work / f"scale-{factor}x-site", self.real_env, count, f"{factor}×")
            sizes[factor] = {"guides": self.guide_count * factor, "seconds": median([r.seconds for r in runs]),
                             "cpu_seconds": median([r.cpu_seconds for r in runs]),
                             "peak_mb": max(r.peak_mb for r in runs), "runs": [r.seconds for r in runs]}
            largest = (factor, project)
        self.results["scale"] = sizes
        factors = sorted(sizes)
        base = sizes[factors[0]]
        for factor in factors:
            size = sizes[factor]
            grown = size["seconds"] / base["seconds"]
            target = f"≤ {factor // factors[0]}×" if factor == max(factors) and factor > factors[0] else ""
            self.rows.append(Row(
                f"build at {factor}× ({size['guides']} guides)",
                f"{seconds(size['seconds'])} (CPU {seconds(size['cpu_seconds'])}), {size['peak_mb']:.0f} MB peak",
                f"{factors[0]}×" if factor != factors[0] else "", ratio(grown) if factor != factors[0] else "",
                target, Row.met(grown <= factor / factors[0]) if target else ""))
        if len(factors) >= 3:
            self.linearity(sizes, factors)
        if largest:
            self.check(*largest)

    def linearity(self, sizes: dict, factors: list[int]) -> None:
        # CPU seconds per added guide between consecutive sizes: a fixed start-up cost does not hide growth, and
        # CPU time is less disturbed than wall time by other work on the machine.
        def per_guide(key: str) -> list[float]:
            return [(sizes[b][key] - sizes[a][key]) / (sizes[b]["guides"] - sizes[a]["guides"])
                    for a, b in zip(factors, factors[1:])]

        marginal, memory = per_guide("cpu_seconds"), per_guide("peak_mb")
        growth = marginal[-1] / marginal[0] if marginal[0] > 0 else float("inf")
        verdict = "linear" if growth <= LINEAR_GROWTH_LIMIT else "grows faster than linear"
        self.results["linearity"] = {"cpu_seconds_per_guide": marginal, "mb_per_guide": memory, "growth": growth,
                                     "verdict": verdict}
        steps = " → ".join(f"{m * 1000:.0f} ms" for m in marginal)
        mem = " → ".join(f"{m:.2f} MB" for m in memory)
        self.rows.append(Row("cost per added guide (CPU; memory)", f"{steps}; {mem}", "first step", ratio(growth),
                             f"≤ {LINEAR_GROWTH_LIMIT}× (linear)",
                             f"{Row.met(growth <= LINEAR_GROWTH_LIMIT)}: {verdict}"))

    def check(self, factor: int, project: Path) -> None:
        script = project / "scripts" / "check.py"
        label = f"`make check` at {factor}×"
        if not script.exists():
            self.rows.append(Row(label, "not available (no scripts/check.py)",
                                 target=f"< {CHECK_SECONDS_TARGET:.0f} s", verdict="n/a"))
            return
        helptext = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True,
                                  cwd=project, env=self.real_env).stdout
        command = [sys.executable, str(script)]
        # Point it at the copy explicitly when it takes an option for that (it is the copy's own script anyway).
        for option, value in (("--config", project / "mkdocs.yml"), ("--data-dir", project / "data"),
                              ("--data", project / "data"), ("--root", project), ("--project", project)):
            if option in helptext.split():
                command += [option, str(value)]
                break
        # The first run parses every file (no parsed-YAML cache yet, as on a fresh clone); an editor's run parses
        # the file just saved. Each later run follows an edit of one guide (a comment added at its end).
        firsts = []
        for _ in range(3):
            shutil.rmtree(project / ".cache" / "goldcard-yaml", ignore_errors=True)
            firsts.append(run_measured(command, project, self.real_env))
        first = sorted(firsts, key=lambda run: run.seconds)[1]  # the median of 3
        edited = sorted((project / "data" / "guides").glob("*.yaml"))[0]
        runs = []
        for index in range(3):
            with edited.open("a", encoding="utf-8") as data_file:
                data_file.write(f"# benchmark edit {index + 1}\n")
            runs.append(run_measured(command, project, self.real_env))
        took = median([r.seconds for r in runs])
        self.results["check"] = {"factor": factor, "first_run_seconds": first.seconds,
                                 "first_run_cpu_seconds": first.cpu_seconds,
                                 "first_runs_seconds": [run.seconds for run in firsts],
                                 "seconds": [r.seconds for r in runs], "median": took,
                                 "cpu_seconds": [r.cpu_seconds for r in runs],
                                 "exit": runs[-1].returncode, "command": command[1:]}
        for run in (*firsts, *runs):
            if run.returncode not in (0, 1):
                raise RuntimeError(f"scripts/check.py crashed (exit {run.returncode}):\n{run.output}")
        found = "" if runs[-1].returncode == 0 else " (it reported problems: see JSON)"
        if found:
            self.results["check"]["output"] = runs[-1].output
        cpu = median([r.cpu_seconds for r in runs])
        target = f"< {CHECK_SECONDS_TARGET:.0f} s"
        self.rows.append(Row(f"{label}, first run (parses all {len(list(project.glob('data/**/*.yaml')))} files; "
                             f"median of {len(firsts)})",
                             f"{seconds(first.seconds)} (CPU {seconds(first.cpu_seconds)})", "", "", target,
                             Row.met(first.seconds < CHECK_SECONDS_TARGET)))
        self.rows.append(Row(f"{label}, after editing one guide (median of {len(runs)})",
                             f"{seconds(took)} (CPU {seconds(cpu)}){found}", "first run",
                             ratio(took / first.seconds), target, Row.met(took < CHECK_SECONDS_TARGET)))

    # 3. page weight, and the sketches of the screens in each guide
    def weight(self) -> None:
        self.ensure_built()
        sketches = self.sketch_bytes()
        pages = {"zh": f"guides/{self.slug}/", "en": f"en/guides/{self.slug}/"}
        self.results["weight"] = {}
        for lang, page in pages.items():
            ours = weight.page_weight(self.real_site, page)
            theirs = weight.page_weight(self.baseline_site, page)
            drawings = sketches[self.slug][lang]["drawings"]
            extra = ours["total"] - theirs["total"]
            extra_gzip = ours["gzip_total"] - theirs["gzip_total"]
            self.results["weight"][page] = {"site": ours, "baseline": theirs, "extra": extra,
                                            "extra_gzip": extra_gzip, "drawings": drawings}
            self.rows.append(Row(f"page weight /{page} (HTML+CSS+JS), leaving out its sketches' drawings",
                                 kilobytes(ours["total"] - drawings), f"baseline {kilobytes(theirs['total'])}",
                                 f"+{kilobytes(extra - drawings)}", f"≤ +{kilobytes(WEIGHT_EXTRA_TARGET)}",
                                 Row.met(extra - drawings <= WEIGHT_EXTRA_TARGET)))
            count = sketches[self.slug][lang]["count"]
            self.rows.append(Row(f"page weight /{page} with its {count} sketches, gzipped",
                                 f"{kilobytes(ours['gzip_total'])} ({kilobytes(ours['total'])} as stored)",
                                 f"baseline {kilobytes(theirs['gzip_total'])} ({kilobytes(theirs['total'])})",
                                 f"+{kilobytes(extra_gzip)}", f"≤ +{kilobytes(SKETCHED_EXTRA_GZIP_TARGET)}",
                                 Row.met(extra_gzip <= SKETCHED_EXTRA_GZIP_TARGET)))
        only_ours = {name: size for name, size in ours["files"].items() if name not in theirs["files"]}
        if only_ours:
            self.notes.append(f"/{pages['en']} loads what the baseline does not: " +
                              ", ".join(f"{name} {kilobytes(size)}" for name, size in only_ours.items()))
        page = pages["zh"]
        ours = weight.chromium_weight(self.real_url + page)
        theirs = weight.chromium_weight(self.baseline_url + page)
        self.results["weight"]["chromium"] = {"page": page, "site": ours, "baseline": theirs}
        self.rows.append(Row(f"Chromium downloads /{page} (all requests)",
                             f"{kilobytes(ours['wire_total'])} on the wire, {len(ours['requests'])} requests",
                             f"baseline {kilobytes(theirs['wire_total'])}, {len(theirs['requests'])} requests",
                             f"+{kilobytes(ours['wire_total'] - theirs['wire_total'])}", "no other host",
                             Row.met(not ours["other_hosts"])))

    def sketch_bytes(self) -> dict[str, dict[str, dict]]:
        """Each guide's sketches in both languages (a row per guide), as stored and gzipped together."""
        found = {}
        for slug in self.slugs:
            found[slug] = {lang: weight.sketch_weight(self.real_site, prefix + f"guides/{slug}/")
                           for lang, prefix in (("zh", ""), ("en", "en/"))}
            zh, en = found[slug]["zh"], found[slug]["en"]
            self.rows.append(Row(f"sketches in the guide {slug} ({zh['count']})",
                                 f"zh {kilobytes(zh['gzip'])} gzipped ({kilobytes(zh['bytes'])}); "
                                 f"en {kilobytes(en['gzip'])} gzipped ({kilobytes(en['bytes'])})"))
        self.results["sketches"] = found
        return found

    def ensure_built(self) -> None:
        if not (self.real_site / "index.html").exists():
            timed_builds(self.real, self.real_site, self.real_env, 1, "site")
        if not (self.baseline_site / "index.html").exists():
            baseline = self.work / "baseline"
            if not baseline.exists():
                projects.make_baseline(self.real, self.work, self.real_env)
            timed_builds(baseline, self.baseline_site, self.baseline_env, 1, "baseline")

    # 4. Lighthouse
    def lighthouse(self) -> None:
        node = lighthouse.ensure_installed()
        self.ensure_built()
        self.results["lighthouse"] = {}
        for pattern in LIGHTHOUSE_PAGES:
            page = pattern.format(slug=self.slug)
            log(f"lighthouse /{page}")
            # Lighthouse's own advice: its scores vary from run to run, so take the median of several (5).
            result, baseline = lighthouse.median_runs([self.real_url + page, self.baseline_url + page], node,
                                                      self.args.lighthouse_runs)
            self.results["lighthouse"]["/" + page] = {**result, "baseline": baseline}
            scores = result["scores"]
            targets = GUIDE_LIGHTHOUSE_TARGETS if "{slug}" in pattern else LIGHTHOUSE_TARGETS
            misses = [name for name, minimum in targets.items() if scores[name] < minimum]
            runs = f", median of {self.args.lighthouse_runs}" if self.args.lighthouse_runs > 1 else ""
            self.rows.append(Row(f"Lighthouse /{page} (mobile{runs})", lighthouse_scores(scores),
                                 f"baseline {lighthouse_scores(baseline['scores'])}", "",
                                 lighthouse_targets(targets), Row.met(not misses)))
            for name in misses:
                failing = ", ".join(f"{audit['id']}" + (f" ({audit['value']})" if audit["value"] else "")
                                    for audit in result["failing"][name][:6])
                self.notes.append(f"Lighthouse /{page} {name} {scores[name]}: {failing}")

    # 5. live reload
    def livereload(self) -> None:
        project = projects.copy_project(self.work / "livereload")
        # The baseline: the same project without what keeps a rebuild short (hooks/preview.py), in turn with it.
        baseline = projects.without_hook(projects.copy_project(self.work / "livereload-baseline"), "hooks/preview.py")
        runs: dict[str, list[float]] = {"site": [], "baseline": []}
        result: dict = {}
        for _ in range(RELOAD_ROUNDS):  # in turn, so that a busy minute of the machine falls on both
            for name, path in (("site", project), ("baseline", baseline)):
                result = livereload.reload_latency(path, self.real_env, edits=self.args.reload_edits)
                if result["seconds"] is None:
                    self.rows.append(Row("live reload after saving a guide's data", "no reload", verdict="MISS"))
                    self.notes.append(f"live reload ({name}): {result['error']}")
                    return
                runs[name] += result["runs"]
        site_s, base_s = median(runs["site"]), median(runs["baseline"])
        self.results["livereload"] = {"seconds": site_s, "runs": runs["site"], "baseline_seconds": base_s,
                                      "baseline_runs": runs["baseline"], "file": result["file"]}
        self.rows.append(Row(f"live reload after saving {result['file']} (median of {len(runs['site'])})",
                             seconds(site_s), f"without hooks/preview.py {seconds(base_s)}", ratio(site_s / base_s),
                             f"< {RELOAD_SECONDS_TARGET:.0f} s", Row.met(site_s < RELOAD_SECONDS_TARGET)))


def lighthouse_targets(targets: dict[str, int]) -> str:
    return " · ".join(f"{name} {'≥ ' if minimum < 100 else ''}{minimum}" for name, minimum in targets.items())


def lighthouse_scores(scores: dict[str, int]) -> str:
    return " · ".join(f"{name} {scores[name]}" for name in LIGHTHOUSE_TARGETS)


def machine() -> dict:
    def version(package: str) -> str:
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "mkdocs": version("mkdocs"), "material": version("mkdocs-material"),
            "i18n": version("mkdocs-static-i18n")}


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "?"
    return head + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="timed builds of the site and of the baseline (median)")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs of each page (median)")
    parser.add_argument("--scale", type=lambda text: sorted({int(x) for x in text.split(",")}), default=[1, 10, 50],
                        help="guide volumes to build, as multiples of the real one (default 1,10,50)")
    parser.add_argument("--scale-runs", type=int, default=2, help="timed builds at each multiplied size (median)")
    parser.add_argument("--reload-edits", type=int, default=3, help="saves to time under each mkdocs serve (median)")
    parser.add_argument("--skip", action="append", default=[], choices=PARTS, help="leave a part out (repeatable)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results", help="folder for latest.json and latest.md")
    parser.add_argument("--no-readme", action="store_true", help="do not put the table in README.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="goldcard-bench-"))
    started = dt.datetime.now(dt.timezone.utc)
    try:
        with ExitStack() as stack:
            # The servers start first, so that each build's SITE_URL (canonical links, sitemap) is its real address.
            real_url = stack.enter_context(serve.serving(work / "real-site"))
            baseline_url = stack.enter_context(serve.serving(work / "baseline-site"))
            bench = Bench(args, work, real_url, baseline_url)
            for name in PARTS:
                bench.part(name, getattr(bench, name))
            bench.busy_note()
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results = {"date": started.date().isoformat(), "commit": commit(), "machine": machine(),
               "minutes": round((dt.datetime.now(dt.timezone.utc) - started).total_seconds() / 60, 1),
               **bench.results}
    json_path, md_path = report.write_results(args.out, bench.rows, results, bench.notes)
    print(report.readme_block(bench.rows, results, bench.notes))
    print(f"\nwrote {json_path.relative_to(ROOT) if json_path.is_relative_to(ROOT) else json_path} and {md_path.name}")
    if not args.no_readme and not args.skip:
        if report.update_readme(ROOT / "README.md", report.readme_block(bench.rows, results, bench.notes)):
            print("updated the table in README.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
