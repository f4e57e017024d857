"""Schemathesis hooks for the rules of Likeness's requests that no JSON Schema can say: a grant's
(and a consent offer's) validUntil is not before its validFrom (which defaults to the day of
recording), a consent offer's respondBy is not before today, and a use register's (or a
performer's uses ledger's, statement's or a production's payables') window does not end before it
starts (until defaults to today, since to a window's length before until; for a statement or
payables both default to the current calendar month). Generated dates are put in order (a
respondBy in the past moves to 9999-12-31), so that schema-valid requests are accepted; a request
whose dates are not days is left as generated. And in the stateful phase, a role created in a
production just created names a performer that exists (a random one is a 404 for the performer,
which the phase would take for the production's). An invitation in a capacity that cannot apply to
its performer (self for a deceased performer, guardian for an adult, estate for a living one: a
422 no schema can foresee) is made an agent's, which applies to every performer; the performer is
read with the admin key api-fuzz exports (LIKENESS_FUZZ_URL, LIKENESS_FUZZ_KEY)."""
import datetime
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request

import schemathesis
from schemathesis.generation.meta import TestPhase

DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@schemathesis.hook("before_call")
def grant_dates_in_order(context, case, kwargs):
    if case.operation.method.upper() != "POST" or case.operation.path not in ("/v1/grants", "/v1/consent-offers"):
        return
    if not isinstance(case.body, dict):
        return
    respond_by = case.body.get("respondBy")
    if isinstance(respond_by, str) and DAY.match(respond_by) and respond_by < datetime.datetime.now(datetime.timezone.utc).date().isoformat():
        case.body["respondBy"] = "9999-12-31"
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
    if case.operation.method.upper() != "GET" or not case.operation.path.endswith(("/uses", "/statement", "/payables")) \
            or not isinstance(case.query, dict):
        return
    since, until = case.query.get("since"), case.query.get("until")
    if since is None and isinstance(until, str) and DAY.match(until) and case.operation.path.endswith(("/statement", "/payables")):
        # A statement's window starts on the first of the current month by default, whatever its end.
        case.query["since"] = "0001-01-01"
        return
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


def performer_record(performer):
    """The performer as GET /v1/performers/{id} answers it; None when it is not one (a 404 anyway)."""
    url = os.environ["LIKENESS_FUZZ_URL"] + "/v1/performers/" + urllib.parse.quote(str(performer), safe="")
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + os.environ["LIKENESS_FUZZ_KEY"]})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.load(answer)
    except (urllib.error.URLError, ValueError):
        return None


@schemathesis.hook("before_call")
def invitations_in_a_capacity_that_applies(context, case, kwargs):
    if case.operation.method.upper() != "POST" or case.operation.path != "/v1/performers/{id}/invitations":
        return
    if not isinstance(case.body, dict) or case.body.get("capacity") not in ("self", "guardian", "estate"):
        return
    performer = performer_record((case.path_parameters or {}).get("id"))
    if performer is None:
        return
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    minor = today < performer.get("minorUntil", "0000")
    deceased = performer.get("deceasedOn", "9999-99") <= today
    if not {"self": not deceased, "guardian": minor, "estate": deceased}[case.body["capacity"]]:
        case.body["capacity"] = "agent"
