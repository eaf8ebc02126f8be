//! Command-line definitions and the non-interactive commands: `init`, `report`, `validate`.
//!
//! The binary reads the clock and the environment once ([`today`], [`Inputs::from_env`]) and hands
//! plain values to [`run`]; everything below works on those values.

use crate::assets;
use crate::domain::{Profile, Settings, Store, Tier};
use crate::import::{self, ImportKind};
use crate::report;
use crate::scoring::{self, Program};
use crate::store::{self, StoreError};
use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Test hook: `APN_SCORECARD_TODAY=YYYY-MM-DD` replaces the clock's date.
pub const TODAY_ENV: &str = "APN_SCORECARD_TODAY";

/// The edition `init` writes when `--program` is not given.
pub use crate::domain::DEFAULT_PROGRAM;

/// Track the AWS Partner Network Services Path Partner Scorecard.
///
/// Without a command, opens the dashboard.
#[derive(Debug, Parser)]
#[command(
    name = "apn-scorecard",
    version,
    about,
    after_help = "Environment:\n  APN_SCORECARD_DATA   the store file when --data is not given\n  \
                  APN_SCORECARD_TODAY  YYYY-MM-DD to use instead of the clock's date (tests, demos)\n  \
                  NO_COLOR             set to turn colour off in text reports"
)]
pub struct Cli {
    /// The store file (else $APN_SCORECARD_DATA, else the platform data folder).
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "demo")]
    pub data: Option<PathBuf>,

    /// Use the built-in demo partner, dated around today. Never writes anything.
    #[arg(long, global = true)]
    pub demo: bool,

    /// Score as of this day instead of today (YYYY-MM-DD).
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parses like `Cli::try_parse_from`, and also rejects `--data` with `--demo` when they sit on
    /// either side of the subcommand (clap checks conflicts of global options per level only).
    pub fn try_parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let cli = Cli::try_parse_from(args)?;
        if cli.demo && cli.data.is_some() {
            return Err(Cli::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                "the argument '--demo' cannot be used with '--data <FILE>'",
            ));
        }
        Ok(cli)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new store file. Refuses to overwrite an existing one.
    Init(InitArgs),
    /// Print the scorecard.
    Report {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit with code 1 when any renewal row is unmet (the report still prints).
        #[arg(long)]
        check: bool,
        /// Also list what changed since this day and how each row moved: YYYY-MM-DD, or a span
        /// back from the as-of date such as 7d, 2w, 1m.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
    },
    /// Check the store and list every problem and open merge conflict; exit 1 if there is any.
    Validate {
        /// Repair duplicate ids (new ids, nothing else changes) after showing each repair.
        #[arg(long)]
        fix: bool,
    },
    /// Write a realistic synthetic store (same seed, same file), to try the tool at scale.
    /// Refuses to overwrite an existing file.
    Sample {
        #[arg(long, value_name = "N")]
        people: usize,
        #[arg(long, value_name = "M")]
        opportunities: usize,
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
    },
    /// Import a CSV file into the store (added or updated; see --dry-run).
    Import(ImportArgs),
    /// Print a shell completion script: bash, zsh or fish (see the README to enable it).
    Completions {
        #[arg(value_enum, value_name = "SHELL")]
        shell: completions::CompletionShell,
    },
    /// Git's merge driver for the store: merge BASE OURS THEIRS [--path PATH] (see git-setup).
    Merge(merge::MergeArgs),
    /// Keep one side of a merge conflict: resolve N ours|theirs (N as validate lists it, or all).
    Resolve(merge::ResolveArgs),
    /// Register the merge driver in the git work tree holding the store.
    GitSetup,
    /// Bring data in live from a service: `sync ace` (needs a build with `--features ace`).
    Sync(sync::SyncArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_name = "KIND")]
    pub kind: ImportKind,
    /// The CSV file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print what would change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows and list the bad ones (default: any bad row stops the import).
    #[arg(long)]
    pub skip_bad: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The partner's name as AWS knows it.
    #[arg(long, value_name = "NAME")]
    pub partner: String,
    /// The current tier: registered, select, advanced or premier.
    #[arg(long, value_name = "TIER", value_parser = parse_tier)]
    pub tier: Tier,
    /// The tier to work toward (default: the one above the current tier).
    #[arg(long, value_name = "TIER", value_parser = parse_tier)]
    pub target: Option<Tier>,
    /// The day of the last tier review (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub tier_review: NaiveDate,
    /// The APN renewal date (YYYY-MM-DD); its anniversaries reset the renewal window.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub apn_renewal: NaiveDate,
    /// The program edition whose thresholds apply.
    #[arg(long, value_name = "EDITION", default_value = DEFAULT_PROGRAM)]
    pub program: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// A date on the command line or in the environment that is not `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("'{0}' is not a date (expected YYYY-MM-DD, e.g. 2026-04-01)")]
    NotADate(String),
    /// `APN_SCORECARD_TODAY` holds something else.
    #[error("{TODAY_ENV}: {0}")]
    Today(Box<InputError>),
}

