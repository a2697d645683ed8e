from __future__ import annotations

from pathlib import Path

import pytest

from motcua.accounts import demo as accounts_demo
from motcua.plans.importer import ImportReport, plan_import_file

SEED = Path(__file__).resolve().parents[1] / "data" / "ke-hoach-cchc-cam-ranh-2022.txt"
OTHER = Path(__file__).resolve().parent / "data" / "ke-hoach-2023-khac-bo-cuc.txt"


@pytest.fixture
def locality(db: None) -> None:
    """The demo locality: Cam Ranh's agencies, aliases, groups and staff (accounts.demo)."""
    accounts_demo.seed()


@pytest.fixture
def seed_import(locality: None) -> ImportReport:
    return plan_import_file(SEED)
