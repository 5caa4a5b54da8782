//! OnPrem as the sandbox imitates it. Not written yet: every request is answered 404.

use super::server::{Context, Incoming, authorized};
use super::{Answer, errors};
use crate::Provider;

const PROVIDER: Provider = Provider::OnPrem;

pub(crate) fn handle(request: &Incoming, _context: &Context) -> Answer {
    if !authorized(PROVIDER, request) {
        return errors::unauthorized(PROVIDER);
    }
    errors::not_found(PROVIDER, &request.path)
}
