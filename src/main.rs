use clap::Parser;

fn main() {
    // An empty BRIEF_* variable means unset, as it does for most tools.
    for (key, value) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("BRIEF_") && value.is_empty() {
            std::env::remove_var(&key);
        }
    }
    let cli = brief::cli::Cli::parse();
    let result = brief::run(cli);
    std::process::exit(brief::error::finish(&result));
}
