"""gate(): the check when allowed or notify; NeedsApproval or Denied otherwise; a context manager."""

from __future__ import annotations

import pytest
from harness import ALLOWED, DENIED, NEEDS_APPROVAL, NOTIFY

from likeness_client import ApprovalRequest, Check, Client, Denied, LikenessError, NeedsApproval


@pytest.mark.parametrize(("use", "decision"), [(ALLOWED, "allowed"), (NOTIFY, "notify")])
def test_gate_returns_the_stored_check(client: Client, use: dict[str, object], decision: str) -> None:
    check = client.gate(**use)
    assert isinstance(check, Check) and check.decision == decision
    assert client.get_check(check.id) == check


def test_gate_raises_needs_approval_with_the_check_and_its_uncovered_requirements(client: Client) -> None:
    with pytest.raises(NeedsApproval) as raised:
        client.gate(**NEEDS_APPROVAL)
    needs = raised.value
    assert isinstance(needs, LikenessError) and needs.code == "needs-approval"
    assert needs.check.decision == "needs-approval" and client.get_check(needs.check.id) == needs.check
    # talent-likeness arose too, but ap-nova covers it: only the uncovered one is asked for.
    assert needs.requirements == ["final-deliverable"]
    assert set(needs.check.requirements) == {"talent-likeness", "final-deliverable"}
    request = needs.request("The hero shot of episode 4 needs her face in the final cut")
    assert isinstance(request, ApprovalRequest)
    assert request.check == needs.check.id and request.state == "open"
    assert request.requirements == needs.requirements


def test_gate_raises_denied_with_the_reasons(client: Client) -> None:
    with pytest.raises(Denied) as raised:
        client.gate(**DENIED)
    denied = raised.value
    assert denied.code == "denied" and denied.check.decision == "denied"
    assert denied.reasons == denied.check.reasons and denied.reasons
    assert any(r.code == "consent.revoked" and r.grant for r in denied.reasons)


def test_gate_as_a_context_manager_around_the_generation_step(client: Client) -> None:
    generated: list[str] = []
    with client.gate(**ALLOWED) as check:
        generated.append(check.id)
    assert len(generated) == 1
    for use, refusal in ((NEEDS_APPROVAL, NeedsApproval), (DENIED, Denied)):
        with pytest.raises(refusal), client.gate(**use):
            generated.append("never")
    assert len(generated) == 1


def test_gate_passes_errors_through(client: Client) -> None:
    with pytest.raises(LikenessError) as error:
        client.gate(**dict(NOTIFY, production="prod-nowhere"))
    assert error.value.status == 404
