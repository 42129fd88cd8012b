"""The agreements tests use the pipeline tests' fixtures (two partners, the office, the isolation matrix)."""

from tests.pipeline.conftest import (  # noqa: F401
    MATRIX_ROLES,
    agreement_a,
    make_pdf,
    matrix_client,
    obligation_a,
    office_org,
    other_officer,
    partner_a,
    partner_a_user,
    partner_b,
    partner_b_user,
    referral_a,
)
