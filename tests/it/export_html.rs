//! The HTML report of the bundled plan: one self-contained page (nothing that a browser would
//! fetch), every session, person and studio lead on it, data escaped, labels in either language.

use fudao::export::{Lang, Names, html};

use crate::support::export::bundled;

fn report(lang: Lang) -> String {
    let (inputs, plan) = bundled();
    html::report(&Names::new(inputs, plan, lang))
}

#[test]
fn the_page_is_self_contained() {
    let page = report(Lang::Zh);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<meta charset=\"utf-8\">"));
    // nothing a browser would fetch: no external URL anywhere, no script, no stylesheet link, no
    // image, frame, font or CSS url()
    for needle in [
        "http:",
        "https:",
        "//cdn",
        "<script",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "src=",
        "srcset=",
        "url(",
        "@import",
        "@font-face",
    ] {
        assert!(!page.contains(needle), "the report contains `{needle}`");
    }
    // links only to places on the page
    for (i, _) in page.match_indices("href=\"") {
        let rest = &page[i + 6..];
        assert!(
            rest.starts_with('#'),
            "external link: {}",
            &rest[..rest.len().min(40)]
        );
    }
    // the charts are inline SVG drawn by fudao
    assert!(
        page.matches("<svg ").count() >= 2,
        "heat map and budget bars"
    );
}

#[test]
fn every_session_person_and_studio_is_on_the_page() {
    let (inputs, plan) = bundled();
    let page = report(Lang::Zh);
    let r = &inputs.rules;
    for s in &plan.sessions {
        assert_eq!(
            page.matches(&format!("id=\"{}\"", s.id)).count(),
            1,
            "{} has one element in the calendar",
            s.id
        );
        assert!(
            page.contains(&format!("href=\"#{}\"", s.id)),
            "{} is linked from the people index",
            s.id
        );
        let kind = &r.session_kinds[r.kind(&s.kind).expect("kind")].zh;
        assert!(page.contains(kind.as_str()));
    }
    for p in &plan.people {
        assert!(
            page.contains(&format!("id=\"person-{}\"", p.id)),
            "{}",
            p.id
        );
        assert!(page.contains(&p.name), "{}", p.name);
    }
    for st in &plan.studios {
        if let Some(lead) = &st.lead {
            let name = &inputs.scenario.people[inputs.scenario.person(lead).expect("lead")].name;
            assert!(page.contains(name.as_str()), "studio lead {name}");
        }
    }
    for f in &plan.budget.funds {
        assert!(
            page.contains(&fudao::export::money_text(f.allocated)),
            "fund {}",
            f.id
        );
    }
    // clusters by number and their colleges' names, never by id
    for (k, cl) in plan.clusters.iter().enumerate() {
        let label = format!("<b>组{}</b>", fudao::export::zh_numeral(k + 1));
        assert!(page.contains(&label), "cluster {} as {label}", cl.id);
        for c in &cl.colleges {
            let name = &inputs.scenario.colleges[inputs.scenario.college(c).expect("college")].name;
            assert!(page.contains(name.as_str()), "college {name} of {}", cl.id);
        }
    }
    // headings and the status
    for h in [
        "职责覆盖热力图",
        "经费",
        "校历日程",
        "辅导员工作室",
        "人员索引",
        "最优",
    ] {
        assert!(page.contains(h), "{h}");
    }
}

#[test]
fn text_from_the_data_is_escaped() {
    let (inputs, plan) = bundled();
    let mut inputs = inputs.clone();
    let mut plan = plan.clone();
    let evil = "<script>alert('x')</script>";
    inputs.scenario.people[0].name = evil.to_string();
    plan.people[0].name = evil.to_string();
    let venue = "<img src=x onerror=alert(1)> & \"大厅\"";
    inputs.scenario.venues[0].name = venue.to_string();
    inputs.scenario.colleges[0].name = "A&B学院</td>".to_string();
    let page = html::report(&Names::new(&inputs, &plan, Lang::Zh));
    assert!(!page.contains("<script"), "no script element");
    assert!(!page.contains("<img"), "no image element");
    assert!(!page.contains("</td>\"") && !page.contains("A&B"));
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;大厅&quot;"));
    assert!(page.contains("A&amp;B学院&lt;/td&gt;"));
}

#[test]
fn english_labels_with_lang_en() {
    let page = report(Lang::En);
    assert!(page.contains("<html lang=\"en\">"));
    for h in [
        "Semester calendar",
        "Coverage heat map",
        "Budget",
        "Counselor studios",
        "People",
    ] {
        assert!(page.contains(h), "{h}");
    }
    for zh in ["校历日程", "职责覆盖热力图", "人员索引"] {
        assert!(!page.contains(zh), "{zh} is not on the English page");
    }
    let zh = report(Lang::Zh);
    assert!(zh.contains("<html lang=\"zh-CN\">"));
}

#[test]
fn the_report_is_deterministic() {
    assert_eq!(report(Lang::Zh), report(Lang::Zh));
}
