//! `apn-scorecard sync ace`: the pipeline from ACE (Partner Central Selling API) into the store,
//! like an import: a plan, then one atomic save under the writer lock.

use super::{Cli, Inputs, UserError};
use crate::ace::Catalog;
use clap::{Args, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub from: SyncFrom,
}

#[derive(Debug, Subcommand)]
pub enum SyncFrom {
    /// Opportunities from ACE (Partner Central) through the Partner Central Selling API.
    /// Needs a build with `--features ace` and AWS credentials (standard chain or --profile).
    Ace(AceArgs),
}

#[derive(Debug, Args)]
pub struct AceArgs {
    /// The ACE catalog: AWS (production) or Sandbox (for trying things out).
    #[arg(long, value_name = "CATALOG", default_value = "AWS")]
    pub catalog: Catalog,
    /// The AWS profile to use (else the standard chain: environment, default profile, SSO, ...).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Print what would change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Refetch every opportunity instead of the ones changed since the last sync; opportunities
    /// no longer in ACE are marked missing (never deleted).
    #[arg(long)]
    pub full: bool,
    /// Also fetch titles (one GetOpportunity call each, paced under ACE's quota) for
    /// opportunities that have none.
    #[arg(long)]
    pub titles: bool,
}

/// The build's answer when the feature is off: how to get one that has it.
pub const NOT_BUILT: &str = "this apn-scorecard was built without live ACE sync; install it \
                             with\n  cargo install --locked --path . --features ace\n(or import a \
                             CSV export: apn-scorecard import opportunities FILE)";

/// What `validate` says about the last ACE sync without counting it as a problem: spend left
/// out of MRR for want of a rate, opportunities gone from ACE.
pub(super) fn notes(store: &crate::domain::Store, name: &str) -> String {
    let Some(s) = &store.ace_sync else {
        return String::new();
    };
    let mut out = String::new();
    for o in &store.opportunities {
        let at = format!("{name}: note: opportunities[id={} {:?}]", o.id, o.customer);
        if let Some(u) = s.unconverted_of(&o.ace_id) {
            out.push_str(&format!(
                "{at}.mrr: {u} from ACE left out (set eur_usd_rate in the settings)\n"
            ));
        }
        if let Some(d) = s.missing_since(&o.ace_id) {
            out.push_str(&format!(
                "{at}.ace_id: {} missing from ACE since {d}\n",
                o.ace_id
            ));
        }
    }
    out
}

pub(super) fn run(cli: &Cli, inputs: &Inputs, a: &SyncArgs) -> Result<ExitCode, UserError> {
    match &a.from {
        SyncFrom::Ace(args) => ace(cli, inputs, args),
    }
}

#[cfg(not(feature = "ace"))]
fn ace(_cli: &Cli, _inputs: &Inputs, _a: &AceArgs) -> Result<ExitCode, UserError> {
    Err(UserError(NOT_BUILT.into()))
}

#[cfg(feature = "ace")]
fn ace(cli: &Cli, inputs: &Inputs, a: &AceArgs) -> Result<ExitCode, UserError> {
    use super::Source;
    use crate::ace::{self, Fetched, Progress, client::Session};
    use crate::store::{self, StoreError};
    use std::io::{IsTerminal, Write};

    let path = match super::source(cli, inputs)? {
        Source::Demo => {
            return Err(UserError(
                "--demo never writes; sync needs --data FILE".into(),
            ));
        }
        Source::File(p) => p,
    };
    // Like an import: a real sync holds the writer lock from the first read to the save, so
    // nothing else writes in between; a dry run writes nothing and needs none.
    let _lock = if a.dry_run || !path.exists() {
        None
    } else {
        Some(store::lock(&path).map_err(|e| match e {
            StoreError::Locked { .. } => UserError(format!(
                "{} is open in another apn-scorecard; close it and retry",
                path.display()
            )),
            other => UserError(other.to_string()),
        })?)
    };
    let store = super::load(&Source::File(path.clone()), inputs.today)?;
    let program = super::program()?;
    let since =
        ace::starting_point(&store, a.catalog, a.full).map_err(|e| UserError(e.to_string()))?;

    // Progress on a terminal only, on one line; pipes and logs get the plan alone.
    let tty = std::io::stderr().is_terminal();
    let mut show = |p: Progress| {
        if tty {
            let titles = if p.titles_total > 0 {
                format!(", titles {}/{}", p.titles_done, p.titles_total)
            } else {
                String::new()
            };
            let mut e = std::io::stderr().lock();
            let _ = write!(
                e,
                "\r  {} pages, {} opportunities{titles}   ",
                p.pages, p.opportunities
            );
            let _ = e.flush();
        }
    };
    let fetched = (|| {
        let session = Session::connect(a.catalog, a.profile.as_deref())?;
        let (opportunities, pages) = session.list(since, &mut show)?;
        let titles = if a.titles {
            let ids = ace::titles_wanted(&store, &opportunities);
            let before = Progress {
                pages,
                opportunities: opportunities.len(),
                ..Progress::default()
            };
            session.titles(&ids, before, &mut show)?
        } else {
            Default::default()
        };
        Ok::<_, ace::client::AceError>(Fetched {
            catalog: a.catalog,
            full: since.is_none(),
            pages,
            opportunities,
            titles,
        })
    })();
    if tty {
        eprintln!();
    }
    let fetched = fetched.map_err(|e| UserError(format!("nothing written: {e}")))?;

    let plan = ace::plan(&store, &fetched, inputs.today, chrono::Utc::now()).map_err(|bad| {
        let lines: Vec<String> = bad.iter().map(|b| format!("  {b}")).collect();
        UserError(format!(
            "nothing written: ACE sent {} {} the scorecard cannot take:\n{}",
            bad.len(),
            if bad.len() == 1 { "value" } else { "values" },
            lines.join("\n")
        ))
    })?;
    let mut after = store.clone();
    ace::apply(&mut after, &plan);
    let new_problems = super::problems_added(&store, &after, &program);
    if !new_problems.is_empty() {
        return Err(UserError(format!(
            "nothing written: the store would have problems:\n  {}",
            new_problems.join("\n  ")
        )));
    }
    let mut out = if a.dry_run {
        format!(
            "Dry run: syncing ACE ({} catalog) into {} would change:\n",
            a.catalog,
            path.display()
        )
    } else {
        format!(
            "Synced ACE ({} catalog) into {}:\n",
            a.catalog,
            path.display()
        )
    };
    out.push_str(&plan.summary());
    if a.dry_run {
        out.push_str("Nothing written (dry run).\n");
    } else {
        // Always saved: the sync time and cursor move even when no opportunity changed.
        store::save(&path, &after)?;
    }
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
