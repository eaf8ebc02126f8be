//! Merging checked rows into a working copy of the store, by each kind's upsert key, and
//! naming every change once.
//!
//! Each row is first parsed and checked in full (`rows`, fallible, touches nothing), then merged
//! here (infallible), so a bad row never leaves half a change behind.

use super::rows::{
    AccRow, CertRow, CsatRow, OppRow, RefRow, Who, acc_row, cert_row, csat_row, opp_row, ref_row,
    required,
};
use super::table::{Row, Table};
use super::{BadRow, Change, Entity, ImportKind, ImportPlan, Op};
use crate::domain::{
    Accreditation, Catalog, Certification, CsatResponse, Id, Opportunity, Person, Reference, Store,
    customer_key,
};
use chrono::NaiveDate;
use std::collections::HashSet;

pub(super) fn plan(
    store: &Store,
    text: &str,
    kind: ImportKind,
    catalog: &Catalog,
    today: NaiveDate,
) -> Result<ImportPlan, Vec<BadRow>> {
    let table = Table::parse(text, required(kind))?;
    let mut w = Work::new(store, today);
    let mut bad = Vec::new();
    let mut rows = 0;
    for row in table.rows() {
        rows += 1;
        let done = match kind {
            ImportKind::Certifications => {
                cert_row(&row, catalog).and_then(|r| w.certification(&row, r))
            }
            ImportKind::Accreditations => acc_row(&row).and_then(|r| w.accreditation(&row, r)),
            ImportKind::Opportunities => opp_row(&row).map(|r| w.opportunity(row.line, r)),
            ImportKind::References => ref_row(&row).map(|r| w.reference(r)),
            ImportKind::Csat => csat_row(&row).map(|r| w.csat(r)),
        };
        if let Err(b) = done {
            bad.push(b);
        }
    }
    Ok(w.finish(kind, rows, bad))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum List {
    People,
    Opportunities,
    References,
    Csat,
}

/// A working copy of the lists an import touches, with the order in which entries were touched
/// and which of them are new, so the plan can name each change once.
struct Work {
    today: NaiveDate,
    people: Vec<Person>,
    opportunities: Vec<Opportunity>,
    references: Vec<Reference>,
    csat: Vec<CsatResponse>,
    touched: Vec<(List, Id)>,
    new: HashSet<(List, Id)>,
    next_person: Id,
    next_holding: Id,
    next_opportunity: Id,
    next_reference: Id,
    next_csat: Id,
    changes: Vec<Change>,
    warnings: Vec<String>,
}

impl Work {
    fn new(store: &Store, today: NaiveDate) -> Work {
        Work {
            today,
            people: store.people.clone(),
            opportunities: store.opportunities.clone(),
            references: store.references.clone(),
            csat: store.csat.clone(),
            touched: Vec::new(),
            new: HashSet::new(),
            next_person: store.next_person_id(),
            next_holding: store.next_holding_id(),
            next_opportunity: store.next_opportunity_id(),
            next_reference: store.next_reference_id(),
            next_csat: store.next_csat_id(),
            changes: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn touch(&mut self, list: List, id: Id) {
        if !self.touched.contains(&(list, id)) {
            self.touched.push((list, id));
        }
    }

    fn is_new(&self, list: List, id: Id) -> bool {
        self.new.contains(&(list, id))
    }

    fn change(&mut self, added: bool, entity: Entity, text: String) {
        self.changes.push(Change {
            added,
            entity,
            text,
        });
    }

    fn holding_id(&mut self) -> Id {
        let id = self.next_holding;
        self.next_holding = id.saturating_add(1);
        id
    }

    /// The index of the person with this email, created if unknown. The file's name, `linked`
    /// and `left_on` win over the stored ones when given (blank cells change nothing).
    fn person(
        &mut self,
        row: &Row,
        who: &Who,
        linked: Option<bool>,
        left_on: Option<NaiveDate>,
    ) -> Result<usize, BadRow> {
        let found = self
            .people
            .iter()
            .position(|p| p.email.trim().eq_ignore_ascii_case(&who.email));
        let Some(i) = found else {
            if who.name.is_empty() {
                return Err(row.bad("name", "is empty (needed to add a new person)"));
            }
            let id = self.next_person;
            self.next_person = id.saturating_add(1);
            let mut p = Person::new(id, who.name.clone());
            p.email = who.email.clone();
            p.linked = linked.unwrap_or(true);
            p.left_on = left_on;
            p.added = Some(self.today);
            p.changed = Some(self.today);
            self.people.push(p);
            self.new.insert((List::People, id));
            self.touch(List::People, id);
            let mut text = format!("{} <{}>", who.name, who.email);
            if !linked.unwrap_or(true) {
                text.push_str(", not linked");
            }
            if let Some(l) = left_on {
                text.push_str(&format!(", left on {l}"));
            }
            self.change(true, Entity::Person, text);
            return Ok(self.people.len() - 1);
        };
        let today = self.today;
        let p = &mut self.people[i];
        let mut what = Vec::new();
        if !who.name.is_empty() && p.name != who.name {
            what.push(format!("name {} -> {}", p.name, who.name));
            p.name = who.name.clone();
        }
        if let Some(l) = linked.filter(|l| *l != p.linked) {
            what.push(if l { "linked" } else { "not linked" }.to_string());
            p.linked = l;
        }
        if let Some(l) = left_on.filter(|l| p.left_on != Some(*l)) {
            what.push(format!("left on {l}"));
            p.left_on = Some(l);
        }
        if !what.is_empty() {
            p.changed = Some(today);
            let (id, name) = (p.id, p.name.clone());
            self.touch(List::People, id);
            if !self.is_new(List::People, id) {
                self.change(
                    false,
                    Entity::Person,
                    format!("{name}: {}", what.join(", ")),
                );
            }
        }
        Ok(i)
    }

    /// Same exam and earned day for the same person = the same certification: the file's expiry
    /// wins. Otherwise the certification is added.
    fn certification(&mut self, row: &Row, r: CertRow) -> Result<(), BadRow> {
        let i = self.person(row, &r.who, r.linked, r.left_on)?;
        let today = self.today;
        let pid = self.people[i].id;
        let name = self.people[i].name.clone();
        let existing = self.people[i]
            .certifications
            .iter()
            .position(|c| c.exam.eq_ignore_ascii_case(&r.exam) && c.earned == r.earned);
        match existing {
            Some(ci) => {
                let c = &mut self.people[i].certifications[ci];
                if let Some(e) = r.expires.filter(|e| *e != c.expiry()) {
                    let was = c.expiry();
                    c.expires = Some(e);
                    c.changed = Some(today);
                    self.touch(List::People, pid);
                    self.change(
                        false,
                        Entity::Certification,
                        format!(
                            "{} earned {} by {name}: expires {e} (was {was})",
                            r.exam, r.earned
                        ),
                    );
                }
            }
            None => {
                let id = self.holding_id();
                self.people[i].certifications.push(Certification {
                    id,
                    exam: r.exam.clone(),
                    earned: r.earned,
                    expires: r.expires,
                    added: Some(today),
                    changed: Some(today),
                });
                self.touch(List::People, pid);
                let exp = self.people[i]
                    .certifications
                    .last()
                    .map_or(r.earned, Certification::expiry);
                self.change(
                    true,
                    Entity::Certification,
                    format!("{} earned {} by {name} (expires {exp})", r.exam, r.earned),
                );
            }
        }
        Ok(())
    }

    /// Same kind and earned day for the same person = the same accreditation: nothing to do.
    fn accreditation(&mut self, row: &Row, r: AccRow) -> Result<(), BadRow> {
        let i = self.person(row, &r.who, None, None)?;
        let today = self.today;
        let p = &self.people[i];
        if p.accreditations
            .iter()
            .any(|a| a.kind == r.kind && a.earned == r.earned)
        {
            return Ok(());
        }
        let (pid, name) = (p.id, p.name.clone());
        let id = self.holding_id();
        self.people[i].accreditations.push(Accreditation {
            id,
            kind: r.kind,
            earned: r.earned,
            expires: None,
            added: Some(today),
            changed: Some(today),
        });
        self.touch(List::People, pid);
        self.change(
            true,
            Entity::Accreditation,
            format!("{} earned {} by {name}", r.kind.label(), r.earned),
        );
        Ok(())
    }

    /// Upsert by ACE opportunity id; the file wins for customer, title, stage, MRR and launch
    /// date. `referenceable` is the manager's own mark and is kept.
    fn opportunity(&mut self, line: u64, r: OppRow) {
        let today = self.today;
        let label = |o: &OppRow| format!("{} {}", o.ace_id, o.customer);
        let found = self
            .opportunities
            .iter()
            .position(|o| o.ace_id.trim().eq_ignore_ascii_case(&r.ace_id));
        let id = match found {
            None => {
                let id = self.next_opportunity;
                self.next_opportunity = id.saturating_add(1);
                let launch = r
                    .launch_date
                    .map_or(String::new(), |d| format!(", launch {d}"));
                self.change(
                    true,
                    Entity::Opportunity,
                    format!("{}: {}, {} MRR{launch}", label(&r), r.stage, r.mrr),
                );
                self.opportunities.push(Opportunity {
                    id,
                    ace_id: r.ace_id.clone(),
                    customer: r.customer.clone(),
                    title: r.title.clone().unwrap_or_default(),
                    stage: r.stage,
                    mrr: r.mrr,
                    launch_date: r.launch_date,
                    referenceable: false,
                    added: Some(today),
                    changed: Some(today),
                });
                self.new.insert((List::Opportunities, id));
                self.touch(List::Opportunities, id);
                id
            }
            Some(i) => {
                let o = &mut self.opportunities[i];
                let mut what = Vec::new();
                if o.customer != r.customer {
                    what.push(format!("customer {} -> {}", o.customer, r.customer));
                    o.customer = r.customer.clone();
                }
                if let Some(t) = r.title.as_ref().filter(|t| **t != o.title) {
                    what.push(format!("title '{t}'"));
                    o.title = t.clone();
                }
                if o.stage != r.stage {
                    what.push(format!("stage {} -> {}", o.stage, r.stage));
                    o.stage = r.stage;
                }
                if o.mrr != r.mrr {
                    what.push(format!("MRR {} -> {}", o.mrr, r.mrr));
                    o.mrr = r.mrr;
                }
                if o.launch_date != r.launch_date {
                    let show =
                        |d: Option<NaiveDate>| d.map_or("none".to_string(), |d| d.to_string());
                    what.push(format!(
                        "launch {} -> {}",
                        show(o.launch_date),
                        show(r.launch_date)
                    ));
                    o.launch_date = r.launch_date;
                }
                let id = o.id;
                if !what.is_empty() {
                    o.changed = Some(today);
                    self.touch(List::Opportunities, id);
                    if !self.is_new(List::Opportunities, id) {
                        self.change(
                            false,
                            Entity::Opportunity,
                            format!("{}: {}", label(&r), what.join(", ")),
                        );
                    }
                }
                id
            }
        };
        if let Some(o) = self.opportunities.iter().find(|o| o.id == id)
            && o.mrr_looks_annual()
        {
            self.warnings.push(format!(
                "line {line}: {} MRR {} looks like an annual figure (AWS asks for ARR / 12)",
                label(&r),
                o.mrr
            ));
        }
    }

    /// Same customer (case-insensitively) and approval day = the same reference.
    fn reference(&mut self, r: RefRow) {
        let today = self.today;
        let key = customer_key(&r.customer);
        let found = self
            .references
            .iter()
            .position(|x| customer_key(&x.customer) == key && x.approved == r.date);
        match found {
            None => {
                let id = self.next_reference;
                self.next_reference = id.saturating_add(1);
                self.references.push(Reference {
                    id,
                    customer: r.customer.clone(),
                    title: r.title.clone(),
                    url: r.url.clone(),
                    approved: r.date,
                    added: Some(today),
                    changed: Some(today),
                });
                self.new.insert((List::References, id));
                self.touch(List::References, id);
                self.change(
                    true,
                    Entity::Reference,
                    format!("{} approved {}", r.customer, r.date),
                );
            }
            Some(i) => {
                let x = &mut self.references[i];
                let mut what = Vec::new();
                if !r.title.is_empty() && x.title != r.title {
                    what.push(format!("title '{}'", r.title));
                    x.title = r.title.clone();
                }
                if !r.url.is_empty() && x.url != r.url {
                    what.push(format!("url {}", r.url));
                    x.url = r.url.clone();
                }
                if !what.is_empty() {
                    x.changed = Some(today);
                    let id = x.id;
                    self.touch(List::References, id);
                    if !self.is_new(List::References, id) {
                        self.change(
                            false,
                            Entity::Reference,
                            format!("{} approved {}: {}", r.customer, r.date, what.join(", ")),
                        );
                    }
                }
            }
        }
    }

    /// Same customer (case-insensitively) and day = the same response.
    fn csat(&mut self, r: CsatRow) {
        let today = self.today;
        let key = customer_key(&r.customer);
        let found = self
            .csat
            .iter()
            .position(|x| customer_key(&x.customer) == key && x.date == r.date);
        match found {
            None => {
                let id = self.next_csat;
                self.next_csat = id.saturating_add(1);
                self.csat.push(CsatResponse {
                    id,
                    customer: r.customer.clone(),
                    date: r.date,
                    rating: r.rating,
                    consent: r.consent.unwrap_or(false),
                    comment: r.comment.clone(),
                    added: Some(today),
                    changed: Some(today),
                });
                self.new.insert((List::Csat, id));
                self.touch(List::Csat, id);
                self.change(
                    true,
                    Entity::Csat,
                    format!("{} on {}: rating {}", r.customer, r.date, r.rating),
                );
            }
            Some(i) => {
                let x = &mut self.csat[i];
                let mut what = Vec::new();
                if x.rating != r.rating {
                    what.push(format!("rating {} -> {}", x.rating, r.rating));
                    x.rating = r.rating;
                }
                if let Some(c) = r.consent.filter(|c| *c != x.consent) {
                    what.push(if c { "consent" } else { "no consent" }.to_string());
                    x.consent = c;
                }
                if !r.comment.is_empty() && x.comment != r.comment {
                    what.push("comment".to_string());
                    x.comment = r.comment.clone();
                }
                if !what.is_empty() {
                    x.changed = Some(today);
                    let id = x.id;
                    self.touch(List::Csat, id);
                    if !self.is_new(List::Csat, id) {
                        self.change(
                            false,
                            Entity::Csat,
                            format!("{} on {}: {}", r.customer, r.date, what.join(", ")),
                        );
                    }
                }
            }
        }
    }

    fn finish(self, kind: ImportKind, rows: usize, skipped: Vec<BadRow>) -> ImportPlan {
        let ops = self
            .touched
            .iter()
            .filter_map(|&(list, id)| match list {
                List::People => self
                    .people
                    .iter()
                    .find(|p| p.id == id)
                    .cloned()
                    .map(Op::Person),
                List::Opportunities => self
                    .opportunities
                    .iter()
                    .find(|o| o.id == id)
                    .cloned()
                    .map(Op::Opportunity),
                List::References => self
                    .references
                    .iter()
                    .find(|r| r.id == id)
                    .cloned()
                    .map(Op::Reference),
                List::Csat => self.csat.iter().find(|c| c.id == id).cloned().map(Op::Csat),
            })
            .collect();
        ImportPlan {
            kind,
            rows,
            ops,
            changes: self.changes,
            skipped,
            warnings: self.warnings,
        }
    }
}
