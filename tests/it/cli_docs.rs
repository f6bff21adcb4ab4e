//! `completions/` and `man/` are generated from the clap definition and committed; these tests
//! fail when they drift. Regenerate with `scripts/gen-docs`.

use crate::common;

use std::path::Path;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "paypulse.bash"),
    ("zsh", "_paypulse"),
    ("fish", "paypulse.fish"),
    ("powershell", "_paypulse.ps1"),
    ("elvish", "paypulse.elv"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn completions_match_the_clap_definition() {
    let w = common::World::new();
    for (shell, file) in SHELLS {
        let out = w.cmd().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let committed = std::fs::read(root().join("completions").join(file))
            .unwrap_or_else(|_| panic!("completions/{file} is missing: run scripts/gen-docs"));
        assert!(
            out.stdout == committed,
            "completions/{file} drifted from the CLI: run scripts/gen-docs"
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("refresh"),
            "{shell} completes subcommands"
        );
    }
}

#[test]
fn man_pages_match_the_clap_definition() {
    let w = common::World::new();
    let dir = w.tmp.path().join("man");
    w.cmd().arg("man").arg(&dir).assert().success();
    let mut generated: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    generated.sort();
    let mut committed: Vec<_> = std::fs::read_dir(root().join("man"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    committed.sort();
    assert_eq!(
        generated, committed,
        "man/ has other pages than the CLI: run scripts/gen-docs"
    );
    for name in &generated {
        let a = std::fs::read(dir.join(name)).unwrap();
        let b = std::fs::read(root().join("man").join(name)).unwrap();
        assert!(
            a == b,
            "man/{} drifted from the CLI: run scripts/gen-docs",
            name.to_string_lossy()
        );
    }
    assert!(generated.iter().any(|n| n == "paypulse-tokens-refresh.1"));
}

/// The variables paypulse defines, as src/env_vars.rs lists them (the `ours { ... }` block).
fn listed_variables() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("src/env_vars.rs")).unwrap();
    let block = text
        .split_once("env_vars! {")
        .and_then(|(_, rest)| rest.split_once("ours {"))
        .and_then(|(_, rest)| rest.split_once('}'))
        .map(|(block, _)| block)
        .expect("src/env_vars.rs has an `ours { ... }` block");
    block
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_suffix(','))
        .filter(|l| l.starts_with("PAYPULSE_"))
        .map(str::to_owned)
        .collect()
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `PAYPULSE_*` variable is listed in src/env_vars.rs and named in the man pages (as an
/// option's variable, or in the environment section), so a setting cannot hide from users.
#[test]
fn every_listed_variable_is_in_the_man_pages() {
    let listed = listed_variables();
    assert!(listed.len() > 10, "found the variables: {listed:?}");
    let mut man = String::new();
    for e in std::fs::read_dir(root().join("man")).unwrap().flatten() {
        man.push_str(
            &std::fs::read_to_string(e.path())
                .unwrap()
                .replace("\\_", "_"),
        );
    }
    let missing: Vec<_> = listed
        .iter()
        .filter(|v| !man.contains(v.as_str()))
        .collect();
    assert!(missing.is_empty(), "not in man/: {missing:?}");
}

/// No code reads a `PAYPULSE_*` variable by a name of its own: only through `EnvVars`.
#[test]
fn the_code_reads_variables_only_by_their_listed_names() {
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    sources(&root().join("crates"), &mut files);
    let mut by_hand = Vec::new();
    for f in files.iter().filter(|f| !f.ends_with("src/env_vars.rs")) {
        let text = std::fs::read_to_string(f).unwrap();
        for (i, _) in text.match_indices("\"PAYPULSE_") {
            // What is read as a variable: `env = "..."`, `env("...")`, `var("...")`.
            let before = text[..i].trim_end();
            if ["env =", "env(", "var(", "var_os("]
                .iter()
                .any(|p| before.ends_with(p))
                && !text[i..].starts_with("\"PAYPULSE_TEST")
            {
                let line = text[..i].matches('\n').count() + 1;
                by_hand.push(format!("{}:{line}", f.display()));
            }
        }
    }
    assert!(
        by_hand.is_empty(),
        "read by a literal name instead of EnvVars: {by_hand:?}"
    );
}
