//! Test support for `tests/it/e2e_tmux.rs`, not a product feature: takes the terminal over the way
//! the cockpit does (raw mode, alternate screen, hidden cursor, mouse capture), then panics, so
//! the test can check, in a real terminal, that the panic hook gives the terminal back before the
//! panic message is printed.

use std::time::Duration;

use wheelhouse::tui::terminal::TerminalGuard;

fn main() {
    let _guard = TerminalGuard::enter(true).expect("a terminal");
    print!("in the cockpit's terminal mode");
    // long enough for the test to see the alternate screen
    std::thread::sleep(Duration::from_millis(500));
    panic!("deliberate panic (tui_panic example)");
}
