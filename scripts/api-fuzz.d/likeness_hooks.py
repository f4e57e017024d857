"""Schemathesis hooks for the one rule of Likeness's request bodies that no JSON Schema can say:
a grant's validUntil is not before its validFrom (which defaults to the day of recording). Every
generated grant keeps its dates, put in order, so that schema-valid grants are accepted; a body
whose dates are not both days is left as generated."""
import re

import schemathesis

DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@schemathesis.hook
def before_call(context, case, kwargs):
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
