//! The HTML report in a real browser: headless Chromium opens `report.html` of the bundled plan
//! from a file:// URL, and the test checks that the page renders (the DOM after loading holds
//! every session of the plan, the charts and the sections), that the browser logged no console
//! message (the page has no script, so any message — “Uncaught …”, a failed load — is a defect),
//! and that the page made no network request: Chromium's NetLog (`--log-net-log`) lists every
//! request; requests made by the browser itself carry the initiator “not an origin”, anything
//! else came from the page. A canary page with a remote image, a remote stylesheet and a script
//! error is run through the same checks first, so a change in Chromium's logging cannot make
//! the checks pass vacuously. Finally it saves a screenshot, `target/report.png` (1400×2000),
//! for people to look at.
//!
//! Without Chromium (`chromium`, `chromium-browser`, `google-chrome` on PATH, or
//! `FUDAO_CHROMIUM=/path`) the test prints a note and passes, so local runs need no browser;
//! `.ci/run` installs Debian's chromium and sets `FUDAO_REQUIRE_BROWSER=1`, which turns a missing
//! browser into a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fudao::export::{Lang, Names, html};

use crate::support::export::{bundled, root};

/// The browser to use, if any.
pub(crate) fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("FUDAO_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
    .find(|p| p.is_file())
}

/// What one headless run left behind.
struct Run {
    stdout: String,
    log: String,
    netlog: Option<serde_json::Value>,
}

/// Run headless Chromium on `page` with the flags that keep it quiet and offline-friendly, plus
/// `extra`; give up after two minutes.
fn headless(browser: &Path, work: &Path, page: &Path, extra: &[String]) -> Run {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let k = RUNS.fetch_add(1, Ordering::Relaxed);
    let profile = work.join(format!("profile-{k}"));
    let netlog = work.join(format!("netlog-{k}.json"));
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=1",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!("--log-net-log={}", netlog.display()))
    .args(extra)
    .arg(format!("file://{}", page.display()))
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("chromium starts");
    // read both pipes on threads so a full pipe cannot block the browser
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut out, &mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.try_wait().expect("wait for chromium") {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish within two minutes");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    let stdout = String::from_utf8_lossy(&t_out.join().expect("stdout reader")).into_owned();
    let log = String::from_utf8_lossy(&t_err.join().expect("stderr reader")).into_owned();
    let netlog = std::fs::read_to_string(&netlog)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    Run {
        stdout,
        log,
        netlog,
    }
}

/// Requests the page made (not the browser's own): URLs of `URL_REQUEST_START_JOB` events whose
/// initiator is an origin.
fn page_requests(run: &Run) -> Vec<String> {
    let net = run
        .netlog
        .as_ref()
        .expect("Chromium wrote a readable NetLog");
    let start_job = net["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .expect("NetLog names URL_REQUEST_START_JOB");
    net["events"]
        .as_array()
        .expect("NetLog events")
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start_job))
        .filter(|e| e["params"]["initiator"].as_str() != Some("not an origin"))
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .collect()
}

