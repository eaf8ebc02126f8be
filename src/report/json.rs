//! The machine-readable report. The shape is a contract for scripts: change it only on purpose.

use crate::domain::{MetricId, Unit};
use crate::scoring::{Cell, MetricRow, Scorecard, Window};
use serde_json::{Value, json};

/// A value in the contract's unit: USD for MRR (whole dollars as integers, else cents as a
/// fraction), 1/0 for the business plan, a count otherwise.
pub(super) fn number(m: MetricId, v: i64) -> Value {
    match m.unit() {
        Unit::Cents if v % 100 == 0 => json!(v / 100),
        // Display only; sums were done in integer cents.
        Unit::Cents => json!(v as f64 / 100.0),
        Unit::YesNo => json!(i64::from(v != 0)),
        Unit::Count => json!(v),
    }
}

fn cell(row: &MetricRow, c: &Cell) -> Value {
    if !row.scored {
        return json!({
            "value": number(row.id, c.value),
            "required": 0,
            "met": true,
            "short_by": 0,
        });
    }
    json!({
        "value": number(row.id, c.value),
        "required": number(row.id, c.required),
        "met": c.met,
        "short_by": number(row.id, c.short_by),
    })
}

fn window(w: Window) -> Value {
    json!({ "start": w.start.to_string(), "end": w.end.to_string() })
}

/// The scorecard as JSON: every metric once, in listing order.
pub fn json(sc: &Scorecard) -> Value {
    let metrics: Vec<Value> = sc
        .metrics
        .iter()
        .map(|r| {
            json!({
                "id": r.id.as_str(),
                "pillar": r.id.pillar().as_str(),
                "label": r.id.label().trim(),
                "scored": r.scored,
                "renewal": cell(r, &r.renewal),
                "upgrade": cell(r, &r.upgrade),
            })
        })
        .collect();
    json!({
        "as_of": sc.as_of.to_string(),
        "program": sc.program,
        "partner": sc.partner,
        "tier": sc.tier.as_str(),
        "target_tier": sc.target_tier.as_str(),
        "windows": {
            "renewal": window(sc.windows.renewal),
            "upgrade": window(sc.windows.upgrade),
        },
        "metrics": metrics,
        "tier_met": { "renewal": sc.renewal_met, "upgrade": sc.upgrade_met },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture::scorecard;

    #[test]
    fn top_level_fields_follow_the_contract() {
        let v = json(&scorecard());
        assert_eq!(v["as_of"], "2026-11-26");
        assert_eq!(v["program"], "services-path-2023");
        assert_eq!(v["partner"], "Example Cloud");
        assert_eq!(v["tier"], "select");
        assert_eq!(v["target_tier"], "advanced");
        assert_eq!(v["windows"]["renewal"]["start"], "2026-08-15");
        assert_eq!(v["windows"]["upgrade"]["start"], "2025-11-27");
        assert_eq!(v["windows"]["upgrade"]["end"], "2026-11-26");
        assert_eq!(v["tier_met"], json!({"renewal": false, "upgrade": false}));
        let keys: Vec<&String> = v.as_object().expect("object").keys().collect();
        assert_eq!(keys.len(), 8, "{keys:?}");
    }

    #[test]
    fn every_metric_once_in_order_with_trimmed_labels() {
        let v = json(&scorecard());
        let m = v["metrics"].as_array().expect("metrics array");
        let ids: Vec<&str> = m.iter().filter_map(|x| x["id"].as_str()).collect();
        let want: Vec<&str> = MetricId::ALL.iter().map(|m| m.as_str()).collect();
        assert_eq!(ids, want);
        assert_eq!(m[1]["label"], "Technical accreditations");
        assert_eq!(m[1]["pillar"], "knowledge");
        assert_eq!(m[9]["pillar"], "customer_success");
    }

    #[test]
    fn money_in_dollars_plan_as_one_or_zero() {
        let v = json(&scorecard());
        let mrr = &v["metrics"][7];
        assert_eq!(mrr["id"], "launched_mrr");
        assert_eq!(mrr["renewal"]["value"], json!(1200.5));
        assert_eq!(mrr["renewal"]["required"], json!(1500));
        assert_eq!(mrr["renewal"]["short_by"], json!(299.5));
        assert_eq!(mrr["upgrade"]["value"], json!(12500));
        let bp = &v["metrics"][8];
        assert_eq!(
            bp["upgrade"],
            json!({"value": 0, "required": 1, "met": false, "short_by": 1})
        );
    }

    #[test]
    fn unscored_rows_are_met_with_nothing_required() {
        let v = json(&scorecard());
        let csat = &v["metrics"][10];
        assert_eq!(csat["scored"], false);
        assert_eq!(
            csat["renewal"],
            json!({"value": 7, "required": 0, "met": true, "short_by": 0})
        );
    }
}
