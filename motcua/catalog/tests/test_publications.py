"""Publications: states and their one visibility rule, who may publish for which agency, the history
of changes, attachments checked by content, the shared search rule and the two indicators."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils import timezone

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog import publication_selectors as selectors
from motcua.catalog import publication_services as services
from motcua.catalog.models import Publication, PublicationChange, PublishingGrant, TimeUnit
from motcua.catalog.tests.factories import ProcedureFactory, make_version
from motcua.catalog.tests.publication_factories import PDF_BYTES, category, editor_for, make_publication
from motcua.core.exceptions import Conflict, InvalidInput
from motcua.core.indicators import indicator_all, indicator_value
from motcua.core.periods import Period
from motcua.core.uploads import UploadRefused

pytestmark = pytest.mark.django_db


def test_only_published_items_whose_time_has_come_are_public() -> None:
    editor = editor_for()
    public = make_publication(editor=editor, title="Đã đăng")
    make_publication(editor=editor, state="DRAFT", title="Nháp")
    scheduled = make_publication(
        editor=editor, state="SCHEDULED", at=timezone.now() + timedelta(days=2), title="Lên lịch"
    )
    make_publication(editor=editor, state="WITHDRAWN", title="Đã gỡ")
    assert list(Publication.objects.public()) == [public]
    assert scheduled.is_scheduled and scheduled.state_label == "Đã lên lịch"
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert set(Publication.objects.public()) == {public, scheduled}


def test_every_change_is_recorded_with_who_and_what() -> None:
    editor = editor_for()
    publication = make_publication(editor=editor, state="DRAFT", attachment=True)
    services.publication_save(
        editor=editor, publication=publication, title="Tiêu đề mới", summary="Tóm tắt kế hoạch."
    )
    services.publication_publish(editor=editor, publication=publication)
    services.publication_withdraw(editor=editor, publication=publication, reason="Hết thời hạn công khai")
    changes = list(publication.changes.all())
    assert [c.action for c in changes] == ["CREATE", "ATTACH", "EDIT", "PUBLISH", "WITHDRAW"]
    assert changes[2].fields == ["title"]  # the unchanged summary is not listed
    assert changes[4].note == "Hết thời hạn công khai"
    assert {c.actor_id for c in changes} == {editor.pk}


def test_withdrawal_needs_a_reason_and_a_published_item() -> None:
    editor = editor_for()
    draft = make_publication(editor=editor, state="DRAFT")
    with pytest.raises(Conflict):
        services.publication_withdraw(editor=editor, publication=draft, reason="x")
    public = make_publication(editor=editor)
    with pytest.raises(InvalidInput):
        services.publication_withdraw(editor=editor, publication=public, reason="   ")
    with pytest.raises(Conflict):
        services.publication_publish(editor=editor, publication=public)
    assert not public.changes.filter(action=PublicationChange.Action.WITHDRAW).exists()


def test_an_editor_publishes_only_for_their_tree_and_the_agencies_granted() -> None:
    city = AgencyFactory()
    office = AgencyFactory(parent=city)
    elsewhere = AgencyFactory()
    editor = editor_for(office)
    assert selectors.publishable_agency_ids(editor) == {office.pk}
    with pytest.raises(PermissionDenied):
        services.publication_save(editor=editor, agency=elsewhere, category=category(), title="Không được")
    assert not Publication.objects.exists()
    PublishingGrant.objects.create(user=editor, agency=city)
    assert selectors.publishable_agency_ids(editor) == {city.pk, office.pk}
    publication = services.publication_save(editor=editor, agency=city, category=category(), title="Được")
    assert publication.agency == city
    # Another editor of `elsewhere` cannot move it, publish it or withdraw it.
    stranger = editor_for(elsewhere)
    with pytest.raises(PermissionDenied):
        services.publication_publish(editor=stranger, publication=publication)
    # A desk officer is no editor at all.
    assert selectors.publishable_agency_ids(UserFactory(agency=city, role=Role.DESK_OFFICER)) == frozenset()


def test_attachments_are_refused_by_their_content_not_their_name() -> None:
    editor = editor_for()
    publication = make_publication(editor=editor, state="DRAFT")
    disguised = ContentFile(b"MZ\x90\x00 this is a program, not a PDF", name="ke-hoach.pdf")
    with pytest.raises(UploadRefused):
        services.publication_attach(editor=editor, publication=publication, file=disguised)
    truncated = ContentFile(b"%PDF-1.4\n garbage without an end", name="a.pdf")
    with pytest.raises(UploadRefused):
        services.publication_attach(editor=editor, publication=publication, file=truncated)
    good = services.publication_attach(
        editor=editor,
        publication=publication,
        file=ContentFile(PDF_BYTES, name="../../etc/x.exe"),
        title="Toàn văn",
    )
    assert good.content_type == "application/pdf"
    assert good.download_name.endswith(".pdf") and "etc" not in good.file.name


def test_search_ignores_accents_and_case_with_the_catalogue_rule() -> None:
    editor = editor_for()
    wanted = make_publication(editor=editor, title="Kế hoạch cải cách hành chính năm 2026")
    make_publication(editor=editor, title="Dự toán ngân sách", summary="Số liệu thu chi.")
    make_publication(editor=editor, state="DRAFT", title="Kế hoạch cải cách bản nháp")
    found = selectors.publication_catalogue(selectors.PublicationFilters(q="KE HOACH cai cach"))
    assert list(found) == [wanted]
    assert [
        p.title for p in selectors.publication_catalogue(selectors.PublicationFilters(q="ngan SÁCH"))
    ] == ["Dự toán ngân sách"]
    assert list(selectors.publication_catalogue(selectors.PublicationFilters(q="karaoke vũ trường"))) == []


def test_filters_by_category_agency_tree_and_year() -> None:
    city = AgencyFactory()
    ward = AgencyFactory(parent=city)
    editor = editor_for(city)
    news = category("tin", is_news=True)
    in_ward = make_publication(editor=editor, agency=ward, category=news, title="Tin phường")
    make_publication(editor=editor, agency=city, title="Kế hoạch thành phố")
    by_agency = selectors.publication_catalogue(selectors.PublicationFilters(agency=ward.code))
    assert list(by_agency) == [in_ward]
    assert list(selectors.publication_catalogue(selectors.PublicationFilters(category="tin"))) == [in_ward]
    this_year = timezone.localdate().year
    assert selectors.publication_catalogue(selectors.PublicationFilters(year=this_year)).count() == 2
    assert selectors.publication_catalogue(selectors.PublicationFilters(year=this_year - 1)).count() == 0
    assert selectors.latest_news() == [in_ward]


def test_publications_published_counts_by_publication_instant_and_agency_tree() -> None:
    city = AgencyFactory()
    ward = AgencyFactory(parent=city)
    other = AgencyFactory()
    editor = editor_for(city)
    PublishingGrant.objects.create(user=editor, agency=other)
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 3, 10, 9, 0))):
        make_publication(editor=editor, agency=city)
        make_publication(editor=editor, agency=ward)
        make_publication(editor=editor, agency=other)
        make_publication(editor=editor, agency=ward, state="WITHDRAWN")
        make_publication(editor=editor, agency=ward, state="DRAFT")
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 4, 2, 9, 0))):
        make_publication(editor=editor, agency=city)
    march = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert indicator_value("publications_published", march).value == 3
    assert indicator_value("publications_published", march, city).value == 2
    assert (
        indicator_value("publications_published", Period(date(2026, 3, 1), date(2026, 4, 30)), city).value
        == 3
    )
    _categories, rows, totals = selectors.publication_counts(march, city)
    assert {r.agency: r.total for r in rows} == {city: 1, ward: 1}
    assert sum(totals.values()) == 2


def test_procedures_published_is_the_share_with_every_part_a_to_g() -> None:
    city = AgencyFactory()
    complete = ProcedureFactory(agencies=[city])
    make_version(complete)
    without_steps = ProcedureFactory(agencies=[city])
    make_version(without_steps, steps_text="")
    no_agency = ProcedureFactory()
    make_version(no_agency)
    keys = {i.key for i in indicator_all(owner="catalog")}
    assert {"publications_published", "procedures_published"} <= keys
    period = Period(date(2026, 1, 1), date(2026, 1, 31))
    measure = indicator_value("procedures_published", period)
    # complete: a–g; without_steps lacks (b); no_agency lacks (g): 1 of 3.
    assert (measure.numerator, measure.denominator, str(measure.value)) == (1, 3, "33.33")
    for_city = indicator_value("procedures_published", period, city)
    assert (for_city.numerator, for_city.denominator) == (1, 2)


def test_a_zero_working_day_limit_is_a_published_time_limit() -> None:
    """CONTRACTS §2 allows N = 0 (closing of the day received): part (đ) is there whatever N, as long
    as the limit has its unit — one rule with the catalogue's own check (`limit_is_set`)."""
    version = make_version(ProcedureFactory(agencies=[AgencyFactory()]))
    assert selectors.version_has_parts_a_to_g(version)
    for unit in (TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS, TimeUnit.SAME_DAY):
        version.limit_value, version.limit_unit = 0, unit
        assert selectors.version_has_parts_a_to_g(version), unit
    for unit in ("", None, "FORTNIGHTS"):
        version.limit_value, version.limit_unit = 5, unit
        assert not selectors.version_has_parts_a_to_g(version), unit
    version.limit_value, version.limit_unit = None, TimeUnit.WORKING_DAYS
    assert not selectors.version_has_parts_a_to_g(version)
    version.limit_value, version.limit_unit = 0, TimeUnit.WORKING_HOURS  # no time at all: not a limit
    assert not selectors.version_has_parts_a_to_g(version)
