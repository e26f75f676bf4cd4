//! The sandbox on its own: the generated population, and the protocol rules of the stand-in
//! provider and portal that the app's client never breaks and so cannot test.

mod counter;
mod population;
mod protocol;
