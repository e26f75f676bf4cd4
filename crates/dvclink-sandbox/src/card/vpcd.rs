//! A card laid on vpcd, the virtual reader of Debian's `vsmartcard-vpcd`: pcscd loads vpcd as
//! a reader driver, vpcd waits on a TCP port, and a card is whoever connects. Each message is
//! a two-byte length and its bytes; a one-byte message is power off, on, reset or "ATR?", any
//! other is an APDU that wants its answer. Closing the connection takes the card away.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::chip::Chip;

/// A card on a virtual reader until [`VirtualCard::remove`] or drop.
pub struct VirtualCard {
    stream: TcpStream,
    thread: Option<JoinHandle<()>>,
    /// Every APDU the card answered, counted; the tests wait on reads with it.
    answered: Arc<Mutex<usize>>,
}

impl std::fmt::Debug for VirtualCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VirtualCard").finish_non_exhaustive()
    }
}

impl VirtualCard {
    /// Lays `chip` on the vpcd reader listening at `reader`.
    pub fn insert(reader: SocketAddr, mut chip: Chip) -> std::io::Result<VirtualCard> {
        let stream = TcpStream::connect(reader)?;
        stream.set_nodelay(true)?;
        let mut serving = stream.try_clone()?;
        let answered = Arc::new(Mutex::new(0));
        let counter = answered.clone();
        let thread = std::thread::Builder::new().name("vpcd-card".into()).spawn(move || {
            while let Ok(message) = receive(&mut serving) {
                match message.as_slice() {
                    [0x00] | [0x01] | [0x02] => chip.reset(),
                    [0x04] => {
                        if send(&mut serving, &atr()).is_err() {
                            break;
                        }
                    }
                    apdu => {
                        let answer = chip.respond(apdu);
                        if let Ok(mut count) = counter.lock() {
                            *count += 1;
                        }
                        if send(&mut serving, &answer).is_err() {
                            break;
                        }
                    }
                }
            }
        })?;
        Ok(VirtualCard { stream, thread: Some(thread), answered })
    }

    /// How many APDUs the card has answered.
    pub fn answered(&self) -> usize {
        self.answered.lock().map(|count| *count).unwrap_or(0)
    }

    /// Takes the card off the reader.
    pub fn remove(mut self) {
        self.stop();
    }

    /// Hangs up. The serving thread ends on its own as its read fails; it is not waited for,
    /// because on some systems (Wine) a read blocked on a duplicated socket wakes only later.
    fn stop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
        self.thread.take();
    }
}

impl Drop for VirtualCard {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A contactless T=1 ATR with the historical bytes of an ICAO card, and its check byte.
fn atr() -> Vec<u8> {
    let mut atr = vec![0x3B, 0x8A, 0x80, 0x01, 0x00, 0x31, 0xC1, 0x73, 0xC8, 0x40, 0x00, 0x00, 0x90, 0x00];
    let check = atr[1..].iter().fold(0u8, |acc, b| acc ^ b);
    atr.push(check);
    atr
}

fn receive(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut length = [0u8; 2];
    stream.read_exact(&mut length)?;
    quick_ack(stream);
    let mut message = vec![0u8; usize::from(u16::from_be_bytes(length))];
    stream.read_exact(&mut message)?;
    quick_ack(stream);
    Ok(message)
}

/// vpcd writes a message's length and its bytes in two sends without TCP_NODELAY, so its second
/// send waits for the first to be acknowledged; a delayed acknowledgement here would add 40 ms
/// to every APDU. Linux turns quick acknowledgement off again after a while, so it is asked for
/// at every read.
fn quick_ack(stream: &TcpStream) {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = socket2::SockRef::from(stream).set_tcp_quickack(true);
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let _ = stream;
}

fn send(stream: &mut TcpStream, message: &[u8]) -> std::io::Result<()> {
    let length = u16::try_from(message.len()).map_err(|_| std::io::Error::other("message too long"))?;
    let mut frame = length.to_be_bytes().to_vec();
    frame.extend_from_slice(message);
    stream.write_all(&frame)
}
