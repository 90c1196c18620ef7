//! `whosaid check`: configuration, walking, parallel checking in a bounded window, streaming
//! reports, suppression, `--diff`, baselines and the exit code.

use super::baseline::{Baseline, Recorder};
use super::diff::{self, Changes};
use super::profile::{Profile, Profiles};
use super::progress::Progress;
use super::{pipeline, report_error, CheckArgs, ColorChoice, Io};
use crate::check::FileReport;
use crate::document::Format;
use crate::error::{Error, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::report::{self, ReportFormat, ReportOptions, Summary};
use crate::walk::{walk, Walked};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file to check.
struct Job {
    path: PathBuf,
    format: Format,
    profile: Arc<Profile>,
    /// Already read (standard input).
    bytes: Option<Vec<u8>>,
}

/// The result of one job.
struct Done {
    report: Result<FileReport, Error>,
    bytes: usize,
}

fn is_stdin(p: &Path) -> bool {
    p == Path::new("-")
}

/// Whether ANSI colour is used: `--color`, else a terminal without `NO_COLOR`.
fn use_color(args: &CheckArgs, io: &Io) -> bool {
    match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            args.output.is_none() && io.stdout_is_terminal && !no_color
        }
    }
}

/// Largest read buffer (its capacity in bytes) a thread keeps for the next file; the buffer
/// of a larger file is freed as soon as its text is decoded (peak memory).
const READ_KEEP: usize = 1 << 16;

