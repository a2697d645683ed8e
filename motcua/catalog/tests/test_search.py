"""Search ignores accents, case and the old/new tone placement: fold(name) finds the procedure."""

from __future__ import annotations

import unicodedata

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.catalog.models import Procedure
from motcua.catalog.selectors import procedure_search
from motcua.catalog.tests.factories import FieldFactory, ProcedureFactory
from motcua.core.text import fold

pytestmark = pytest.mark.django_db

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
words = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper(), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name_words=st.lists(words, min_size=1, max_size=5), style=st.sampled_from(["NFC", "NFD"]))
def test_searching_the_folded_name_finds_the_procedure(name_words: list[str], style: str) -> None:
    name = unicodedata.normalize(style, " ".join(name_words))
    procedure = ProcedureFactory(name=name, field=FieldFactory(code="TEST"))
    try:
        assert procedure in procedure_search(fold(name))
        assert procedure in procedure_search(name.upper())
    finally:
        procedure.delete()


def test_examples_from_the_issue() -> None:
    field = FieldFactory(code="HT", name="Hộ tịch")
    marriage = ProcedureFactory(name="Đăng ký kết hôn", field=field)
    mediation = ProcedureFactory(
        name="Hòa giải tranh chấp đất đai", field=FieldFactory(code="DD", name="Đất đai")
    )
    assert list(procedure_search("dang ky ket hon")) == [marriage]
    assert list(procedure_search("hoà giải")) == [mediation]
    assert list(procedure_search("ket hon dang ky")) == [marriage]
    assert set(procedure_search("ho tich")) == {marriage}
    assert set(procedure_search(marriage.code)) == {marriage}
    assert list(procedure_search("khong co thu tuc nay")) == []
    assert Procedure.objects.count() == procedure_search("").count()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity is PostgreSQL only")
def test_on_postgresql_a_small_typo_still_finds_the_procedure() -> None:
    marriage = ProcedureFactory(name="Đăng ký kết hôn", field=FieldFactory(code="HT", name="Hộ tịch"))
    ProcedureFactory(name="Cấp giấy phép xây dựng", field=FieldFactory(code="XD", name="Xây dựng"))
    assert list(procedure_search("dang ki ket hon")) == [marriage]
