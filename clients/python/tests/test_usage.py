"""Reporting what a pipeline used under a check (compensation.md) through the Client: the lines
in minor units, a correction that negates them, the check's reports, and the errors' fields."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from harness import ALLOWED, DENIED, Server

from likeness_client import Client, Conflict, Invalid, UsageLine, UsageReport


@pytest.fixture(scope="module")
def paid(server: Server) -> dict[str, str]:
    """A performer of the tests' own whose consent pays USD 1,500.00 per minute of use, plus 21%."""
    until = (datetime.date.today() + datetime.timedelta(days=365)).isoformat()
    server.casting("POST", "/v1/performers", {"id": "p-paid", "name": "Paid Performer"})
    grant = server.casting(
        "POST",
        "/v1/grants",
        {
            "performer": "p-paid",
            "production": "prod-nova",
            "uses": ["replica"],
            "aspects": ["face"],
            "destinations": ["temporary"],
            "territories": ["*"],
            "validUntil": until,
            "signedBy": "performer",
            "description": "Face replica paid per minute of use",
            "fee": {"amount": 150000, "currency": "USD", "per": "minute", "pensionHealthPercent": 21},
        },
    )
    return {**ALLOWED, "performer": "p-paid", "grant": grant["id"]}


def test_a_report_owes_the_fee_per_minute_rounded_up_and_a_correction_negates_it(
    client: Client, paid: dict[str, str]
) -> None:
    use = {k: v for k, v in paid.items() if k != "grant"}
    check = client.check(**use)
    assert check.decision == "allowed" and paid["grant"] in check.grants
    report = client.report_usage(check.id, "2026-11-20", minutes=Decimal("2.25"), note="Shot 42, two takes")
    assert isinstance(report, UsageReport) and report.id.startswith("use-") and report.check == check.id
    assert report.minutes == 2.25 and report.note == "Shot 42, two takes" and report.delivered_on == "2026-11-20"
    line = next(line for line in report.lines if line.grant == paid["grant"])
    assert isinstance(line, UsageLine)
    assert (line.basis, line.quantity, line.amount, line.pension_health, line.currency) == (
        "minute",
        3,
        450000,
        94500,
        "USD",
    )
    correction = client.report_usage(check.id, corrects=report.id, minutes=-2.25)
    assert correction.corrects == report.id and correction.delivered_on == "2026-11-20"
    assert [(x.quantity, x.amount, x.pension_health) for x in correction.lines] == [
        (-x.quantity, -x.amount, -x.pension_health) for x in report.lines
    ]
    assert [r.id for r in client.usage(check.id)] == [report.id, correction.id]
    with pytest.raises(Conflict) as again:
        client.report_usage(check.id, corrects=report.id)
    assert again.value.code == "already-corrected" and again.value.field == "corrects"


def test_a_report_names_what_is_missing_or_not_reportable(client: Client, paid: dict[str, str]) -> None:
    use = {k: v for k, v in paid.items() if k != "grant"}
    check = client.check(**use)
    with pytest.raises(Invalid) as missing:
        client.report_usage(check.id, "2026-11-20")
    assert missing.value.field == "minutes"
    with pytest.raises(Invalid) as day:
        client.report_usage(check.id, "2026-11-31", minutes=1)
    assert day.value.field == "deliveredOn"
    with pytest.raises(Conflict) as denied:
        client.report_usage(client.check(**DENIED).id, "2026-11-20")
    assert denied.value.code == "not-reportable"
