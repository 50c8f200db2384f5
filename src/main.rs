fn main() -> std::process::ExitCode {
    wheelhouse::cli::run()
}