thread_local! {
    /// The buffer the last file read on this thread was read into (issue 6: one allocation a
    /// file fewer; the decoded text of a file up to [`READ_KEEP`] bytes is a copy).
    static READ: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

fn process(mut job: Job, changes: Option<&Changes>) -> Done {
    let mut buf = READ.try_with(std::cell::Cell::take).unwrap_or_default();
    // standard input, read already: freed once decoded
    let stdin = job.bytes.take();
    let read = match &stdin {
        Some(_) => Ok(()),
        None => super::read_file_into(&job.path, &mut buf).map_err(|source| Error::Io {
            path: job.path.clone(),
            source,
        }),
    };
    if let Err(e) = read {
        keep_buffer(buf);
        return Done {
            report: Err(e),
            bytes: 0,
        };
    }
    // a small file is decoded into a copy and its buffer kept for the next; standard input
    // and a file larger than the buffer a thread keeps become the text in place (peak memory:
    // no second copy of a large file)
    let (n, source) = match stdin {
        Some(bytes) => (bytes.len(), crate::input::decode(&job.path, bytes)),
        None if buf.capacity() > READ_KEEP => (buf.len(), crate::input::decode(&job.path, buf)),
        None => {
            let decoded = (buf.len(), crate::input::decode_slice(&job.path, &buf));
            keep_buffer(buf);
            decoded
        }
    };
    let path = job.path.clone();
    // a bug on one file must not take the run (and the other files) down with it
    let run = std::panic::AssertUnwindSafe(move || {
        source.map(|source| {
            let doc = crate::input::parse_with(job.path, job.format, source, &job.profile.html);
            let mut report = job.profile.checker.check_document(doc);
            crate::suppress::apply(&report.doc, &mut report.findings);
            if let Some(lines) = changes.and_then(|c| c.lines(&report.doc.path)) {
                diff::retain_changed(&report.doc, &mut report.findings, lines);
            }
            report
        })
    });
    let report = std::panic::catch_unwind(run).unwrap_or_else(|_| {
        Err(Error::Io {
            path,
            source: std::io::Error::other(
                "internal error while checking this file (please report it); not checked",
            ),
        })
    });
    Done { report, bytes: n }
}

/// Gives the read buffer back to the thread, unless a large file made it large.
fn keep_buffer(buf: Vec<u8>) {
    if buf.capacity() <= READ_KEEP {
        let _ = READ.try_with(|b| b.set(buf));
    }
}

/// Directory in which `git` runs for `--diff`: the first path's directory.
fn git_dir(paths: &[PathBuf]) -> PathBuf {
    let first = paths.iter().find(|p| !is_stdin(p));
    match first {
        Some(p) if p.is_dir() => p.clone(),
        Some(p) => p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        None => PathBuf::from("."),
    }
}

/// Builds the job list (walking directories); walk problems go to standard error.
fn collect(
    args: &CheckArgs,
    profiles: &mut Profiles,
    changes: Option<&Changes>,
    io: &mut Io,
) -> Result<(Vec<Job>, usize), Error> {
    let mut jobs = Vec::new();
    let mut errors = 0;
    for path in &args.paths {
        if is_stdin(path) {
            let mut bytes = Vec::new();
            let profile = profiles.for_path(Path::new("."))?;
            match io.stdin.read_to_end(&mut bytes) {
                Ok(_) => jobs.push(Job {
                    path: path.clone(),
                    format: args.stdin_format.into(),
                    profile,
                    bytes: Some(bytes),
                }),
                Err(source) => {
                    report_error(
                        &Error::Io {
                            path: path.clone(),
                            source,
                        },
                        io,
                    );
                    errors += 1;
                }
            }
            continue;
        }
        let root_profile = profiles.for_path(path)?;
        for w in walk(path, &root_profile.filter) {
            match w {
                Walked::File(f) => {
                    if changes.is_some_and(|c| !c.touches(&f)) {
                        continue;
                    }
                    // a file of a directory walk (`walk` gives the root itself only when it is
                    // not a directory)
                    let profile = if f == *path {
                        root_profile.clone()
                    } else {
                        profiles.for_file(&f)?
                    };
                    jobs.push(Job {
                        format: Format::from_path(&f),
                        path: f,
                        profile,
                        bytes: None,
                    });
                }
                Walked::Error(e) => {
                    report_error(&e, io);
                    errors += 1;
                }
                Walked::Warning(m) => {
                    let _ = writeln!(io.stderr, "warning: {m}");
                }
            }
        }
    }
    Ok((jobs, errors))
}

pub fn run(args: CheckArgs, io: &mut Io) -> i32 {
    // `whosaid check` is the whole process: the binary exits right after this returns, so the
    // compiled rule sets are not taken apart one allocation at a time (2.9 M instructions, a
    // tenth of checking a 5 KB article). The memory goes back to the system at exit.
    let mut profiles = std::mem::ManuallyDrop::new(Profiles::new(&args));
    let first = args
        .paths
        .iter()
        .find(|p| !is_stdin(p))
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let run_profile = match profiles.for_path(&first) {
        Ok(p) => p,
        Err(e) => return report_error(&e, io),
    };
    let cfg = &run_profile.config.file;
    let format = args.format.or(cfg.format).unwrap_or_default();
    let fail_on = args.fail_on.or(cfg.fail_on).unwrap_or_default();
    let changes = match &args.diff {
        Some(rev) => match Changes::since(rev, &git_dir(&args.paths)) {
            Ok(c) => Some(c),
            Err(e) => return report_error(&e, io),
        },
        None => None,
    };
    let mut baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => return report_error(&e, io),
    };
    let (jobs, mut errors) = match collect(&args, &mut profiles, changes.as_ref(), io) {
        Ok(j) => j,
        Err(e) => return report_error(&e, io),
    };
    let opts = ReportOptions {
        color: use_color(&args, io),
        quiet: args.quiet,
        show_sources: args.sources,
        base_dir: std::env::current_dir().ok(),
    };
    let mut file_out = match &args.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Some(std::io::BufWriter::new(f)),
            Err(source) => {
                return report_error(
                    &Error::Io {
                        path: p.clone(),
                        source,
                    },
                    io,
                )
            }
        },
        None => None,
    };
    let Io {
        stdout,
        stderr,
        stderr_is_terminal,
        ..
    } = io;
    let out: &mut dyn Write = match file_out.as_mut() {
        Some(f) => f,
        None => &mut **stdout,
    };
    let mut reporter = report::reporter(format, opts.clone());
    // GitHub Actions: also append a Markdown summary to the job summary file when it is set.
    if format == ReportFormat::Github {
        if let Some(p) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            match std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&p)
            {
                Ok(f) => {
                    reporter = report::github::with_step_summary(
                        reporter,
                        opts,
                        Box::new(std::io::BufWriter::new(f)),
                    );
                }
                Err(e) => {
                    let _ = writeln!(
                        stderr,
                        "warning: cannot append to GITHUB_STEP_SUMMARY {}: {e}",
                        std::path::Path::new(&p).display()
                    );
                }
            }
        }
    }
    let mut write_failed = reporter
        .begin(&super::ruleset::infos(&run_profile.checker), out)
        .is_err();
    let threshold = fail_on.threshold();
    let mut failing = false;
    let mut summary = Summary::default();
    let mut recorder = args.write_baseline.as_ref().map(|_| Recorder::default());
    let mut progress = Progress::new(*stderr_is_terminal, jobs.len());
    let threads = args
        .jobs
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let bounds = pipeline::Bounds {
        // 16 a thread: with 4 the pool worker, which does not write the report, caught up with
        // the window and slept ~170 times on 2,284 files at -j 2 (16: ~25 times); small files'
        // results are small, large ones are bounded by `held`
        window: threads * 16,
        // a few large files are not held at once (their reports are several times their size)
        held: 8 << 20,
    };
    pipeline::ordered(
        jobs,
        threads,
        bounds,
        |job| process(job, changes.as_ref()),
        |done| done.bytes,
        |done| match &mut done.report {
            Ok(r) => {
                if let Some(b) = baseline.as_mut() {
                    b.apply(r);
                }
                if let Some(rec) = recorder.as_mut() {
                    rec.add(r);
                }
                let counted = r.findings.iter().filter(|f| f.suppressed.is_none());
                let mut n = 0;
                for f in counted {
                    n += 1;
                    failing |= threshold.is_some_and(|t| f.severity >= t);
                }
                progress.file_done(done.bytes, n, &mut **stderr);
                summary.add(r);
                write_failed |= reporter.file(r, out).is_err();
            }
            Err(e) => {
                progress.file_done(done.bytes, 0, &mut **stderr);
                progress.clear(&mut **stderr);
                let _ = writeln!(stderr, "error: {e}");
                errors += 1;
            }
        },
    );
    progress.clear(&mut **stderr);
    summary.errors = errors;
    write_failed |= reporter.finish(&summary, out).is_err();
    write_failed |= out.flush().is_err();
    if write_failed {
        let _ = writeln!(stderr, "error: could not write the report");
        return EXIT_INPUT;
    }
    if let (Some(rec), Some(path)) = (recorder, &args.write_baseline) {
        let n = rec.len();
        if let Err(e) = rec.write(path) {
            let _ = writeln!(stderr, "error: {e}");
            return EXIT_INPUT;
        }
        let _ = writeln!(
            stderr,
            "wrote {} finding{} to {}",
            n,
            if n == 1 { "" } else { "s" },
            path.display()
        );
        failing = false;
    }
    if errors > 0 {
        EXIT_INPUT
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
