//! The form for each kind of entry, filled from the store or with defaults. Each field is built
//! from its typed key in `k`, which `apply` reads back.

use super::Target;
use crate::domain::{AccreditationKind, MetricId, Person, Stage, Store, Tier};
use crate::tui::form::{Field, Form};
use chrono::NaiveDate;

/// The typed keys of every form's fields.
pub mod k {
    use crate::domain::{AccreditationKind, Money, Stage, Tier};
    use crate::tui::form::{FieldId as F, Key, Picked};
    use chrono::NaiveDate;

    type Date = Option<NaiveDate>;

    pub const NAME: Key<String> = Key::new(F::Name);
    pub const EMAIL: Key<String> = Key::new(F::Email);
    pub const LINKED: Key<bool> = Key::new(F::Linked);
    pub const LEFT_ON: Key<Date> = Key::new(F::LeftOn);
    pub const EXAM: Key<String> = Key::new(F::Exam);
    pub const EARNED: Key<NaiveDate> = Key::new(F::Earned);
    pub const EXPIRES: Key<Date> = Key::new(F::Expires);
    pub const ACCREDITATION: Key<Picked<AccreditationKind>> = Key::new(F::AccreditationKind);
    pub const TARGET_DATE: Key<NaiveDate> = Key::new(F::TargetDate);
    pub const CUSTOMER: Key<String> = Key::new(F::Customer);
    pub const ACE_ID: Key<String> = Key::new(F::AceId);
    pub const TITLE: Key<String> = Key::new(F::Title);
    pub const STAGE: Key<Picked<Stage>> = Key::new(F::Stage);
    pub const MRR: Key<Money> = Key::new(F::Mrr);
    pub const LAUNCH_DATE: Key<Date> = Key::new(F::LaunchDate);
    pub const PUBLIC_REFERENCE: Key<bool> = Key::new(F::PublicReference);
    pub const OBJECTIVES: Key<String> = Key::new(F::Objectives);
    pub const VALIDATED_ON: Key<Date> = Key::new(F::ValidatedOn);
    pub const VALIDATED_BY: Key<String> = Key::new(F::ValidatedBy);
    pub const URL: Key<String> = Key::new(F::Url);
    pub const APPROVED: Key<NaiveDate> = Key::new(F::Approved);
    pub const DATE: Key<NaiveDate> = Key::new(F::Date);
    pub const RATING: Key<i64> = Key::new(F::Rating);
    pub const CONSENT: Key<bool> = Key::new(F::Consent);
    pub const COMMENT: Key<String> = Key::new(F::Comment);
    pub const PARTNER: Key<String> = Key::new(F::Partner);
    pub const TIER: Key<Picked<Tier>> = Key::new(F::Tier);
    /// 0 is "Next tier", then the tiers in order.
    pub const TARGET_TIER: Key<usize> = Key::new(F::TargetTier);
    /// Index into the editions offered.
    pub const EDITION: Key<usize> = Key::new(F::Edition);
    pub const LAST_REVIEW: Key<NaiveDate> = Key::new(F::LastReview);
    pub const RENEWAL: Key<NaiveDate> = Key::new(F::Renewal);
    pub const UPGRADED_ON: Key<Date> = Key::new(F::UpgradedOn);
    pub const COMPETENCIES: Key<String> = Key::new(F::Competencies);
    pub const BUSINESS_REVIEW: Key<Date> = Key::new(F::BusinessReview);
    pub const SUSTAINED_SINCE: Key<Date> = Key::new(F::SustainedSince);
    pub const VALUE: Key<String> = Key::new(F::Value);
}

fn title(editing: bool, what: &str) -> String {
    format!("{} {what}", if editing { "Edit" } else { "Add" })
}