/// Console messages the page caused.
fn console(run: &Run) -> Vec<String> {
    run.log
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_report_renders_offline_in_chromium() {
    let Some(browser) = chromium() else {
        let required = std::env::var_os("FUDAO_REQUIRE_BROWSER").is_some();
        assert!(
            !required,
            "FUDAO_REQUIRE_BROWSER is set but no chromium was found (install Debian's `chromium`)"
        );
        println!(
            "SKIP the_report_renders_offline_in_chromium: no chromium on PATH (apt-get install chromium; or set FUDAO_CHROMIUM)"
        );
        return;
    };
    let work = tempfile::tempdir().expect("temp dir");

    // 1. The canary: the checks see a remote load and a script error when there is one.
    let canary = work.path().join("canary.html");
    std::fs::write(
        &canary,
        "<!DOCTYPE html><html><body><p>canary</p><img src=\"http://127.0.0.1:9/x.png\">\
         <link rel=\"stylesheet\" href=\"http://127.0.0.1:9/a.css\">\
         <script>notDefined();</script></body></html>",
    )
    .expect("write canary");
    let run = headless(&browser, work.path(), &canary, &["--dump-dom".into()]);
    assert!(run.stdout.contains("canary"), "the canary page rendered");
    let remote = page_requests(&run);
    assert!(
        remote.iter().any(|u| u.contains("127.0.0.1:9")),
        "the NetLog check sees a page's request (got {remote:?})"
    );
    assert!(
        console(&run).iter().any(|l| l.contains("Uncaught")),
        "the console check sees a script error:\n{}",
        run.log
    );

    // 2. The report.
    let (inputs, plan) = bundled();
    let page = work.path().join("report.html");
    std::fs::write(&page, html::report(&Names::new(inputs, plan, Lang::Zh))).expect("write report");
    let run = headless(
        &browser,
        work.path(),
        &page,
        &["--dump-dom".into(), "--window-size=1400,2000".into()],
    );
    let dom = &run.stdout;
    assert!(dom.contains("</html>"), "the DOM was dumped");
    for s in &plan.sessions {
        assert!(
            dom.contains(&format!("id=\"{}\"", s.id)),
            "session {} is in the rendered page",
            s.id
        );
    }
    for section in [
        "overview",
        "coverage",
        "budget",
        "calendar",
        "two-level",
        "studios",
        "people",
    ] {
        assert!(
            dom.contains(&format!("<section id=\"{section}\">")),
            "section {section}"
        );
    }
    assert!(
        dom.matches("<svg").count() >= 2,
        "the charts are in the DOM"
    );
    assert!(dom.contains(&inputs.scenario.name), "the scenario's name");
    let requests = page_requests(&run);
    assert!(
        requests.is_empty(),
        "the report made network requests: {requests:?}"
    );
    let messages = console(&run);
    assert!(messages.is_empty(), "console messages: {messages:?}");

    // 3. A screenshot for people to look at.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| root().join("target"), Path::to_path_buf);
    let shot = target.join("report.png");
    let _ = std::fs::remove_file(&shot);
    let run = headless(
        &browser,
        work.path(),
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1400,2000".into(),
        ],
    );
    let png = std::fs::read(&shot).unwrap_or_else(|e| {
        panic!(
            "no screenshot at {} ({e}); chromium said:\n{}",
            shot.display(),
            run.log
        )
    });
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    assert!(
        png.len() > 50_000,
        "the screenshot shows a page, not a blank"
    );
    println!("screenshot: {}", shot.display());
}

/// A tool from poppler-utils on PATH (`pdfinfo`, `pdftotext`, `pdftoppm`).
fn poppler(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}

/// The page's layout at a phone's width, measured in the browser: `page` is shown in a 390 px
/// wide frame, and a probe (in the frame's parent, never in the report) records the frame's
/// inner width, its document's scroll width, and every element whose right edge passes the
/// viewport outside a scrolling container (`.scroll`, a table, the charts, the navigation).
fn phone_probe(browser: &Path, work: &Path, page: &Path) -> serde_json::Value {
    let name = page
        .file_name()
        .and_then(|n| n.to_str())
        .expect("page name");
    let wrap = work.join(format!("phone-{name}"));
    std::fs::write(
        &wrap,
        format!(
            "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" src=\"{name}\" style=\"width:390px;height:1200px;border:0\"></iframe>\
             <script>document.getElementById('f').addEventListener('load',()=>{{\
             const w=document.getElementById('f').contentWindow,d=w.document,bad=[];\
             d.querySelectorAll('body *').forEach(e=>{{const r=e.getBoundingClientRect();\
             if(r.width>0&&r.right>d.documentElement.clientWidth+1&&!e.closest('.scroll,table,svg,nav'))bad.push(e.tagName+'.'+e.className+' '+Math.round(r.right));}});\
             document.body.setAttribute('data-probe',JSON.stringify({{inner:w.innerWidth,client:d.documentElement.clientWidth,scroll:d.documentElement.scrollWidth,bad:bad.slice(0,30)}}));}});</script></body></html>"
        ),
    )
    .expect("write probe");
    let run = headless(
        browser,
        work,
        &wrap,
        &[
            "--dump-dom".into(),
            "--allow-file-access-from-files".into(),
            "--virtual-time-budget=10000".into(),
            "--window-size=800,1200".into(),
        ],
    );
    let at = run
        .stdout
        .find("data-probe=\"")
        .unwrap_or_else(|| panic!("the probe ran; chromium said:\n{}", run.log));
    let rest = &run.stdout[at + 12..];
    let json = rest[..rest.find('"').expect("attribute ends")]
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("probe JSON")
}

