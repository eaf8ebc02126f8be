//! A hand-built scorecard for the report unit tests (no engine involved).

use crate::domain::{MetricId, Tier};
use crate::scoring::{Cell, MetricRow, Scorecard, Window, Windows};
use chrono::NaiveDate;

pub fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

pub fn cell(value: i64, required: i64) -> Cell {
    Cell {
        value,
        required,
        met: value >= required,
        short_by: (required - value).max(0),
        at_risk: None,
    }
}

fn row(id: MetricId, renewal: Cell, upgrade: Cell) -> MetricRow {
    MetricRow {
        id,
        scored: true,
        renewal,
        upgrade,
    }
}

/// Select -> Advanced. Renewal short on MRR; upgrade short on business accreditations and the
/// business plan; Pro/Specialty at risk; CSAT not required; two unlinked people.
pub fn scorecard() -> Scorecard {
    use MetricId::*;
    let mut pro = cell(3, 3);
    pro.at_risk = Some(d("2026-12-15"));
    let mut csat = row(CsatResponses, cell(7, 0), cell(7, 0));
    csat.scored = false;
    Scorecard {
        as_of: d("2026-11-26"),
        program: "services-path-2023".into(),
        partner: "Example Cloud".into(),
        tier: Tier::Select,
        target_tier: Tier::Advanced,
        windows: Windows {
            renewal: Window {
                start: d("2026-08-15"),
                end: d("2026-11-26"),
            },
            upgrade: Window {
                start: d("2025-11-27"),
                end: d("2026-11-26"),
            },
        },
        metrics: vec![
            row(AccreditedTotal, cell(8, 4), cell(8, 8)),
            row(AccreditedTechnical, cell(5, 2), cell(5, 4)),
            row(AccreditedBusiness, cell(3, 2), cell(3, 4)),
            row(CertifiedFoundational, cell(4, 2), cell(4, 4)),
            row(CertifiedTechnical, cell(5, 2), cell(7, 6)),
            row(CertifiedProSpecialty, cell(3, 0), pro),
            row(LaunchedOpportunities, cell(4, 3), cell(21, 20)),
            row(
                LaunchedMrr,
                cell(120_050, 150_000),
                cell(1_250_000, 1_000_000),
            ),
            row(BusinessPlan, cell(0, 0), cell(0, 1)),
            row(PublicReferences, cell(1, 1), cell(2, 2)),
            csat,
        ],
        renewal_met: false,
        upgrade_met: false,
        unlinked: vec![18, 19],
    }
}

/// The text without ANSI escape sequences.
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for x in chars.by_ref() {
                if x == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
