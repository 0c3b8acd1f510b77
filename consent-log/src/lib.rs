//! The consent-log server and store (work in progress).
