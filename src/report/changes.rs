//! The "Changes since DATE" section of `report --since`: text, Markdown and JSON.

use super::amount;
use super::json::number;
use super::wording::change_what;
use crate::domain::MetricId;
use crate::scoring::{ChangeItem, ChangeKind, Changes, RowMove, WindowKind};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// "Launched opportunities (upgrade)": every row names its window, Knowledge rows too, since
/// one count can meet the current tier and miss the target's.
fn row_name(m: MetricId, w: WindowKind) -> String {
    let label = m.label().trim();
    match w {
        WindowKind::Renewal => format!("{label} (renewal)"),
        WindowKind::Upgrade => format!("{label} (upgrade)"),
    }
}

/// "Launched opportunities (upgrade): 15 → 17, now met".
pub(crate) fn move_line(r: &RowMove) -> String {
    let mut s = format!(
        "{}: {} → {}",
        row_name(r.metric, r.window),
        amount(r.metric, r.before.value),
        amount(r.metric, r.after.value)
    );
    if r.after.met && !r.before.met {
        s.push_str(", now met");
    } else if !r.after.met && r.before.met {
        let _ = write!(s, ", now short by {}", amount(r.metric, r.after.short_by));
    }
    s
}

/// "2026-11-20  Zoe Ng: SAA-C03 AWS Certified ...".
pub(crate) fn item_line(i: &ChangeItem) -> String {
    let what = change_what(&i.what);
    if what.is_empty() {
        format!("{}  {}", i.date, i.who)
    } else {
        format!("{}  {}: {what}", i.date, i.who)
    }
}

/// The item groups in report order, each with its items.
fn groups(c: &Changes) -> Vec<(ChangeKind, Vec<&ChangeItem>)> {
    let mut out: Vec<(ChangeKind, Vec<&ChangeItem>)> = Vec::new();
    for i in &c.items {
        match out.last_mut() {
            Some((k, v)) if *k == i.kind => v.push(i),
            _ => out.push((i.kind, vec![i])),
        }
    }
    out
}

fn title(c: &Changes) -> String {
    format!("Changes since {} (to {})", c.since, c.as_of)
}

/// The section as plain text, to follow the scorecard in a terminal.
pub fn changes_text(c: &Changes) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", title(c));
    if c.is_empty() {
        let _ = writeln!(out, "  Nothing changed.");
        return out;
    }
    if !c.moved.is_empty() {
        let _ = writeln!(out, "Rows that moved");
        for r in &c.moved {
            let _ = writeln!(out, "  {}", move_line(r));
        }
    }
    for (k, items) in groups(c) {
        let _ = writeln!(out, "{} ({})", k.heading(), items.len());
        for i in items {
            let _ = writeln!(out, "  {}", item_line(i));
        }
    }
    out
}

/// Markdown outside tables: characters that would start emphasis, code or links are escaped.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The section as Markdown bullet lists (pastes into a chat under the scorecard table).
pub fn changes_markdown(c: &Changes) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "**{}**", title(c));
    out.push('\n');
    if c.is_empty() {
        let _ = writeln!(out, "Nothing changed.");
        return out;
    }
    if !c.moved.is_empty() {
        let _ = writeln!(out, "*Rows that moved*");
        out.push('\n');
        for r in &c.moved {
            let sym = if r.after.met { "✅" } else { "❌" };
            let _ = writeln!(out, "- {sym} {}", md(&move_line(r)));
        }
        out.push('\n');
    }
    for (k, items) in groups(c) {
        let _ = writeln!(out, "*{}* ({})", k.heading(), items.len());
        out.push('\n');
        for i in items {
            let _ = writeln!(out, "- {}", md(&item_line(i)));
        }
        out.push('\n');
    }
    out
}

fn window_str(w: WindowKind) -> Value {
    match w {
        WindowKind::Renewal => json!("renewal"),
        WindowKind::Upgrade => json!("upgrade"),
    }
}

fn kind_str(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::NewCertification => "new_certification",
        ChangeKind::NewAccreditation => "new_accreditation",
        ChangeKind::Launched => "launched",
        ChangeKind::NewReference => "new_reference",
        ChangeKind::NewCsat => "new_csat",
        ChangeKind::PlanValidated => "plan_validated",
        ChangeKind::Expired => "expired",
        ChangeKind::Left => "left",
        ChangeKind::Joined => "joined",
        ChangeKind::NewPlannedExam => "new_planned_exam",
        ChangeKind::NewOpportunity => "new_opportunity",
        ChangeKind::Edited => "edited",
    }
}

