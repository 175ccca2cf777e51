//! Adding and withdrawing signers in the roster files, safely.

pub mod edit;
pub mod emit;
pub mod shape;
mod text;
