//! The one seam between reading a card and the hardware: an APDU goes in, the chip's answer
//! comes back. PC/SC implements it for real readers; the sandbox's emulated chip implements it
//! for tests that need no reader at all.

use std::cell::Cell;
use std::rc::Rc;

use dmrtd::com::{TransceiveError, Transceiver};

/// Sends one command APDU to the card and returns its whole response, data and status word.
pub trait Transport {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, LinkError>;
}

/// Why an APDU got no answer. Each is worth a retry once the card is back on the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the card was taken off the reader")]
    Removed,
    #[error("the card did not answer in time")]
    Timeout,
    #[error("the reader failed or was unplugged")]
    Reader,
}

impl<T: Transport + ?Sized> Transport for &mut T {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, LinkError> {
        (**self).transmit(apdu)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, LinkError> {
        (**self).transmit(apdu)
    }
}

/// A transport as dmrtd wants it, remembering why the last APDU failed: dmrtd's errors are
/// words, and the reader must tell "taken away" from "wrong key".
pub(crate) struct Link<T> {
    transport: T,
    failure: Rc<Cell<Option<LinkError>>>,
}

impl<T: Transport> Link<T> {
    pub(crate) fn new(transport: T) -> (Link<T>, Rc<Cell<Option<LinkError>>>) {
        let failure = Rc::new(Cell::new(None));
        (Link { transport, failure: failure.clone() }, failure)
    }
}

impl<T: Transport> Transceiver for Link<T> {
    fn transceive(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransceiveError> {
        self.transport.transmit(apdu).map_err(|error| {
            self.failure.set(Some(error));
            TransceiveError::new(error.to_string())
        })
    }
}
