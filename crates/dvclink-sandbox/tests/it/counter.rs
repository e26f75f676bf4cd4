//! The card counter over HTTP: the CSCA a training kiosk trusts, and a card laid on a vpcd
//! reader and taken away. Here the "reader" is this test, speaking vpcd's socket protocol.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};

use dvclink_sandbox::persona::Persona;
use dvclink_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};

fn exchange(stream: &mut TcpStream, message: &[u8]) -> Vec<u8> {
    let mut frame = u16::try_from(message.len()).unwrap().to_be_bytes().to_vec();
    frame.extend_from_slice(message);
    stream.write_all(&frame).unwrap();
    let mut length = [0u8; 2];
    stream.read_exact(&mut length).unwrap();
    let mut answer = vec![0u8; usize::from(u16::from_be_bytes(length))];
    stream.read_exact(&mut answer).unwrap();
    answer
}

#[tokio::test]
async fn a_card_is_laid_on_a_vpcd_reader_and_taken_away() {
    let config = SandboxConfig { citizens: 50, ..SandboxConfig::default() };
    let sandbox = Sandbox::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap();
    let http = reqwest::Client::new();

    let pem = http.get(sandbox.base_url().join("sandbox/csca").unwrap()).send().await.unwrap().text().await.unwrap();
    let trust = dvclink_card::Trust::from_certificates([pem.as_bytes()]).expect("the CSCA parses");
    assert_eq!(trust.len(), 1);

    let reader = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let address = reader.local_addr().unwrap();
    let cccd = Persona::by_key("mismatch").unwrap().cccd;
    let put = |body: Value| {
        let http = http.clone();
        let url = sandbox.base_url().join("sandbox/reader").unwrap();
        async move {
            let response = http.put(url).json(&body).send().await.unwrap();
            (response.status().as_u16(), response.json::<Value>().await.unwrap())
        }
    };
    let placing = tokio::spawn(put(json!({"reader": address, "cccd": cccd, "fault": "odd_expiry"})));
    let (mut card, _) = tokio::task::spawn_blocking(move || reader.accept().unwrap()).await.unwrap();
    let (status, placed) = placing.await.unwrap();
    assert_eq!(status, 200, "{placed}");
    // The card prints an expiry 15 years after issue, which no rule gives.
    assert!(placed["printed_expiry"].as_str().is_some_and(|d| d.len() == 10), "{placed}");

    let answers = tokio::task::spawn_blocking(move || {
        let atr = exchange(&mut card, &[0x04]);
        let select = exchange(&mut card, &[0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]);
        let unprotected = exchange(&mut card, &[0x00, 0xB0, 0x8D, 0x00, 0x08]);
        (atr, select, unprotected, card)
    })
    .await
    .unwrap();
    assert_eq!(answers.0[..2], [0x3B, 0x8A], "an ATR");
    assert_eq!(answers.1, [0x90, 0x00], "the eMRTD application is there");
    assert_eq!(answers.2, [0x69, 0x82], "DG13 needs secure messaging");

    let (status, taken) = put(json!({"reader": address, "cccd": null})).await;
    assert_eq!((status, taken), (200, json!({"placed": false})));
    let mut card = answers.3;
    let mut rest = Vec::new();
    assert_eq!(card.read_to_end(&mut rest).unwrap(), 0, "the card hung up");

    let (status, _) = put(json!({"reader": "192.0.2.1:35963", "cccd": cccd})).await;
    assert_eq!(status, 400, "only loopback readers");
    let (status, _) = put(json!({"reader": address, "cccd": "079190999999"})).await;
    assert_eq!(status, 404);
    sandbox.stop().await.unwrap();
}
