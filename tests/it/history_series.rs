//! A metric's series completed from git: `wh history metric` on a repository scripted with gix
//! where `wheelhouse.toml` keeps only the latest sample, edited in place.

use crate::support;
use crate::support::git as git_support;

use git_support::Repo;
use support::{stderr, stdout, wh};

fn root(samples: &[(&str, u32)]) -> String {
    let samples: Vec<String> = samples
        .iter()
        .map(|(d, v)| format!("{{ date = {d}, value = {v} }}"))
        .collect();
    format!(
        "[workspace]\nname = \"Series Co\"\nformat = 1\n\n[metric.active]\nname = \"Active\"\n\
         kind = \"north-star\"\nunit = \"users\"\nsamples = [ {} ]\n",
        samples.join(", ")
    )
}

fn scripted() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let mut r = Repo::new(tmp.path());
    r.commit(
        "2024-01-01",
        &[("wheelhouse.toml", root(&[("2024-01-01", 10)]))],
        &[],
    );
    r.commit(
        "2024-02-01",
        &[("wheelhouse.toml", root(&[("2024-02-01", 12)]))],
        &[],
    );
    // a commit that leaves the file alone
    r.commit(
        "2024-02-15",
        &[("maps/x.toml", "[map]\ntitle = \"X\"\n".to_string())],
        &[],
    );
    r.commit(
        "2024-03-01",
        &[(
            "wheelhouse.toml",
            root(&[("2024-02-01", 12), ("2024-03-01", 15)]),
        )],
        &[],
    );
    tmp
}

#[test]
fn the_series_is_completed_from_earlier_commits_and_marked() {
    let tmp = scripted();
    let o = wh(tmp.path(), &["history", "metric", "active", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let samples = v[0]["samples"].as_array().unwrap();
    let dates: Vec<&str> = samples
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2024-01-01", "2024-02-01", "2024-03-01"]);
    let values: Vec<f64> = samples
        .iter()
        .map(|s| s["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [10.0, 12.0, 15.0]);
    // only the one the file no longer holds is from git, with its commit
    assert!(samples[0]["from_git"]
        .as_str()
        .is_some_and(|c| c.len() == 7));
    assert!(samples[1].get("from_git").is_none());
    assert!(samples[2].get("from_git").is_none());
    let text = stdout(&wh(tmp.path(), &["history", "metric"]));
    assert!(
        text.starts_with("metric active: 3 samples, 1 from git"),
        "{text}"
    );
    assert!(text.contains("(git "), "{text}");
}

#[test]
fn an_unknown_metric_is_refused_and_outside_git_there_is_no_history() {
    let tmp = scripted();
    let o = wh(tmp.path(), &["history", "metric", "nope"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no metric `nope`"), "{}", stderr(&o));
    let bare = tempfile::tempdir().unwrap();
    std::fs::write(
        bare.path().join("wheelhouse.toml"),
        root(&[("2024-01-01", 1)]),
    )
    .unwrap();
    let o = wh(bare.path(), &["history", "metric"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("no history:"), "{}", stdout(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn the_flywheel_shows_the_samples_git_remembers() {
    // the Flywheel asks for the series once; the loop's reader thread is played here
    let tmp = scripted();
    let ws = wheelhouse::workspace::Workspace::open(tmp.path()).unwrap();
    let mut app = wheelhouse::tui::app::App::new(
        ws,
        wheelhouse::tui::theme::Theme::default(),
        wheelhouse::tui::keymap::Keymap::default_keymap(),
    );
    app.update(wheelhouse::tui::action::Action::GoTab(
        wheelhouse::tui::tab::Tab::Flywheel,
    ));
    let requests = app.take_history_requests();
    assert!(
        requests.contains(&wheelhouse::tui::git_history::HistoryRequest::MetricSeries),
        "{requests:?}"
    );
    for r in &requests {
        let a = wheelhouse::tui::git_history::answer(tmp.path(), None, r);
        app.history_arrived(r, &a);
    }
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| {
        let area = f.area();
        app.render(area, f.buffer_mut())
    })
    .unwrap();
    let screen: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("1 from git: 2024-01-01 10"), "{screen}");
}
