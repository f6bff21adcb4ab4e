//! `sim-browser URL`: the browser step of the demo, for the simulator. It opens the authorize
//! URL (the simulator consents at once), follows Google's redirect to the loopback listener of
//! `paypulse connect-gmail`, and prints the page it got. Use it as `BROWSER=sim-browser`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(url) = std::env::args().nth(1) else {
        eprintln!("usage: sim-browser URL");
        return ExitCode::from(2);
    };
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("sim-browser: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(browse(&url)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sim-browser: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn browse(url: &str) -> Result<(), String> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())?;
    let consent = client.get(url).send().await.map_err(|e| e.to_string())?;
    let location = consent
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| {
            format!(
                "the authorize endpoint answered {} without a redirect",
                consent.status()
            )
        })?;
    let page = client
        .get(&location)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    eprintln!(
        "sim-browser: consented; the loopback answered {}",
        page.status()
    );
    Ok(())
}
