use clap::Parser;

fn main() {
    // An empty BRIEF_* variable means unset, as it does for most tools.
    for (key, value) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("BRIEF_") && value.is_empty() {
            std::env::remove_var(&key);
        }
    }
    let cli = brief::cli::Cli::parse();
    let code = match brief::run(cli) {
        Ok(code) => code,
        // A reader that stops early (`brief regions | head -1`) is not an error.
        Err(err) if brief::error::is_broken_pipe(&err) => 0,
        Err(err) => {
            brief::say!("{}", brief::error::report(&err));
            brief::error::code(&err)
        }
    };
    std::process::exit(code);
}
