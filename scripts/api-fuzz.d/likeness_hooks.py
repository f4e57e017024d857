"""Schemathesis hooks for the rules of Likeness's requests that no JSON Schema can say: a grant's
validUntil is not before its validFrom (which defaults to the day of recording), and a use
register's window does not end before it starts (until defaults to today). Generated dates are put
in order, so that schema-valid requests are accepted; a request whose dates are not days is left
as generated. And in the stateful phase, a role created in a production just created names a
performer that exists (a random one is a 404 for the performer, which the phase would take for
the production's)."""
import re

import schemathesis
from schemathesis.generation.meta import TestPhase

DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@schemathesis.hook("before_call")
def grant_dates_in_order(context, case, kwargs):
    if case.operation.method.upper() != "POST" or case.operation.path != "/v1/grants" or not isinstance(case.body, dict):
        return
    until = case.body.get("validUntil")
    if not (isinstance(until, str) and DAY.match(until)):
        return
    start = case.body.get("validFrom")
    if start is None:
        # Recorded today: a validUntil in the past is out of range; far ahead is not.
        case.body["validFrom"] = "0001-01-01"
    elif isinstance(start, str) and DAY.match(start) and until < start:
        case.body["validFrom"], case.body["validUntil"] = until, start


@schemathesis.hook("before_call")
def register_window_in_order(context, case, kwargs):
    if case.operation.method.upper() != "GET" or not case.operation.path.endswith("/uses") or not isinstance(case.query, dict):
        return
    since, until = case.query.get("since"), case.query.get("until")
    if not (isinstance(since, str) and DAY.match(since)):
        return
    if until is None:
        case.query["until"] = "9999-12-31"
    elif isinstance(until, str) and DAY.match(until) and until < since:
        case.query["since"], case.query["until"] = until, since


@schemathesis.hook("before_call")
def stateful_roles_name_a_performer(context, case, kwargs):
    if case.operation.method.upper() != "POST" or case.operation.path != "/v1/productions/{id}/roles":
        return
    if case.meta is not None and case.meta.phase.name == TestPhase.STATEFUL and isinstance(case.body, dict):
        case.body["performer"] = "p-lena"  # a performer of fixtures/demo.json
