"""likeness-client: ask Likeness before generating, carry the check in the media's C2PA manifest,
verify it.

    from likeness_client import Client
    client = Client("https://likeness.example", api_key=KEY)
    with client.gate(production="prod-nova", use="generation", destination="temporary", tool="t-vault") as check:
        image = pipe(prompt)
"""

from ._version import __version__
from .client import Client
from .embed import embed, signer_from_files
from .errors import (
    BadRequest,
    Conflict,
    ConnectionFailed,
    Denied,
    Forbidden,
    Invalid,
    LikenessError,
    NeedsApproval,
    NotFound,
    ProtocolError,
    ServerError,
    TooLarge,
    TooManyRequests,
    Unauthorized,
    VerificationError,
)
from .models import (
    JWK,
    JWKS,
    ApprovalRequest,
    Assertion,
    AttestedUse,
    BatchItemError,
    C2PAFragment,
    Check,
    CheckedUse,
    ConsentAssertion,
    ErrorDetail,
    Reason,
    StatusRef,
    ToolRef,
    UsageLine,
    UsageReport,
    WhatIf,
)
from .verify import verify

__all__ = [
    "JWK",
    "JWKS",
    "ApprovalRequest",
    "Assertion",
    "AttestedUse",
    "BadRequest",
    "BatchItemError",
    "C2PAFragment",
    "Check",
    "CheckedUse",
    "Client",
    "Conflict",
    "ConnectionFailed",
    "ConsentAssertion",
    "Denied",
    "ErrorDetail",
    "Forbidden",
    "Invalid",
    "LikenessError",
    "NeedsApproval",
    "NotFound",
    "ProtocolError",
    "Reason",
    "ServerError",
    "StatusRef",
    "TooLarge",
    "TooManyRequests",
    "ToolRef",
    "Unauthorized",
    "UsageLine",
    "UsageReport",
    "VerificationError",
    "WhatIf",
    "__version__",
    "embed",
    "signer_from_files",
    "verify",
]
