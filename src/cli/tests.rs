//! Unit tests of the command-line definitions.
use super::*;

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_args(std::iter::once("apn-scorecard").chain(args.iter().copied()))
}

#[test]
fn clap_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn global_options_go_before_or_after_the_command() {
    let a = parse(&["--as-of", "2026-06-30", "report"]).expect("before");
    let b = parse(&["report", "--as-of", "2026-06-30"]).expect("after");
    assert_eq!(a.as_of, b.as_of);
    assert_eq!(a.as_of, "2026-06-30".parse().ok());
    assert!(parse(&["validate", "--demo"]).expect("demo after").demo);
}

#[test]
fn data_conflicts_with_demo_wherever_they_stand() {
    for args in [
        &["--demo", "--data", "x.ron", "report"][..],
        &["--demo", "report", "--data", "x.ron"],
        &["--data", "x.ron", "report", "--demo"],
        &["report", "--data", "x.ron", "--demo"],
    ] {
        let e = parse(args).expect_err("conflict");
        assert_eq!(
            e.kind(),
            clap::error::ErrorKind::ArgumentConflict,
            "{args:?}"
        );
    }
}

#[test]
fn dates_are_strict() {
    assert!(parse_date("2026-02-28").is_ok());
    for bad in ["2026-02-30", "02/28/2026", "2026-2-8", "tomorrow", ""] {
        let e = parse_date(bad).expect_err(bad);
        assert_eq!(e, InputError::NotADate(bad.trim().to_string()));
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    }
}

#[test]
fn import_takes_a_kind_and_a_file() {
    match parse(&["import", "csat", "r.csv", "--dry-run"])
        .expect("import")
        .command
    {
        Some(Command::Import(a)) => {
            assert_eq!(a.kind, ImportKind::Csat);
            assert_eq!(a.file, PathBuf::from("r.csv"));
            assert!(a.dry_run && !a.skip_bad);
        }
        other => panic!("{other:?}"),
    }
    assert!(parse(&["import", "people", "r.csv"]).is_err());
}

#[test]
fn report_format_defaults_to_text() {
    match parse(&["report"]).expect("report").command {
        Some(Command::Report {
            format,
            check,
            since,
        }) => {
            assert_eq!(format, Format::Text);
            assert!(!check);
            assert_eq!(since, None);
        }
        other => panic!("{other:?}"),
    }
}
