//! `dvclink-sandbox`: serves the stand-in portal, VNeID and population database until stopped.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use clap::Parser;
use dvclink_sandbox::{Sandbox, SandboxConfig};

/// The stand-in National Public Service Portal and VNeID, for development and tests.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Address to listen on. Keep the loopback address unless you know why not.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    host: IpAddr,
    /// Directory where account changes are kept across restarts.
    #[arg(long)]
    data: Option<PathBuf>,
    /// Seed of the generated population and dossiers.
    #[arg(long, default_value_t = SandboxConfig::default().seed)]
    seed: u64,
    /// Number of generated citizens besides the demo personas.
    #[arg(long, default_value_t = 10_000)]
    citizens: usize,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let config =
        SandboxConfig { seed: args.seed, citizens: args.citizens, data_dir: args.data, ..SandboxConfig::default() };
    let sandbox = Sandbox::start(config, SocketAddr::new(args.host, args.port)).await?;
    let base = sandbox.base_url();
    #[allow(clippy::print_stdout, reason = "telling the user where to go is this binary's job")]
    {
        println!("dvclink sandbox is serving at {base}");
        println!("  portal API:        {}", sandbox.portal_url());
        println!("  VNeID discovery:   {}/.well-known/openid-configuration", sandbox.issuer());
        println!("  text messages:     {base}sandbox/sms");
        println!("  demo personas:     {base}sandbox/personas");
        println!("Press Ctrl+C to stop.");
    }
    tokio::select! {
        result = sandbox.wait() => result,
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}
