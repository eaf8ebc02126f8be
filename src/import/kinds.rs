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
use super::{BadRow, Change, Entity, ImportKind, ImportPlan, Op, Progress};
use crate::domain::{
    Accreditation, AccreditationKind, Catalog, Certification, CsatResponse, Id, IdAlloc,
    Opportunity, Person, Reference, Store, customer_key,
};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// How often (in rows) planning reports progress.
const PROGRESS_EVERY: usize = 10_000;

pub(super) fn plan(
    store: &Store,
    text: &str,
    kind: ImportKind,
    catalog: &Catalog,
    today: NaiveDate,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportPlan, Vec<BadRow>> {
    let mut table = Table::parse(text, required(kind))?;
    let total_bytes = table.total_bytes();
    let mut w = Work::new(store, today);
    let mut bad = Vec::new();
    let mut rows = 0;
    let broken = table.for_each_row(|row, at| {
        if rows % PROGRESS_EVERY == 0 {
            progress(Progress {
                rows,
                bytes: at,
                total_bytes,
                done: false,
            });
        }
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
    });
    progress(Progress {
        rows,
        bytes: total_bytes,
        total_bytes,
        done: true,
    });
    if !broken.is_empty() {
        return Err(broken);
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
///
/// Every lookup by upsert key goes through a hash index kept next to its list, so planning is
/// linear in the rows: a million-row file (or 40,000 rows for one person) never scans a list
/// once per row.
struct Work {
    today: NaiveDate,
    people: Vec<Person>,
    opportunities: Vec<Opportunity>,
    references: Vec<Reference>,
    csat: Vec<CsatResponse>,
    /// Email (trimmed, ASCII lower case) -> index in `people`; the first of duplicates wins.
    by_email: HashMap<String, usize>,
    /// (person index, exam in ASCII upper case, earned) -> index in its certifications.
    certs: HashMap<(usize, String, NaiveDate), usize>,
    accs: HashSet<(usize, AccreditationKind, NaiveDate)>,
    /// ACE id (trimmed, ASCII lower case) -> index in `opportunities`.
    by_ace_id: HashMap<String, usize>,
    /// (customer key, day) -> index in `references` / `csat`.
    refs: HashMap<(String, NaiveDate), usize>,
    csats: HashMap<(String, NaiveDate), usize>,
    touched: Vec<(List, Id)>,
    touched_set: HashSet<(List, Id)>,
    new: HashSet<(List, Id)>,
    /// Fresh ids, never one in the store or handed out earlier in this import.
    ids: IdAlloc,
    changes: Vec<Change>,
    warnings: Vec<String>,
}

impl Work {
    fn new(store: &Store, today: NaiveDate) -> Work {
        let mut by_email = HashMap::new();
        let mut certs = HashMap::new();
        let mut accs = HashSet::new();
        for (i, p) in store.people.iter().enumerate() {
            by_email.entry(email_key(&p.email)).or_insert(i);
            for (ci, c) in p.certifications.iter().enumerate() {
                certs
                    .entry((i, c.exam.to_ascii_uppercase(), c.earned))
                    .or_insert(ci);
            }
            for a in &p.accreditations {
                accs.insert((i, a.kind, a.earned));
            }
        }
        let mut by_ace_id = HashMap::new();
        for (i, o) in store.opportunities.iter().enumerate() {
            by_ace_id.entry(ace_key(&o.ace_id)).or_insert(i);
        }
        let mut refs = HashMap::new();
        for (i, r) in store.references.iter().enumerate() {
            refs.entry((customer_key(&r.customer), r.approved))
                .or_insert(i);
        }
        let mut csats = HashMap::new();
        for (i, c) in store.csat.iter().enumerate() {
            csats
                .entry((customer_key(&c.customer), c.date))
                .or_insert(i);
        }
        Work {
            today,
            people: store.people.clone(),
            opportunities: store.opportunities.clone(),
            references: store.references.clone(),
            csat: store.csat.clone(),
            by_email,
            certs,
            accs,
            by_ace_id,
            refs,
            csats,
            touched: Vec::new(),
            touched_set: HashSet::new(),
            new: HashSet::new(),
            ids: IdAlloc::new(store),
            changes: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn touch(&mut self, list: List, id: Id) {
        if self.touched_set.insert((list, id)) {
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
        self.ids.next_id()
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
        let found = self.by_email.get(&email_key(&who.email)).copied();
        let Some(i) = found else {
            if who.name.is_empty() {
                return Err(row.bad("name", "is empty (needed to add a new person)"));
            }
            let id = self.ids.next_id();
            let mut p = Person::new(id, who.name.clone());
            p.email = who.email.clone();
            p.linked = linked.unwrap_or(true);
            p.left_on = left_on;
            p.added = Some(self.today);
            p.changed = Some(self.today);
            self.people.push(p);
            self.by_email
                .insert(email_key(&who.email), self.people.len() - 1);
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
        let key = (i, r.exam.to_ascii_uppercase(), r.earned);
        let existing = self.certs.get(&key).copied();
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
                self.certs
                    .insert(key, self.people[i].certifications.len() - 1);
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
        if !self.accs.insert((i, r.kind, r.earned)) {
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
        let found = self.by_ace_id.get(&ace_key(&r.ace_id)).copied();
        let at = match found {
            None => {
                let id = self.ids.next_id();
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
                self.by_ace_id
                    .insert(ace_key(&r.ace_id), self.opportunities.len() - 1);
                self.new.insert((List::Opportunities, id));
                self.touch(List::Opportunities, id);
                self.opportunities.len() - 1
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
                i
            }
        };
        if let Some(o) = self.opportunities.get(at)
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
        let found = self.refs.get(&(key.clone(), r.date)).copied();
        match found {
            None => {
                let id = self.ids.next_id();
                self.references.push(Reference {
                    id,
                    customer: r.customer.clone(),
                    title: r.title.clone(),
                    url: r.url.clone(),
                    approved: r.date,
                    added: Some(today),
                    changed: Some(today),
                });
                self.refs.insert((key, r.date), self.references.len() - 1);
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
        let found = self.csats.get(&(key.clone(), r.date)).copied();
        match found {
            None => {
                let id = self.ids.next_id();
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
                self.csats.insert((key, r.date), self.csat.len() - 1);
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

    /// The plan: each touched entry, in the order first touched, moved (not copied) out of the
    /// working lists, which a big import would otherwise hold twice.
    fn finish(self, kind: ImportKind, rows: usize, skipped: Vec<BadRow>) -> ImportPlan {
        /// The list as takeable slots, and each id's slot (the first of duplicate ids).
        fn slots<T>(list: Vec<T>, id: impl Fn(&T) -> Id) -> (Vec<Option<T>>, HashMap<Id, usize>) {
            let mut at = HashMap::with_capacity(list.len());
            for (i, x) in list.iter().enumerate() {
                at.entry(id(x)).or_insert(i);
            }
            (list.into_iter().map(Some).collect(), at)
        }
        fn take<T>(s: &mut (Vec<Option<T>>, HashMap<Id, usize>), id: Id) -> Option<T> {
            let i = *s.1.get(&id)?;
            s.0.get_mut(i)?.take()
        }
        let Work {
            people,
            opportunities,
            references,
            csat,
            touched,
            changes,
            warnings,
            ..
        } = self;
        let mut people = slots(people, |p| p.id);
        let mut opps = slots(opportunities, |o| o.id);
        let mut refs = slots(references, |r| r.id);
        let mut csat = slots(csat, |c| c.id);
        let ops = touched
            .iter()
            .filter_map(|&(list, id)| match list {
                List::People => take(&mut people, id).map(Op::Person),
                List::Opportunities => take(&mut opps, id).map(Op::Opportunity),
                List::References => take(&mut refs, id).map(Op::Reference),
                List::Csat => take(&mut csat, id).map(Op::Csat),
            })
            .collect();
        ImportPlan {
            kind,
            rows,
            ops,
            changes,
            skipped,
            warnings,
        }
    }
}

/// The upsert key of a person: the email, trimmed, ignoring ASCII case.
fn email_key(email: &str) -> String {
    email.trim().to_ascii_lowercase()
}

/// The upsert key of an opportunity: the ACE id, trimmed, ignoring ASCII case.
fn ace_key(ace_id: &str) -> String {
    ace_id.trim().to_ascii_lowercase()
}
