//! What a state machine says when an event makes no sense in its current step: a double click,
//! a late network answer, a stray callback. The state is left exactly as it was.

/// An event that the current step does not take; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{event} is not expected while {step}")]
pub struct Refusal {
    pub step: &'static str,
    pub event: &'static str,
}

/// Puts the outcome of a transition in place: the new step with its effect, or, on refusal, the
/// old step given back unchanged.
pub(crate) fn settle<S, X>(slot: &mut S, outcome: Result<(S, X), S>, refusal: Refusal) -> Result<X, Refusal> {
    match outcome {
        Ok((step, effect)) => {
            *slot = step;
            Ok(effect)
        }
        Err(step) => {
            *slot = step;
            Err(refusal)
        }
    }
}
