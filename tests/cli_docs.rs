//! `completions/` and `man/` are generated from the clap definition and committed; these tests
//! fail when they drift. Regenerate with `scripts/gen-docs`.

mod common;

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
