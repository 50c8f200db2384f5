// The loader allocates many small strings on two threads at once; glibc's malloc spent
// 15-25% of `wh adr list` over 10,000 records growing per-thread heaps (perf profile).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    wheelhouse::cli::run()
}
