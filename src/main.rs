use clap::Parser;

fn main() {
    let cli = brief::cli::Cli::parse();
    let code = match brief::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{}", brief::report(&err));
            1
        }
    };
    std::process::exit(code);
}
