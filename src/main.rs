fn main() {
    std::process::exit(retcode::cli::main());
}