/// The section as JSON, in the report contract's units (`number`): added under `"changes"`.
pub fn changes_json(c: &Changes) -> Value {
    let items: Vec<Value> = c
        .items
        .iter()
        .map(|i| {
            json!({
                "kind": kind_str(i.kind),
                "date": i.date.to_string(),
                "who": i.who,
                "what": change_what(&i.what),
            })
        })
        .collect();
    let moved: Vec<Value> = c
        .moved
        .iter()
        .map(|r| {
            json!({
                "id": r.metric.as_str(),
                "window": window_str(r.window),
                "before": number(r.metric, r.before.value),
                "after": number(r.metric, r.after.value),
                "met_before": r.before.met,
                "met_after": r.after.met,
            })
        })
        .collect();
    json!({
        "since": c.since.to_string(),
        "as_of": c.as_of.to_string(),
        "items": items,
        "moved": moved,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture::{cell, d};
    use crate::scoring::{ChangeWhat, ExamName};

    fn sample() -> Changes {
        Changes {
            since: d("2026-11-19"),
            as_of: d("2026-11-26"),
            items: vec![
                ChangeItem {
                    kind: ChangeKind::NewCertification,
                    date: d("2026-11-20"),
                    who: "Zoe_Ng".into(),
                    what: ChangeWhat::Exam(ExamName {
                        code: "SAA-C03".into(),
                        name: None,
                    }),
                },
                ChangeItem {
                    kind: ChangeKind::Left,
                    date: d("2026-11-21"),
                    who: "Lee".into(),
                    what: ChangeWhat::Nothing,
                },
            ],
            moved: vec![
                RowMove {
                    metric: MetricId::LaunchedOpportunities,
                    window: WindowKind::Upgrade,
                    before: cell(15, 20),
                    after: cell(17, 20),
                },
                RowMove {
                    metric: MetricId::LaunchedMrr,
                    window: WindowKind::Renewal,
                    before: cell(100_000, 150_000),
                    after: cell(160_050, 150_000),
                },
                RowMove {
                    metric: MetricId::CertifiedProSpecialty,
                    window: WindowKind::Upgrade,
                    before: cell(3, 3),
                    after: cell(2, 3),
                },
            ],
        }
    }

    #[test]
    fn text_lists_moves_then_groups() {
        let t = changes_text(&sample());
        let want = "Changes since 2026-11-19 (to 2026-11-26)\n\
                    Rows that moved\n  \
                    Launched opportunities (upgrade): 15 → 17\n  \
                    Launched opportunities MRR (renewal): $1,000 → $1,600.50, now met\n  \
                    AWS Pro/Specialty Certified Individuals (upgrade): 3 → 2, now short by 1\n\
                    New certifications (1)\n  \
                    2026-11-20  Zoe_Ng: SAA-C03\n\
                    People who left (1)\n  \
                    2026-11-21  Lee\n";
        assert_eq!(t, want);
    }

    #[test]
    fn markdown_escapes_names_and_marks_verdicts() {
        let m = changes_markdown(&sample());
        assert!(m.starts_with("**Changes since 2026-11-19 (to 2026-11-26)**\n"));
        assert!(
            m.contains("- ❌ Launched opportunities (upgrade): 15 → 17\n"),
            "{m}"
        );
        assert!(m.contains("- ✅ Launched opportunities MRR"), "{m}");
        assert!(m.contains("- 2026-11-20  Zoe\\_Ng: SAA-C03\n"), "{m}");
    }

    #[test]
    fn a_knowledge_row_met_for_renewal_only_gets_a_line_a_window() {
        // 2 -> 3 technical certifications: Select asks 2 (met before and after), Advanced 6.
        let mut c = sample();
        c.items.clear();
        c.moved = vec![
            RowMove {
                metric: MetricId::CertifiedFoundational,
                window: WindowKind::Renewal,
                before: cell(1, 2),
                after: cell(2, 2),
            },
            RowMove {
                metric: MetricId::CertifiedFoundational,
                window: WindowKind::Upgrade,
                before: cell(1, 4),
                after: cell(2, 4),
            },
        ];
        let m = changes_markdown(&c);
        assert!(
            m.contains("- ✅ AWS Foundational Certified Individuals (renewal): 1 → 2, now met\n"),
            "{m}"
        );
        assert!(
            m.contains("- ❌ AWS Foundational Certified Individuals (upgrade): 1 → 2\n"),
            "{m}"
        );
        let t = changes_text(&c);
        assert!(
            t.contains("  AWS Foundational Certified Individuals (renewal): 1 → 2, now met\n"),
            "{t}"
        );
        assert!(
            !m.contains("❌ AWS Foundational Certified Individuals (renewal)"),
            "{m}"
        );
    }

    #[test]
    fn empty_period_says_so() {
        let mut c = sample();
        c.items.clear();
        c.moved.clear();
        assert!(changes_text(&c).ends_with("  Nothing changed.\n"));
        assert!(changes_markdown(&c).contains("Nothing changed."));
        assert_eq!(changes_json(&c)["items"], json!([]));
    }

    #[test]
    fn json_uses_contract_ids_and_dollars() {
        let v = changes_json(&sample());
        assert_eq!(v["moved"][1]["id"], "launched_mrr");
        assert_eq!(v["moved"][1]["after"], json!(1600.5));
        assert_eq!(v["moved"][2]["window"], "upgrade");
        assert_eq!(v["items"][1]["kind"], "left");
    }
}