/// The report at a phone's width (390 px) and printed on A4, as people see it: no element
/// sticks out sideways at 390 px (a canary that does is caught first), the one-page summary is
/// the whole of the printed first page, the print has a sensible number of pages; screenshots
/// `target/report-390.png` and `target/report-print-1.png`… for people to look at.
#[test]
fn the_report_fits_a_phone_and_its_summary_prints_on_one_a4_page() {
    let required = std::env::var_os("FUDAO_REQUIRE_BROWSER").is_some();
    let tools = (
        chromium(),
        poppler("pdfinfo"),
        poppler("pdftotext"),
        poppler("pdftoppm"),
    );
    let (Some(browser), Some(pdfinfo), Some(pdftotext), Some(pdftoppm)) = tools else {
        assert!(
            !required,
            "FUDAO_REQUIRE_BROWSER is set but chromium or poppler-utils is missing (apt-get install chromium poppler-utils)"
        );
        println!("SKIP: needs chromium and poppler-utils (pdfinfo, pdftotext, pdftoppm)");
        return;
    };
    let work = tempfile::tempdir().expect("temp dir");
    let w = work.path();

    // the canary: a 600 px block in a phone's width is caught
    let canary = w.join("wide.html");
    std::fs::write(
        &canary,
        "<!DOCTYPE html><html><body><div style=\"width:600px\">wide</div></body></html>",
    )
    .expect("write canary");
    let probe = phone_probe(&browser, w, &canary);
    assert_eq!(probe["inner"], 390, "the frame is 390 px wide: {probe}");
    assert!(
        probe["bad"].as_array().is_some_and(|b| !b.is_empty())
            && probe["scroll"].as_f64() > probe["client"].as_f64(),
        "the probe sees a block wider than the phone: {probe}"
    );

    let (inputs, plan) = bundled();
    let page = w.join("report.html");
    std::fs::write(&page, html::report(&Names::new(inputs, plan, Lang::Zh))).expect("write report");
    let probe = phone_probe(&browser, w, &page);
    assert_eq!(
        probe["scroll"], probe["client"],
        "no horizontal overflow at 390 px: {probe}"
    );
    assert_eq!(
        probe["bad"],
        serde_json::json!([]),
        "nothing sticks out at 390 px: {probe}"
    );

    // print to PDF
    let pdf = w.join("report.pdf");
    let run = headless(
        &browser,
        w,
        &page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
    );
    assert!(pdf.is_file(), "a PDF; chromium said:\n{}", run.log);
    let info = Command::new(&pdfinfo).arg(&pdf).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("page count in:\n{info}"));
    assert!(info.contains("(A4)"), "A4 pages:\n{info}");
    let text_of = |first: usize, last: usize| {
        let out = Command::new(&pdftotext)
            .args(["-f", &first.to_string(), "-l", &last.to_string(), "-layout"])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let first = text_of(1, 1);
    for must in [
        "一页摘要",
        "本学期安排",
        "覆盖与学时",
        "经费",
        "两级培训与工作室",
        "未能做到的及原因",
        "求解细节",
    ] {
        assert!(
            first.contains(must),
            "page 1 holds the whole summary ({must}):\n{first}"
        );
    }
    let second = text_of(2, 2);
    assert!(
        !second.contains("求解细节") && !second.contains("未能做到的及原因"),
        "the summary does not run over to page 2:\n{second}"
    );
    assert!(
        !first.contains("two_level.")
            && !first.contains("all_counselors")
            && !first.contains("studio:"),
        "no rule ids or raw ids on the leadership page:\n{first}"
    );
    // a semester's report on paper: far fewer pages than one per week and person
    assert!(pages < plan.people.len() / 3, "{pages} pages");

    // pictures for people
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| root().join("target"), Path::to_path_buf);
    let shot_page = w.join("shot.html");
    std::fs::write(
        &shot_page,
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"report.html\" style=\"width:390px;height:2400px;border:0\"></iframe></body></html>",
    )
    .expect("write shot page");
    let shot = target.join("report-390.png");
    let _ = std::fs::remove_file(&shot);
    headless(
        &browser,
        w,
        &shot_page,
        &[
            format!("--screenshot={}", shot.display()),
            "--allow-file-access-from-files".into(),
            "--window-size=390,2400".into(),
        ],
    );
    assert!(shot.is_file(), "phone screenshot");
    let out = Command::new(&pdftoppm)
        .args(["-r", "60", "-png", "-f", "1", "-l", "4"])
        .arg(&pdf)
        .arg(target.join("report-print"))
        .status()
        .expect("pdftoppm");
    assert!(out.success());
    println!(
        "screenshots: {} and {}",
        shot.display(),
        target.join("report-print-*.png").display()
    );
}
