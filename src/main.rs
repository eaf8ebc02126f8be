use apn_scorecard::cli::{self, Cli, Inputs};
use std::process::ExitCode;

fn main() -> color_eyre::Result<ExitCode> {
    // Before any write: past `ulimit -f` a save must fail like a full disk, not kill us.
    apn_scorecard::signals::ignore_file_size_signal();
    color_eyre::install()?;
    let cli = Cli::try_parse_args(std::env::args_os()).unwrap_or_else(|e| e.exit());
    let inputs = match Inputs::from_env() {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    cli::run(cli, &inputs)
}