/// The form for a target, filled from the store (or defaults for a new entry).
pub fn form_for(
    store: &Store,
    target: Target,
    today: NaiveDate,
    editions: &[String],
) -> Option<Form> {
    let form = match target {
        Target::Person(id) => {
            let p = match id {
                Some(id) => store.person(id)?.clone(),
                None => Person::new(0, ""),
            };
            let head = if id.is_some() {
                format!("Edit {}", p.name)
            } else {
                "Add person".into()
            };
            Form::new(
                head,
                vec![
                    Field::text_field(k::NAME, "Name", p.name).required(),
                    Field::text_field(k::EMAIL, "Email", p.email),
                    Field::yes_no(k::LINKED, "Linked to partner", p.linked),
                    Field::date(k::LEFT_ON, "Left on", p.left_on),
                ],
            )
        }
        Target::Certification { person, id } => {
            let p = store.person(person)?;
            let c = id.and_then(|id| p.certifications.iter().find(|c| c.id == id));
            Form::new(
                format!("{} · {}", title(c.is_some(), "certification"), p.name),
                vec![
                    Field::exam(
                        k::EXAM,
                        "Exam",
                        c.map(|c| c.exam.clone()).unwrap_or_default(),
                    ),
                    Field::required_date(k::EARNED, "Earned", Some(c.map_or(today, |c| c.earned))),
                    Field::date(k::EXPIRES, "Expires", c.and_then(|c| c.expires)),
                ],
            )
        }
        Target::Accreditation { person, id } => {
            let p = store.person(person)?;
            let a = id.and_then(|id| p.accreditations.iter().find(|a| a.id == id));
            Form::new(
                format!("{} · {}", title(a.is_some(), "accreditation"), p.name),
                vec![
                    Field::pick(
                        k::ACCREDITATION,
                        "Kind",
                        a.map_or(AccreditationKind::Technical, |a| a.kind),
                    ),
                    Field::required_date(k::EARNED, "Earned", Some(a.map_or(today, |a| a.earned))),
                    Field::date(k::EXPIRES, "Expires", a.and_then(|a| a.expires)),
                ],
            )
        }
        Target::PlannedExam { person, id } => {
            let p = store.person(person)?;
            let x = id.and_then(|id| p.planned_exams.iter().find(|x| x.id == id));
            Form::new(
                format!("{} · {}", title(x.is_some(), "planned exam"), p.name),
                vec![
                    Field::exam(
                        k::EXAM,
                        "Exam",
                        x.map(|x| x.exam.clone()).unwrap_or_default(),
                    ),
                    Field::required_date(k::TARGET_DATE, "Target date", x.map(|x| x.target)),
                ],
            )
        }
        Target::Opportunity(id) => {
            let o = id.and_then(|id| store.opportunities.iter().find(|o| o.id == id));
            let text = |f: fn(&crate::domain::Opportunity) -> &String| {
                o.map(f).cloned().unwrap_or_default()
            };
            Form::new(
                title(o.is_some(), "opportunity"),
                vec![
                    Field::text_field(k::CUSTOMER, "Customer", text(|o| &o.customer)).required(),
                    Field::text_field(k::ACE_ID, "ACE id", text(|o| &o.ace_id)),
                    Field::text_field(k::TITLE, "Title", text(|o| &o.title)),
                    Field::pick(k::STAGE, "Stage", o.map_or(Stage::Prospect, |o| o.stage)),
                    Field::money(k::MRR, "MRR (USD)", o.map(|o| o.mrr)),
                    Field::date(k::LAUNCH_DATE, "Launch date", o.and_then(|o| o.launch_date)),
                    Field::yes_no(
                        k::PUBLIC_REFERENCE,
                        "Public reference",
                        o.is_some_and(|o| o.referenceable),
                    ),
                ],
            )
        }
        Target::BusinessPlan(id) => {
            let b = id.and_then(|id| store.business_plans.iter().find(|b| b.id == id));
            let text = |f: fn(&crate::domain::BusinessPlan) -> &String| {
                b.map(f).cloned().unwrap_or_default()
            };
            Form::new(
                title(b.is_some(), "business plan"),
                vec![
                    Field::text_field(k::OBJECTIVES, "Objectives", text(|b| &b.objectives)),
                    Field::date(
                        k::VALIDATED_ON,
                        "Validated on",
                        b.map_or(Some(today), |b| b.validated_on),
                    ),
                    Field::text_field(k::VALIDATED_BY, "Validated by", text(|b| &b.validated_by)),
                ],
            )
        }
        Target::Reference(id) => {
            let r = id.and_then(|id| store.references.iter().find(|r| r.id == id));
            let text =
                |f: fn(&crate::domain::Reference) -> &String| r.map(f).cloned().unwrap_or_default();
            Form::new(
                title(r.is_some(), "reference"),
                vec![
                    Field::text_field(k::CUSTOMER, "Customer", text(|r| &r.customer)).required(),
                    Field::text_field(k::TITLE, "Title", text(|r| &r.title)),
                    Field::text_field(k::URL, "URL", text(|r| &r.url)),
                    Field::required_date(
                        k::APPROVED,
                        "Approved",
                        Some(r.map_or(today, |r| r.approved)),
                    ),
                ],
            )
        }
        Target::Csat(id) => {
            let c = id.and_then(|id| store.csat.iter().find(|c| c.id == id));
            let text = |f: fn(&crate::domain::CsatResponse) -> &String| {
                c.map(f).cloned().unwrap_or_default()
            };
            Form::new(
                title(c.is_some(), "CSAT response"),
                vec![
                    Field::text_field(k::CUSTOMER, "Customer", text(|c| &c.customer)).required(),
                    Field::required_date(k::DATE, "Date", Some(c.map_or(today, |c| c.date))),
                    Field::number(
                        k::RATING,
                        "Rating (1-5)",
                        (1, 5),
                        c.map_or(5, |c| i64::from(c.rating)),
                    ),
                    Field::yes_no(k::CONSENT, "Consent to share", c.is_some_and(|c| c.consent)),
                    Field::text_field(k::COMMENT, "Comment", text(|c| &c.comment)),
                ],
            )
        }
        Target::Profile => {
            let p = &store.profile;
            let mut targets = vec!["Next tier".to_string()];
            targets.extend(Tier::ALL.iter().map(|t| t.label().to_string()));
            Form::new(
                "Edit partner profile",
                vec![
                    Field::text_field(k::PARTNER, "Partner", p.partner.clone()).required(),
                    Field::pick(k::TIER, "Tier", p.tier),
                    Field::choice(
                        k::TARGET_TIER,
                        "Target tier",
                        targets,
                        p.target.map_or("Next tier", Tier::label),
                    ),
                    Field::choice(k::EDITION, "Edition", editions.to_vec(), p.program.clone()),
                    Field::required_date(
                        k::LAST_REVIEW,
                        "Last tier review",
                        Some(p.last_tier_review),
                    ),
                    Field::required_date(k::RENEWAL, "APN renewal date", Some(p.apn_renewal)),
                    // Blank: a tier change is dated today; set only when the tier changes.
                    Field::date(k::UPGRADED_ON, "Upgraded on (blank = today)", None),
                ],
            )
        }
        Target::Premier => {
            let c = &store.premier;
            let names: Vec<String> = c.competencies.iter().map(|c| c.name.clone()).collect();
            Form::new(
                "Premier checklist",
                vec![
                    Field::text_field(
                        k::COMPETENCIES,
                        "Competencies (comma-separated)",
                        names.join(", "),
                    ),
                    Field::date(
                        k::BUSINESS_REVIEW,
                        "Executive business review",
                        c.executive_business_review,
                    ),
                    Field::date(
                        k::SUSTAINED_SINCE,
                        "Sustained attainment since",
                        c.sustained_since,
                    ),
                ],
            )
        }
        Target::Threshold(metric) => {
            let tier = store.profile.target_tier();
            let cur = store
                .threshold_overrides
                .iter()
                .rev()
                .find(|o| o.metric == metric && o.tier == tier)
                .map(|o| o.value.to_string())
                .unwrap_or_default();
            let label = if metric == MetricId::LaunchedMrr {
                "Value (whole USD; blank = edition's)"
            } else {
                "Value (blank = edition's)"
            };
            Form::new(
                format!("Threshold override · {}", metric.label().trim()),
                vec![
                    Field::pick(k::TIER, "Tier", tier),
                    Field::text_field(k::VALUE, label, cur),
                ],
            )
        }
    };
    Some(form)
}
