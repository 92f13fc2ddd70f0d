use clap::Parser;

fn main() {
    let cli = brief::cli::Cli::parse();
    let code = match brief::run(cli) {
        Ok(code) => code,
        // A reader that stops early (`brief … -o - | head`) is not an error.
        Err(err)
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            0
        }
        Err(err) => {
            eprintln!("{}", brief::report(&err));
            1
        }
    };
    std::process::exit(code);
}