/// `YYYY-MM-DD`, and nothing else (so 03/04/2026 cannot be misread).
pub fn parse_date(s: &str) -> Result<NaiveDate, InputError> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .ok_or_else(|| InputError::NotADate(t.to_string()))
}

fn parse_tier(s: &str) -> Result<Tier, crate::domain::ParseError> {
    s.parse()
}

/// Today: `APN_SCORECARD_TODAY` when set (tests), else the local clock.
pub fn today() -> Result<NaiveDate, InputError> {
    match std::env::var(TODAY_ENV) {
        Ok(v) if !v.trim().is_empty() => parse_date(&v).map_err(|e| InputError::Today(Box::new(e))),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// What the binary takes from its surroundings, gathered in one place so `run` stays testable.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub today: NaiveDate,
    /// The value of `APN_SCORECARD_DATA`, if set.
    pub data_env: Option<OsString>,
    /// Colour in text reports: stdout is a terminal and `NO_COLOR` is unset or empty.
    pub color: bool,
    /// The terminal's columns when stdout is one: text reports fit it. `None` for a pipe or file.
    pub width: Option<usize>,
}

impl Inputs {
    pub fn from_env() -> Result<Inputs, InputError> {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Ok(Inputs {
            today: today()?,
            data_env: std::env::var_os(store::ENV_VAR),
            color: io::stdout().is_terminal() && !no_color,
            width: io::stdout()
                .is_terminal()
                .then(|| ratatui::crossterm::terminal::size().ok())
                .flatten()
                .map(|(w, _)| usize::from(w))
                .filter(|w| *w > 0),
        })
    }
}

/// Where the store comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The embedded demo, shifted to today; read-only.
    Demo,
    File(PathBuf),
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::Demo => "demo".into(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// `--demo`, else `--data`, else `APN_SCORECARD_DATA`, else the default path.
pub fn source(cli: &Cli, inputs: &Inputs) -> Result<Source, StoreError> {
    if cli.demo {
        return Ok(Source::Demo);
    }
    store::resolve_path(cli.data.as_deref(), inputs.data_env.clone()).map(Source::File)
}

/// A failure the user can act on: printed as one message, exit code 1, no backtrace.
#[derive(Debug)]
struct UserError(String);

// One `From` per error that a command passes on as it is; anything else gets words of its own.
macro_rules! user_error_from {
    ($($t:ty),* $(,)?) => {$(
        impl From<$t> for UserError {
            fn from(e: $t) -> Self {
                UserError(e.to_string())
            }
        }
    )*};
}
user_error_from!(StoreError, crate::scoring::ScoreError, InputError);

/// Runs the parsed command line. User errors are printed to stderr and give exit code 1.
pub fn run(cli: Cli, inputs: &Inputs) -> color_eyre::Result<ExitCode> {
    let out = match &cli.command {
        None => dashboard(&cli, inputs),
        Some(Command::Init(args)) => init(&cli, inputs, args),
        Some(Command::Report {
            format,
            check,
            since,
        }) => report_cmd(&cli, inputs, *format, *check, since.as_deref()),
        Some(Command::Validate { fix }) => validate::validate(&cli, inputs, *fix),
        Some(Command::Merge(args)) => merge::merge_cmd(args),
        Some(Command::Resolve(args)) => merge::resolve_cmd(&cli, inputs, args),
        Some(Command::GitSetup) => git_setup::git_setup(&cli, inputs),
        Some(Command::Import(args)) => import_cmd(&cli, inputs, args),
        Some(Command::Completions { shell }) => {
            emit(&completions::script(*shell)).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Sync(args)) => sync::run(&cli, inputs, args),
        Some(Command::Sample {
            people,
            opportunities,
            seed,
        }) => sample(&cli, inputs, *people, *opportunities, *seed),
    };
    match out {
        Ok(code) => Ok(code),
        Err(UserError(msg)) => {
            eprintln!("error: {msg}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The store problems `after` has that `before` did not: a change (an import, a sync) must not
/// add any, while problems already in the file are the user's to fix and do not block it.
fn problems_added(before: &Store, after: &Store, program: &Program) -> Vec<String> {
    let old: Vec<String> = store::check(before, program)
        .iter()
        .map(|p| p.to_string())
        .collect();
    store::check(after, program)
        .iter()
        .map(|p| p.to_string())
        .filter(|p| !old.contains(p))
        .collect()
}

/// "1 person", "3 certifications": the import's nouns, so every count reads the same.
fn counted(n: usize, e: import::Entity) -> String {
    format!("{n} {}", e.noun(n))
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a panic.
fn emit(text: &str) -> Result<(), UserError> {
    let mut o = io::stdout().lock();
    match o.write_all(text.as_bytes()).and_then(|()| o.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(UserError(format!("stdout: {e}"))),
        _ => Ok(()),
    }
}

fn program() -> Result<Program, UserError> {
    Program::embedded().map_err(|e| UserError(format!("embedded program data: {e}")))
}

fn init_hint() -> String {
    format!(
        "create one with\n  apn-scorecard init --partner \"Your Company\" --tier select \
         --tier-review YYYY-MM-DD --apn-renewal YYYY-MM-DD\n\
         (add --data FILE or set {} to put it elsewhere), or look around with\n  \
         apn-scorecard --demo report",
        store::ENV_VAR
    )
}

/// Loads the store from its source. A missing file says how to create one.
fn load(src: &Source, today: NaiveDate) -> Result<Store, UserError> {
    match src {
        Source::Demo => {
            assets::demo_store(today).map_err(|e| UserError(format!("embedded demo: {e}")))
        }
        Source::File(p) => store::load(p).map_err(|e| match e {
            StoreError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound => {
                UserError(format!("no store at {}; {}", p.display(), init_hint()))
            }
            other => UserError(other.to_string()),
        }),
    }
}

fn report_cmd(
    cli: &Cli,
    inputs: &Inputs,
    format: Format,
    check: bool,
    since: Option<&str>,
) -> Result<ExitCode, UserError> {
    let src = source(cli, inputs)?;
    let as_of = cli.as_of.unwrap_or(inputs.today);
    // A bad --since is reported before the store is even read.
    let since = since.map(|s| since_date(s, as_of)).transpose()?;
    let store = load(&src, inputs.today)?;
    validate::warn(&src.name(), &store);
    let program = program()?;
    let sc = scoring::evaluate(&store, &program, as_of)
        .map_err(|e| UserError(format!("{}: {e}", src.name())))?;
    let changes = since
        .map(|d| scoring::changes_since(&store, &program, d, as_of))
        .transpose()
        .map_err(|e| UserError(format!("{}: {e}", src.name())))?;
    let mut text = match format {
        Format::Text => {
            let title = program
                .edition(&sc.program)
                .map_or(sc.program.as_str(), |e| e.title.as_str());
            let outlook = report::Agenda::new(&store, &program, &sc);
            report::text_fit(&sc, title, inputs.color, inputs.width)
                + &report::fit_lines(
                    &report::outlook_text(&sc, &outlook, inputs.color),
                    inputs.width,
                )
        }
        Format::Markdown => {
            let outlook = report::Agenda::new(&store, &program, &sc);
            report::markdown(&sc) + &report::outlook_markdown(&sc, &outlook)
        }
        Format::Json => {
            let mut v = report::json(&sc);
            if let Some(c) = &changes {
                v["changes"] = report::changes_json(c);
            }
            let mut s = serde_json::to_string_pretty(&v)
                .map_err(|e| UserError(format!("could not write the JSON report: {e}")))?;
            s.push('\n');
            s
        }
    };
    match (&changes, format) {
        (Some(c), Format::Text) => {
            text.push('\n');
            text.push_str(&report::fit_lines(&report::changes_text(c), inputs.width));
        }
        (Some(c), Format::Markdown) => {
            text.push('\n');
            text.push_str(&report::changes_markdown(c));
        }
        _ => {}
    }
    emit(&text)?;
    let renewal_short = sc.metrics.iter().any(|r| r.scored && !r.renewal.met);
    Ok(if check && renewal_short {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `--since`: a day strictly before the as-of date.
fn since_date(s: &str, as_of: NaiveDate) -> Result<NaiveDate, UserError> {
    let d = crate::domain::dates::parse_since(s, as_of)
        .map_err(|e| UserError(format!("--since: {e}")))?;
    if d >= as_of {
        return Err(UserError(format!(
            "--since: {d} is not before the as-of date {as_of}"
        )));
    }
    Ok(d)
}

fn init(cli: &Cli, inputs: &Inputs, a: &InitArgs) -> Result<ExitCode, UserError> {
    let path = match source(cli, inputs)? {
        Source::Demo => {
            return Err(UserError(
                "--demo never writes; init needs --data FILE (or the default path)".into(),
            ));
        }
        Source::File(p) => p,
    };
    let program = program()?;
    let edition = program.edition(&a.program).ok_or_else(|| {
        UserError(format!(
            "--program: unknown edition '{}' (known: {})",
            a.program,
            program.programs.ids().join(", ")
        ))
    })?;
    let store = Store::new(Profile {
        partner: a.partner.trim().to_string(),
        tier: a.tier,
        target: a.target,
        program: edition.id.clone(),
        last_tier_review: a.tier_review,
        apn_renewal: a.apn_renewal,
        tier_history: Vec::new(),
        settings: Settings::default(),
    });
    let problems = store::check(&store, &program);
    if let Some(p) = problems.first() {
        return Err(UserError(format!("not created: {p}")));
    }
    create(&path, &store)?;
    emit(&format!(
        "Created {} for {} ({}, working toward {}).\nNext: apn-scorecard report\n",
        path.display(),
        store.profile.partner,
        store.profile.tier,
        store.profile.target_tier()
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn sample(
    cli: &Cli,
    inputs: &Inputs,
    people: usize,
    opps: usize,
    seed: u64,
) -> Result<ExitCode, UserError> {
    let Source::File(path) = source(cli, inputs)? else {
        return Err(UserError(
            "--demo never writes; sample needs --data FILE".into(),
        ));
    };
    let store = crate::sample::generate(people, opps, seed, inputs.today);
    create(&path, &store)?;
    let certs: usize = store.people.iter().map(|p| p.certifications.len()).sum();
    emit(&format!(
        "Wrote {}: {}, {}, {} (seed {seed}).\n",
        path.display(),
        counted(store.people.len(), import::Entity::Person),
        counted(certs, import::Entity::Certification),
        counted(store.opportunities.len(), import::Entity::Opportunity)
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn create(path: &Path, store: &Store) -> Result<(), UserError> {
    store::create_new(path, store).map_err(|e| match e {
        StoreError::Exists { .. } => UserError(format!(
            "{} already exists; not overwriting it (use another --data path, or edit the file)",
            path.display()
        )),
        other => UserError(other.to_string()),
    })
}

/// Opens the interactive dashboard. A file store is edited in place (saved at once); the demo
/// stays in memory.
fn dashboard(cli: &Cli, inputs: &Inputs) -> Result<ExitCode, UserError> {
    let src = source(cli, inputs)?;
    let store = load(&src, inputs.today)?;
    let program = program()?;
    let as_of = cli.as_of.unwrap_or(inputs.today);
    let path = match src {
        Source::Demo => None,
        Source::File(p) => Some(p),
    };
    let shown = path.clone();
    crate::tui::launch(store, program, inputs.today, as_of, path).map_err(|e| {
        // Every change was saved when it was made; say where, so nothing feels lost.
        let place = shown.map_or("the demo (nothing to save)".to_string(), |p| {
            p.display().to_string()
        });
        UserError(format!("{e}\nYour data: {place}"))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Imports a CSV file: plan against the store under the writer lock, then one atomic save.
fn import_cmd(cli: &Cli, inputs: &Inputs, a: &ImportArgs) -> Result<ExitCode, UserError> {
    let path = match source(cli, inputs)? {
        Source::Demo => {
            return Err(UserError(
                "--demo never writes; import needs --data FILE".into(),
            ));
        }
        Source::File(p) => p,
    };
    let file = a.file.display();
    let bytes = store::read_capped(&a.file, store::MAX_READ_BYTES)
        .map_err(|e| UserError(format!("{file}: could not read: {e}")))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| UserError(format!("{file}: not UTF-8 text (save it as \"CSV UTF-8\")")))?;
    // A dry run writes nothing, so it needs no lock; a real import holds it until the save is
    // done. No store yet: `load` below says how to make one (and no lock file is left behind).
    let mut lock = if a.dry_run || !path.exists() {
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
    let store = load(&Source::File(path.clone()), inputs.today)?;
    validate::warn(&path.display().to_string(), &store);
    let program = program()?;
    let planned = import::plan_with_progress(
        &store,
        text,
        a.kind,
        &program.catalog,
        inputs.today,
        a.skip_bad,
        &mut import_progress(),
    );
    let plan = planned.map_err(|bad| {
        let rows: Vec<String> = bad.iter().map(|b| format!("  {b}")).collect();
        let hint = if a.skip_bad || bad.iter().any(|b| b.line <= 1) {
            ""
        } else {
            "\n(fix them, or pass --skip-bad to import the good rows)"
        };
        UserError(format!(
            "{file}: nothing imported, {} bad {}:\n{}{hint}",
            bad.len(),
            if bad.len() == 1 { "row" } else { "rows" },
            rows.join("\n")
        ))
    })?;
    let mut after = store.clone();
    import::apply(&mut after, &plan);
    let new_problems = problems_added(&store, &after, &program);
    if !new_problems.is_empty() {
        return Err(UserError(format!(
            "{file}: nothing imported, the store would have problems:\n  {}",
            new_problems.join("\n  ")
        )));
    }
    let head = if a.dry_run {
        format!(
            "Dry run: importing {} from {file} into {} would change:\n",
            a.kind,
            path.display()
        )
    } else {
        format!("Imported {} from {file} into {}:\n", a.kind, path.display())
    };
    let mut out = head + &plan.summary();
    if a.dry_run {
        out.push_str("Nothing written (dry run).\n");
    } else if !plan.ops.is_empty() {
        if let Some(l) = lock.as_mut() {
            l.check()?;
        }
        store::save(&path, &after)?;
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// A one-line "planning the import: 45% (450000 rows)" on stderr for big imports, only when
/// stderr is a terminal (a script or a log gets no carriage-return noise); cleared at the end.
fn import_progress() -> impl FnMut(import::Progress) {
    let on_terminal = io::stderr().is_terminal();
    let mut shown = false;
    move |p| {
        if !on_terminal || (p.rows == 0 && !p.done) {
            return;
        }
        let mut e = io::stderr().lock();
        let _ = if !p.done {
            shown = true;
            let pct = p.bytes.saturating_mul(100) / p.total_bytes.max(1);
            write!(e, "\rplanning the import: {pct}% ({} rows)", p.rows)
        } else if shown {
            write!(e, "\r\x1b[2K")
        } else {
            Ok(())
        };
        let _ = e.flush();
    }
}

mod git_setup;
mod merge;
mod validate;

pub mod sync;

#[cfg(test)]
mod tests;

pub mod completions;
